"""Prometheus metric families from snapshots: pure functions, no I/O, no
prometheus_client (the exporter turns these into its families).

The names, labels and values follow windows_exporter's `mscluster` collector
(`windows_mscluster_*`), so that its dashboards and alerts keep working:

* states are the Win32 numbers (node: 0 up, 1 down, 2 paused, 3 joining;
  group: 0 online, 1 offline, 2 failed, 3 partial online, 4 pending;
  resource: 2 online, 3 offline, 4 failed, 128-130 pending; network: 0
  unavailable, 1 down, 2 partitioned, 3 up; -1 unknown);
* `*_owner_node` has one series per (object, node): 1 on the owner, 0 on
  every other node;
* a property series is the property's value as a number, labelled `name`
  (resources: `type`, `owner_group`, `name`); a property the cluster did not
  report is left out, never written as 0.

What windows_exporter lacks is added under `windows_mscluster_*` (CSV fault
and backup state, CSV state), `clusapi_node_status_*` (one gauge per bit of a
node's StatusInformation) and `clusapi_exporter_*` (the exporter itself).

A node's NodeDrainStatus and StatusInformation are served by
node_status_families, not with the other properties: from the live view's
node statuses (kept current by events) where it has them, else from the
last property read.
"""
import re
import typing

from ..enums import NodeStatusInformation
from ..records import NodeStatus, SharedVolume
from ..snapshot import PropertyTable, Snapshot

PREFIX = "windows_mscluster_"
SELF_PREFIX = "clusapi_exporter_"
NODE_STATUS_PREFIX = "clusapi_node_status_"

Labels = typing.Tuple[str, ...]
Sample = typing.Tuple[Labels, float]


class Family(typing.NamedTuple):
    """One metric: its full name, help text, type ("gauge" or "counter"; a
    counter's name carries no _total here), label names and samples."""

    name: str
    help: str
    type: str
    labels: Labels
    samples: typing.List[Sample]


