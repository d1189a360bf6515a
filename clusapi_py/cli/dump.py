"""`clusapi dump [--properties]`: the whole cluster in the topology format
(docs/topology.md), everything the format can hold that a cluster reports,
so that `dump` -> `--sim FILE` -> `dump` gives the same document:

- the snapshot (taken with properties: each resource's type is its `Type`
  property; the properties themselves are kept only with --properties);
- each group's preferred owners, each resource's dependencies and possible
  owners (per object: open, enumerate, close);
- every Cluster Shared Volume with its volume (path, volume name, partition,
  size, free space, fault and backup state).

Not carried, because no call reports them: the cluster's aliases and the
net interfaces' ids; nor a CSV whose disk is not online (it has no volume
to read: it is dumped as a plain disk resource)."""
import argparse
import json
import time
import typing

from ..errors import ClusterObjectNotFoundError
from ..handles import Cluster
from ..records import SharedVolume
from ._common import EXIT_OK, Context
from ._runtime import Failure

Topology = typing.Dict[str, typing.Any]


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--properties", action="store_true",
                        help="with every object's properties (the resource types are dumped either way)")


def _check_time(ctx: Context) -> None:
    # The walk is per object: it stops at --timeout rather than run on after the command gave up.
    if ctx.deadline is not None and time.monotonic() >= ctx.deadline:
        raise Failure("no answer within the time given (--timeout)", {"type": "Timeout",
                                                                      "message": "--timeout ran out"})


def _names(read: typing.Callable[[], typing.List[str]]) -> typing.List[str]:
    try:
        return read()
    except ClusterObjectNotFoundError:       # deleted while the dump was being taken
        return []


def _relations(ctx: Context, cluster: Cluster, topology: Topology) -> None:
    """Each group's preferred owners, each resource's dependencies and possible owners."""
    for group in topology["groups"]:
        _check_time(ctx)
        try:
            with cluster.open_group(group["name"]) as handle:
                group["preferred_owners"] = _names(handle.preferred_owner_names)
        except ClusterObjectNotFoundError:
            group["preferred_owners"] = []
    for resource in topology["resources"]:
        _check_time(ctx)
        try:
            with cluster.open_resource(resource["name"]) as handle:
                resource["dependencies"] = _names(handle.dependency_names)
                resource["possible_owners"] = _names(handle.possible_owner_names)
        except ClusterObjectNotFoundError:
            resource["dependencies"], resource["possible_owners"] = [], []


def _shared_volume(sv: SharedVolume) -> typing.Optional[Topology]:
    if not sv.volumes or sv.volumes[0].total_bytes is None:
        return None
    v = sv.volumes[0]
    entry: Topology = {"resource": sv.name, "path": v.path, "volume_name": v.volume_name, "label": v.label,
                       "partition_number": v.partition_number, "total_bytes": v.total_bytes,
                       "free_bytes": v.free_bytes if v.free_bytes is not None else v.total_bytes,
                       "fault_state": int(v.fault_state), "backup_state": int(v.backup_state)}
    return entry


def topology_of(ctx: Context, properties: bool) -> Topology:
    """The cluster as a topology (see the module's docstring for what it holds)."""
    cluster = ctx.cluster
    snap = ctx.snapshot(properties=True)
    topology: Topology = dict(snap.to_dict())
    if not properties:
        for key in ("cluster", "nodes", "networks", "netinterfaces", "groups", "resources"):
            for obj in ([topology[key]] if key == "cluster" else topology[key]):
                obj.pop("properties", None)
    _relations(ctx, cluster, topology)
    _check_time(ctx)
    topology["shared_volumes"] = [v for v in (_shared_volume(sv) for sv in cluster.shared_volumes())
                                  if v is not None]
    return topology


def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
    """The topology, with or without --json: what `--sim FILE` loads back.  The
    format has no room for a "simulated" mark, so a dump of a simulator says
    so on stderr."""
    topology = topology_of(ctx, args.properties)
    if ctx.simulated:
        ctx.note("(simulated) %s is a simulated cluster" % topology["cluster"]["name"])
    out.write(json.dumps(topology, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