# ---- properties: (property name, metric suffix, help) -----------------------------------------------
# The property names are the cluster's common properties; the suffixes are windows_exporter's.
# NodeDrainStatus and StatusInformation are read here too but served by node_status_families.
NODE_PROPERTIES = (
    ("BuildNumber", "build_number", "The Windows build number of the node."),
    ("DynamicWeight", "dynamic_weight", "The node's vote as dynamic quorum has set it."),
    ("MajorVersion", "major_version", "The major Windows version of the node."),
    ("MinorVersion", "minor_version", "The minor Windows version of the node."),
    ("NeedsPreventQuorum", "needs_prevent_quorum", "1 if the node's cluster service must start with prevent quorum."),
    ("NodeDrainStatus", "node_drain_status", "Drain status. 0: not initiated, 1: in progress, 2: completed, "
                                             "3: failed."),
    ("NodeHighestVersion", "node_highest_version", "The highest cluster service version the node can talk to."),
    ("NodeLowestVersion", "node_lowest_version", "The lowest cluster service version the node can talk to."),
    ("NodeWeight", "node_weight", "The node's configured vote (0 or 1)."),
    ("StatusInformation", "status_information", "Isolation or quarantine status of the node."),
    ("DetectedCloudPlatform", "detected_cloud_platform", "The cloud platform the node detected (0: none)."),
)
GROUP_PROPERTIES = (
    ("AutoFailbackType", "auto_failback_type", "Whether the group fails back to its preferred owner."),
    ("ColdStartSetting", "cold_start_setting", "Whether the group may start after a cold start of the cluster."),
    ("DefaultOwner", "default_owner", "The node the group was last activated on or moved to (its number)."),
    ("FailbackWindowEnd", "failback_window_end", "The latest hour of the day the group may fail back."),
    ("FailbackWindowStart", "failback_window_start", "The earliest hour of the day the group may fail back."),
    ("FailoverPeriod", "failover_period", "Hours within which at most FailoverThreshold failovers are made."),
    ("FailoverThreshold", "failover_threshold", "Failovers allowed within FailoverPeriod."),
    ("GroupType", "group_type", "The kind of group (cluster group, file server, VM, ...)."),
    ("Priority", "priority", "The group's priority for placement and preemption."),
    ("ResiliencyPeriod", "resiliency_period", "Seconds the group stays in isolation before failing over."),
)
RESOURCE_PROPERTIES = (
    ("DeadlockTimeout", "deadlock_timeout", "Milliseconds before a call into the resource is declared deadlocked."),
    ("EmbeddedFailureAction", "embedded_failure_action", "What the cluster does when the resource's embedded "
                                                         "failure is reported."),
    ("IsAlivePollInterval", "is_alive_poll_interval", "Milliseconds between thorough health checks "
                                                      "(4294967295: the type's value)."),
    ("LooksAlivePollInterval", "looks_alive_poll_interval", "Milliseconds between quick health checks "
                                                            "(4294967295: the type's value)."),
    ("MonitorProcessId", "monitor_process_id", "Process id of the resource host monitor running the resource."),
    ("PendingTimeout", "pending_timeout", "Milliseconds a resource may stay pending before it is terminated."),
    ("RestartAction", "restart_action", "What the cluster does when the resource fails."),
    ("RestartDelay", "restart_delay", "Milliseconds before a failed resource is restarted."),
    ("RestartPeriod", "restart_period", "Milliseconds within which RestartThreshold restarts are tried."),
    ("RestartThreshold", "restart_threshold", "Restarts tried within RestartPeriod before RestartAction."),
    ("RetryPeriodOnFailure", "retry_period_on_failure", "Milliseconds a failed resource waits before a retry."),
)
NETWORK_PROPERTIES = (
    ("Metric", "metric", "The network's metric (lower is used first)."),
    ("Role", "role", "The network's role. 0: none, 1: cluster only, 2: client only, 3: cluster and client."),
)
# The cluster's properties windows_exporter reads (as MSCluster_Cluster does); its metric names are
# the property names in snake case (see _snake), a few spelled out where the acronyms split otherwise.
CLUSTER_PROPERTIES = (
    "AddEvictDelay", "AdminAccessPoint", "AutoAssignNodeSite", "AutoBalancerLevel", "AutoBalancerMode",
    "BackupInProgress", "BlockCacheSize", "ClusSvcHangTimeout", "ClusSvcRegroupOpeningTimeout",
    "ClusSvcRegroupPruningTimeout", "ClusSvcRegroupStageTimeout", "ClusSvcRegroupTickInMilliseconds",
    "ClusterEnforcedAntiAffinity", "ClusterFunctionalLevel", "ClusterGroupWaitDelay", "ClusterLogLevel",
    "ClusterLogSize", "ClusterUpgradeVersion", "CrossSiteDelay", "CrossSiteThreshold", "CrossSubnetDelay",
    "CrossSubnetThreshold", "CsvBalancer", "DatabaseReadWriteMode", "DefaultNetworkRole", "DetectedCloudPlatform",
    "DetectManagedEvents", "DetectManagedEventsThreshold", "DisableGroupPreferredOwnerRandomization",
    "DrainOnShutdown", "DynamicQuorumEnabled", "EnableSharedVolumes", "FixQuorum", "GracePeriodEnabled",
    "GracePeriodTimeout", "GroupDependencyTimeout", "HangRecoveryAction", "IgnorePersistentStateOnStartup",
    "LogResourceControls", "LowerQuorumPriorityNodeId", "MaxNumberOfNodes", "MessageBufferLength",
    "MinimumNeverPreemptPriority", "MinimumPreemptorPriority", "NetftIPSecEnabled", "PlacementOptions",
    "PlumbAllCrossSubnetRoutes", "PreventQuorum", "QuarantineDuration", "QuarantineThreshold",
    "QuorumArbitrationTimeMax", "QuorumArbitrationTimeMin", "QuorumLogFileSize", "QuorumTypeValue",
    "RequestReplyTimeout", "ResiliencyDefaultPeriod", "ResiliencyLevel", "ResourceDllDeadlockPeriod",
    "RootMemoryReserved", "RouteHistoryLength", "S2DBusTypes", "S2DCacheDesiredState",
    "S2DCacheFlashReservePercent", "S2DCachePageSizeKBytes", "S2DEnabled", "S2DIOLatencyThreshold",
    "S2DOptimizations", "SameSubnetDelay", "SameSubnetThreshold", "SecurityLevel", "SecurityLevelForStorage",
    "SharedVolumeVssWriterOperationTimeout", "ShutdownTimeoutInMinutes", "UseClientAccessNetworksForSharedVolumes",
    "WitnessDatabaseWriteTimeout", "WitnessDynamicWeight", "WitnessRestartInterval",
)
# The node properties node_status_families serves (the live view's values first).
LIVE_NODE_PROPERTIES = ("NodeDrainStatus", "StatusInformation")
# One gauge per StatusInformation bit (CLUSTER_NODE_STATUS): 1 when set, 0 when not.
NODE_STATUS_BITS = (
    (NodeStatusInformation.ISOLATED, "isolated", "1 if the node is isolated (out of the cluster's active "
                                                 "membership, its roles kept running for a while)."),
    (NodeStatusInformation.QUARANTINED, "quarantined", "1 if the node is quarantined (kept out after failing "
                                                       "too often)."),
    (NodeStatusInformation.DRAIN_IN_PROGRESS, "drain_in_progress", "1 while a drain of the node is in progress."),
    (NodeStatusInformation.DRAIN_COMPLETED, "drain_completed", "1 once a drain of the node has completed."),
    (NodeStatusInformation.DRAIN_FAILED, "drain_failed", "1 if a drain of the node failed."),
    (NodeStatusInformation.AVOID_PLACEMENT, "avoid_placement", "1 if roles avoid the node (placement)."),
)
# The property a cluster reports under another name than the one windows_exporter's series has.
CLUSTER_ALIASES = {"DynamicQuorumEnabled": "DynamicQuorum"}
# windows_exporter's spelling where its names do not split the property's name at each capital.
_SNAKE_EXCEPTIONS = {"S2DIOLatencyThreshold": "s2dio_latency_threshold",
                     "S2DCachePageSizeKBytes": "s2d_cache_page_size_k_bytes",
                     "NetftIPSecEnabled": "netft_ip_sec_enabled"}
# Properties windows_exporter reads as signed 32-bit numbers (a DWORD 0xFFFFFFFF, "not set", is -1 there).
SIGNED_PROPERTIES = frozenset({"FailbackWindowStart", "FailbackWindowEnd"})
_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

# windows_exporter's families this exporter does not serve, and why (README: "not served").  Every other
# family of tests/monitor/windows_exporter_mscluster.tsv is served with its name, labels and type.
_PER_OBJECT = ("a control call per object (CLUSCTL_*_GET_%s), not a property: the bulk property read does "
               "not carry it; reading it would add an open, a control and a close per object (about 152 000 "
               "round trips for the three controls on a 64-node, 24 000-resource cluster), and the simulator "
               "does not model it")
_NOT_A_PROPERTY = ("not a cluster common property: WMI's MSCluster_Cluster fills it itself (MaxNumberOfNodes "
                   "from CIM_Cluster, QuorumTypeValue from the quorum configuration), by a rule it does not document")
_UNDOCUMENTED = ("not among the documented cluster common properties (WMI's MSCluster_Cluster has it): served when "
                 "the cluster reports it")
_UNSUPPORTED = ("a cluster common property the docs mark \"not supported\" (a Windows Server 2003-2008 R2 "
                "property): a current cluster does not report it (served when a cluster does)")
NOT_SERVED: typing.Dict[str, str] = {}
for _kind in ("node", "network", "resourcegroup", "resource"):
    NOT_SERVED[PREFIX + _kind + "_characteristics"] = _PER_OBJECT % "CHARACTERISTICS"
    NOT_SERVED[PREFIX + _kind + "_flags"] = _PER_OBJECT % "FLAGS"
NOT_SERVED[PREFIX + "resource_resource_class"] = NOT_SERVED[PREFIX + "resource_subclass"] = \
    _PER_OBJECT % "CLASS_INFO"
for _suffix in ("info", "health_status", "size_bytes", "allocated_size_bytes", "footprint_on_pool_bytes",
                "storage_efficiency_percent"):
    NOT_SERVED[PREFIX + "virtualdisk_" + _suffix] = ("Storage Spaces virtual disks (WMI's storage classes) are "
                                                    "not part of the cluster API")
for _prop in ("max_number_of_nodes", "quorum_type_value"):
    NOT_SERVED[PREFIX + "cluster_" + _prop] = _NOT_A_PROPERTY
for _prop in ("grace_period_enabled", "grace_period_timeout", "shared_volume_vss_writer_operation_timeout"):
    NOT_SERVED[PREFIX + "cluster_" + _prop] = _UNDOCUMENTED
for _prop in ("quorum_arbitration_time_min", "disable_group_preferred_owner_randomization",
              "resource_dll_deadlock_period", "root_memory_reserved"):
    NOT_SERVED[PREFIX + "cluster_" + _prop] = _UNSUPPORTED
NOT_SERVED[PREFIX + "node_detected_cloud_platform"] = ("not a node common property (WMI's MSCluster_Node "
                                                      "has it from Windows Server 2022): served when the node "
                                                      "reports it")


def _snake(name: str) -> str:
    return _SNAKE_EXCEPTIONS.get(name) or _BOUNDARY.sub("_", name.replace("S2D", "S2d")).lower()


def _number(value: object, signed: bool = False) -> typing.Optional[float]:
    """A property value as a sample value; None for what is not a number (left out).
    signed: a DWORD read as a signed 32-bit number, as windows_exporter reads it."""
    if signed and isinstance(value, int) and not isinstance(value, bool) and 2**31 <= value < 2**32:
        return float(value - 2**32)
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _state(value: object) -> float:
    try:
        return float(typing.cast(int, value))
    except (TypeError, ValueError):
        return -1.0


# ---- the families -------------------------------------------------------------------------------------
def _names(snap: Snapshot) -> typing.List[str]:
    return [n.name for n in snap.nodes]


def node_state_family(snap: Snapshot) -> Family:
    return Family(PREFIX + "node_state", "The node's state. -1: unknown, 0: up, 1: down, 2: paused, 3: joining.",
                  "gauge", ("name",), [((n.name,), _state(n.state)) for n in snap.nodes])


def group_state_family(snap: Snapshot) -> Family:
    return Family(PREFIX + "resourcegroup_state", "The group's state. -1: unknown, 0: online, 1: offline, "
                  "2: failed, 3: partial online, 4: pending.", "gauge", ("name",),
                  [((g.name,), _state(g.state)) for g in snap.groups])


def group_owner_family(snap: Snapshot, every_node: bool = True) -> Family:
    """every_node=False: only the owner's series (1), not the 0 of every other node."""
    family = Family(PREFIX + "resourcegroup_owner_node", "1 on the node that owns the group, 0 on the others.",
                    "gauge", ("node_name", "name"), [])
    if every_node:
        nodes = _names(snap)
        family.samples.extend(((node, g.name), 1.0 if g.owner_node == node else 0.0)
                              for g in snap.groups for node in nodes)
    else:
        family.samples.extend(((g.owner_node, g.name), 1.0) for g in snap.groups if g.owner_node)
    return family


def resource_state_family(snap: Snapshot, types: typing.Mapping[str, str]) -> Family:
    return Family(PREFIX + "resource_state", "The resource's state. -1: unknown, 0: inherited, 1: initializing, "
                  "2: online, 3: offline, 4: failed, 128: pending, 129: online pending, 130: offline pending.",
                  "gauge", ("type", "owner_group", "name"),
                  [((types.get(r.name, ""), r.group, r.name), _state(r.state)) for r in snap.resources])


def resource_owner_family(snap: Snapshot, types: typing.Mapping[str, str], every_node: bool = True) -> Family:
    """every_node=False: only the owner's series (1), not the 0 of every other node."""
    family = Family(PREFIX + "resource_owner_node", "1 on the node that hosts the resource, 0 on the others.",
                    "gauge", ("type", "owner_group", "node_name", "name"), [])
    if every_node:
        nodes = _names(snap)
        family.samples.extend(((types.get(r.name, ""), r.group, node, r.name), 1.0 if r.owner_node == node else 0.0)
                              for r in snap.resources for node in nodes)
    else:
        family.samples.extend(((types.get(r.name, ""), r.group, r.owner_node, r.name), 1.0)
                              for r in snap.resources if r.owner_node)
    return family


def network_state_family(snap: Snapshot) -> Family:
    return Family(PREFIX + "network_state", "The network's state. -1: unknown, 0: unavailable, 1: down, "
                  "2: partitioned, 3: up.", "gauge", ("name",), [((n.name,), _state(n.state)) for n in snap.networks])


# ---- the owner series as text, one object at a time (the exporter keeps each object's lines) --------------
GROUP_OWNER = (PREFIX + "resourcegroup_owner_node", "1 on the node that owns the group, 0 on the others.")
RESOURCE_OWNER = (PREFIX + "resource_owner_node", "1 on the node that hosts the resource, 0 on the others.")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: str) -> str:
    """`value` with each unpaired UTF-16 surrogate (a name from clusapi.dll can carry one; UTF-8
    cannot encode it) replaced by U+FFFD, the replacement character."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def safe_family(family: Family) -> Family:
    """The family with safe_text() applied to its label values."""
    return family._replace(samples=[(tuple(safe_text(v) for v in labels), value)
                                    for labels, value in family.samples])


def escape(value: str) -> str:
    """A label value in the text formats (Prometheus 0.0.4 and OpenMetrics write them alike)."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def encode(text: str) -> bytes:
    """UTF-8 bytes of exposition text; an unpaired surrogate (see safe_text) becomes U+FFFD."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return safe_text(text).encode("utf-8")


def _value_text(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "+Inf" if value > 0 else "-Inf"
    return repr(float(value))


def gauge_text(family: Family, openmetrics: bool = False,
               label_cache: typing.Optional[typing.Dict[typing.Tuple[Labels, Labels], str]] = None) -> str:
    """A gauge family in the text format, or OpenMetrics (the same lines but for the HELP text's
    escaping of a double quote): what prometheus_client writes, made in one pass over the samples.
    `label_cache`: {(label names, values): their text}, shared by the families written together
    (a resource's eleven property series write its labels once)."""
    if family.type != "gauge":
        raise ValueError("gauge_text: %s is a %s" % (family.name, family.type))
    help_text = family.help.replace("\\", "\\\\").replace("\n", "\\n")
    if openmetrics:
        help_text = help_text.replace('"', '\\"')
    out = ["# HELP %s %s\n# TYPE %s gauge\n" % (family.name, help_text, family.name)]
    names = family.labels
    if not names:
        out.extend("%s %s\n" % (family.name, _value_text(value)) for _, value in family.samples)
    else:
        heads = [("{" if i == 0 else ",") + "%s=\"" % n for i, n in enumerate(names)]
        cache = label_cache if label_cache is not None else {}
        numbers: typing.Dict[float, str] = {}      # property values repeat: each written once
        for labels, value in family.samples:
            text = cache.get((names, labels))
            if text is None:
                text = cache[(names, labels)] = "".join(head + escape(v) + '"' for head, v in zip(heads, labels))
            number = numbers.get(value)
            if number is None:
                number = numbers[value] = "} %s\n" % _value_text(value)
            out.append(family.name + text + number)
    return "".join(out)


def header(name: str, text: str) -> str:
    """The HELP and TYPE lines of a gauge (the same in both formats for these help texts)."""
    return "# HELP %s %s\n# TYPE %s gauge\n" % (name, text.replace("\\", "\\\\").replace("\n", "\\n"), name)


def owner_lines(metric: str, prefix: typing.Sequence[typing.Tuple[str, str]], name: str, owner: str,
                nodes: typing.Sequence[str], every_node: bool,
                escaped_nodes: typing.Optional[typing.Sequence[str]] = None) -> str:
    """One object's *_owner_node lines: labels `prefix` (name, value pairs), node_name, name;
    a line per node (1 on the owner), or with every_node=False the owner's line only.
    `escaped_nodes`: escape() of each of `nodes`, when the caller has them already."""
    head = metric + "{" + "".join('%s="%s",' % (k, escape(v)) for k, v in prefix) + 'node_name="'
    tail = '",name="%s"} ' % escape(name)
    if not every_node:
        return head + escape(owner) + tail + "1.0\n" if owner else ""
    escaped = list(escaped_nodes) if escaped_nodes is not None else [escape(node) for node in nodes]
    # The lines of the other nodes joined in one call; the owner's line (1) put in its place.
    zero = tail + "0.0\n"
    between = zero + head

    def run(part: typing.Sequence[str]) -> str:
        return head + between.join(part) + zero if part else ""
    at = nodes.index(owner) if owner in nodes else -1
    if at < 0:
        return run(escaped)
    return run(escaped[:at]) + head + escaped[at] + tail + "1.0\n" + run(escaped[at + 1:])


def resource_types(props: typing.Optional[Snapshot]) -> typing.Dict[str, str]:
    """{resource name: resource type} from a snapshot read with properties."""
    table = props.resource_properties if props is not None else None
    if table is None:
        return {}
    out = {}
    for name in table:
        kind = table[name].get("Type")
        out[name] = kind if isinstance(kind, str) else ""
    return out


class PropertyValues(typing.NamedTuple):
    """What the property series need from a snapshot read with properties, and no more (the
    exporter keeps this, not the snapshot with every object's decoded lists): per kind, each
    object's numbers in its columns' order (None: not reported); the resources' groups and
    types as read; the cluster's series (name, help, value)."""

    cluster_name: str
    rows: typing.Dict[str, typing.List[typing.Tuple[str, typing.Tuple[typing.Optional[float], ...]]]]
    resource_groups: typing.Dict[str, str]
    types: typing.Dict[str, str]
    cluster: typing.List[typing.Tuple[str, str, float]]


# (kind in the metric names, columns, the snapshot's property table, its objects)
_PROPERTY_KINDS = (("node", NODE_PROPERTIES, "node_properties", "nodes"),
                   ("resourcegroup", GROUP_PROPERTIES, "group_properties", "groups"),
                   ("resource", RESOURCE_PROPERTIES, "resource_properties", "resources"),
                   ("network", NETWORK_PROPERTIES, "network_properties", "networks"))


def property_values(props: Snapshot) -> PropertyValues:
    """The numbers the property series show, from a snapshot read with properties=True
    (decoding each object's lists: a malformed one raises ValueError)."""
    rows: typing.Dict[str, typing.List[typing.Tuple[str, typing.Tuple[typing.Optional[float], ...]]]] = {}
    for kind, columns, attribute, objects in _PROPERTY_KINDS:
        table: typing.Optional[PropertyTable] = getattr(props, attribute)
        if table is None:
            continue
        got = rows[kind] = []
        for obj in getattr(props, objects):
            if obj.name in table:
                values = table[obj.name]
                got.append((obj.name, tuple(_number(values.get(prop), prop in SIGNED_PROPERTIES)
                                            for prop, _, _ in columns)))
    cluster_series = []
    cluster = props.cluster_properties
    if cluster is not None:
        for prop in CLUSTER_PROPERTIES:
            number = _number(cluster.get(prop, cluster.get(CLUSTER_ALIASES.get(prop, ""))))
            if number is None and prop == "QuorumLogFileSize":     # as WMI: GetClusterQuorumResource's
                number = float(props.quorum.max_log_size)
            if number is not None:
                cluster_series.append((PREFIX + "cluster_" + _snake(prop), "The cluster's %s property." % prop,
                                       number))
    return PropertyValues(props.cluster_name, rows, {r.name: r.group for r in props.resources},
                          resource_types(props), cluster_series)


def property_families(props: typing.Union[Snapshot, PropertyValues], groups: typing.Mapping[str, str],
                      types: typing.Mapping[str, str]) -> typing.List[Family]:
    """The property series, from a snapshot read with properties=True (or its property_values()).
    `groups`: {resource name: group} as the live view has it now (the
    properties may be older than the states)."""
    values = props if isinstance(props, PropertyValues) else property_values(props)
    out: typing.List[Family] = []
    for kind, columns, _, _ in _PROPERTY_KINDS:
        got = values.rows.get(kind)
        if got is None:
            continue
        resource = kind == "resource"
        label_names = ("type", "owner_group", "name") if resource else ("name",)
        live = LIVE_NODE_PROPERTIES if kind == "node" else ()
        families: typing.List[typing.Optional[Family]] = [None if prop in live else Family(PREFIX + kind + "_" + suffix, text, "gauge", label_names, [])
                    for prop, suffix, text in columns]
        for name, numbers in got:
            labels = ((types.get(name, ""), groups.get(name, values.resource_groups.get(name, "")), name)
                      if resource else (name,))
            for number, family in zip(numbers, families):
                if number is not None and family is not None:
                    family.samples.append((labels, number))
        out += [f for f in families if f is not None and f.samples]
    out += [Family(name, text, "gauge", ("name",), [((values.cluster_name,), number)])
            for name, text, number in values.cluster]
    return out


_NODE_COLUMNS = [prop for prop, _, _ in NODE_PROPERTIES]


def node_status_families(snap: Snapshot, live: typing.Mapping[str, NodeStatus],
                         read: typing.Optional[PropertyValues]) -> typing.List[Family]:
    """windows_exporter's node_drain_status and status_information, and one
    clusapi_node_status_<bit> gauge per StatusInformation bit, for each node
    of `snap`: the live view's status (`live`, {node name: NodeStatus}) where
    it has the value, else the property read's; a node with neither is left out."""
    drain_at, info_at = _NODE_COLUMNS.index("NodeDrainStatus"), _NODE_COLUMNS.index("StatusInformation")
    read_rows = dict(read.rows.get("node", [])) if read is not None else {}
    drain = Family(PREFIX + "node_node_drain_status", "Drain status. 0: not initiated, 1: in progress, "
                   "2: completed, 3: failed.", "gauge", ("name",), [])
    info = Family(PREFIX + "node_status_information", "Isolation or quarantine status of the node.", "gauge",
                  ("name",), [])
    bits = [Family(NODE_STATUS_PREFIX + suffix, text, "gauge", ("name",), []) for _, suffix, text in NODE_STATUS_BITS]
    for n in snap.nodes:
        status, numbers = live.get(n.name), read_rows.get(n.name)
        d = status.drain_status if status is not None else None
        i = status.status_information if status is not None else None
        if d is None and numbers is not None:
            d = None if numbers[drain_at] is None else int(numbers[drain_at] or 0)
        if i is None and numbers is not None:
            i = None if numbers[info_at] is None else int(numbers[info_at] or 0)
        if d is not None:
            drain.samples.append(((n.name,), float(d)))
        if i is not None:
            info.samples.append(((n.name,), float(i)))
            for (bit, _, _), family in zip(NODE_STATUS_BITS, bits):
                family.samples.append(((n.name,), 1.0 if i & bit else 0.0))
    return [f for f in [drain, info] + bits if f.samples]


def volume_families(volumes: typing.Sequence[SharedVolume]) -> typing.List[Family]:
    """Cluster Shared Volumes: windows_exporter's info/total/free series, plus
    fault state, backup state and the CSV resource's state.  A volume's `name`
    is its volume label (trailing blanks cut), as windows_exporter has it; the
    resource state's `name` is the CSV resource's."""
    info = Family(PREFIX + "shared_volumes_info", "A Cluster Shared Volume (value always 1).", "gauge",
                  ("name", "path", "volume_guid"), [])
    total = Family(PREFIX + "shared_volumes_total_bytes", "Size of the Cluster Shared Volume in bytes.", "gauge",
                   ("name", "volume_guid"), [])
    free = Family(PREFIX + "shared_volumes_free_bytes", "Free space on the Cluster Shared Volume in bytes.", "gauge",
                  ("name", "volume_guid"), [])
    fault = Family(PREFIX + "shared_volumes_fault_state", "The volume's fault state flags (0: no fault; "
                   "1: no direct I/O (redirected), 2: no access, 4: in maintenance, 8: dismounted).", "gauge",
                   ("name", "volume_guid"), [])
    backup = Family(PREFIX + "shared_volumes_backup_in_progress", "1 while a backup of the volume runs.", "gauge",
                    ("name", "volume_guid"), [])
    state = Family(PREFIX + "shared_volumes_resource_state", "The state of the CSV's disk resource "
                   "(values as windows_mscluster_resource_state).", "gauge", ("name", "owner_node"), [])
    for sv in volumes:
        state.samples.append(((sv.name, sv.owner_node), _state(sv.state)))
        for v in sv.volumes:
            guid, label = _guid(v.volume_name), v.label.rstrip(" ")
            info.samples.append(((label, v.path, guid), 1.0))
            if v.total_bytes is not None:
                total.samples.append(((label, guid), float(v.total_bytes)))
            if v.free_bytes is not None:
                free.samples.append(((label, guid), float(v.free_bytes)))
            fault.samples.append(((label, guid), float(v.fault_state)))
            backup.samples.append(((label, guid), float(v.backup_state)))
    return [info, total, free, fault, backup, state]


_GUID = re.compile(r"\{([0-9a-fA-F-]{36})\}")


def _guid(volume_name: str) -> str:
    """`\\\\?\\Volume{guid}\\` -> the guid (the whole name when it has none)."""
    found = _GUID.search(volume_name)
    return found.group(1) if found else volume_name


# ---- the exporter's own metrics --------------------------------------------------------------------------
class LastError(typing.NamedTuple):
    """The last failure: the clusapi function (or what the exporter was doing), its Win32 code
    (0 when it has none) and message, and when (Unix time)."""

    function: str
    code: int
    message: str
    at: float


class Status(typing.NamedTuple):
    """What the exporter knows about itself at one scrape."""

    up: bool                                   # connected and the view current
    connected: bool
    stale: bool
    last_sync: typing.Optional[float]          # Unix time the states were last known current
    ages: typing.Mapping[str, float]           # {source: seconds since it was last read}
    events_applied: int
    resyncs: int
    reconnects: int
    connect_failures: int
    property_refreshes: int
    property_failures: int
    property_overruns: int
    property_duration: typing.Optional[float]  # seconds the last refresh took
    round_trips: typing.Optional[int]          # backend round trips, where the backend counts them
    scrapes: int
    last_scrape_duration: typing.Optional[float]
    simulated: bool
    cluster: str
    last_error: typing.Optional[LastError] = None
    stale_reconnects: int = 0
    build: typing.Tuple[str, str, str] = ("", "", "")    # package version, Python, cffi


def self_families(status: Status) -> typing.List[Family]:
    def one(suffix: str, text: str, value: float, kind: str = "gauge") -> Family:
        return Family(SELF_PREFIX + suffix, text, kind, (), [((), value)])

    out = [
        one("up", "1 when the exporter is connected to the cluster and its view is current.", float(status.up)),
        one("connected", "1 while the exporter has the cluster open.", float(status.connected)),
        one("view_stale", "1 while the live view re-reads the cluster (the values served are the last known).",
            float(status.stale)),
        one("events_applied", "Cluster notifications applied to the live view.", float(status.events_applied),
            "counter"),
        one("resyncs", "Full re-reads of the cluster by the live view after the first.", float(status.resyncs),
            "counter"),
        one("reconnects", "Times the exporter opened the cluster again after the first connection.",
            float(status.reconnects), "counter"),
        one("stale_reconnects", "Reopens of a live view that stayed stale too long (counted in reconnects too).",
            float(status.stale_reconnects), "counter"),
        one("connect_failures", "Failed attempts to open the cluster.", float(status.connect_failures), "counter"),
        one("property_refreshes", "Property reads (snapshot with properties and the CSVs) completed.",
            float(status.property_refreshes), "counter"),
        one("property_refresh_failures", "Property reads that failed.", float(status.property_failures), "counter"),
        one("property_refresh_overruns", "Property reads that took longer than their time budget.",
            float(status.property_overruns), "counter"),
        one("scrapes", "Scrapes answered.", float(status.scrapes), "counter"),
    ]
    if status.last_sync is not None:
        out.append(one("last_sync_timestamp_seconds", "When the states were last known to be current (Unix time).",
                       status.last_sync))
    if status.property_duration is not None:
        out.append(one("property_refresh_duration_seconds", "How long the last property read took.",
                       status.property_duration))
    if status.last_scrape_duration is not None:
        out.append(one("scrape_duration_seconds", "How long the previous scrape took to build its metrics.",
                       status.last_scrape_duration))
    if status.round_trips is not None:
        out.append(one("backend_round_trips", "Round trips to the cluster made by this process (all threads).",
                       float(status.round_trips), "counter"))
    out.append(Family(SELF_PREFIX + "data_age_seconds", "Seconds since each source was last read (states: 0 "
                      "while the live view is current).", "gauge", ("source",),
                      [((source,), age) for source, age in sorted(status.ages.items())]))
    out.append(Family(SELF_PREFIX + "info", "The cluster served (value always 1).", "gauge",
                      ("cluster", "simulated"), [((status.cluster, "true" if status.simulated else "false"), 1.0)]))
    out.append(Family(SELF_PREFIX + "build_info", "The exporter's version, Python's and cffi's (value always 1).",
                      "gauge", ("version", "python", "cffi"), [(status.build, 1.0)]))
    error = status.last_error
    if error is not None:
        out.append(Family(SELF_PREFIX + "last_error_info", "The last failure: the clusapi function (or the "
                          "exporter's step), its Win32 code and message (value always 1).", "gauge",
                          ("function", "code", "message"), [((error.function, str(error.code), error.message), 1.0)]))
        out.append(one("last_error_timestamp_seconds", "When the last failure happened (Unix time).", error.at))
    return out
