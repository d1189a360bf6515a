/*
 * sim/cs_sim_props_defaults.c - the properties every simulated object has
 * before anything is set: the names and types the Microsoft docs list for
 * each object of a Windows Server 2022 cluster, with its usual defaults.
 * A property marked with a later build than the cluster's (14393 = Server
 * 2016, 17763 = Server 2019, 20348 = Server 2022) is absent, the way an
 * older cluster lacks it.  A model, not an exhaustive record.
 *
 * Left out on purpose (what WMI's MSCluster_Cluster shows but a Server
 * 2016+ cluster does not report as a common property): the properties the
 * docs mark "not supported" since Windows Server 2003 / 2008 R2 / 2012
 * (QuorumArbitrationTimeMin, DisableGroupPreferredOwnerRandomization,
 * ResourceDllDeadlockPeriod, RootMemoryReserved); GracePeriodEnabled,
 * GracePeriodTimeout, SharedVolumeVssWriterOperationTimeout,
 * MaxNumberOfNodes, QuorumLogFileSize and QuorumTypeValue, which the
 * documented cluster common properties do not list (WMI's provider fills
 * them; the quorum log size is GetClusterQuorumResource's);
 * and a node's DetectedCloudPlatform (not a node common property).
 */
#include "sim/cs_sim_props.h"
#include <string.h>

enum value_kind {
    V_INT,          /* i */
    V_STR,          /* s (ASCII) */
    V_MULTI,        /* s: ASCII strings separated by '|'; "" = empty list */
    V_TIME,         /* i: FILETIME ticks */
    V_BIN,          /* s: bytes in hex */
    V_NAME,         /* the object's name */
    V_ID,           /* the object's id */
    V_TYPE,         /* a resource's type */
    V_CLUSTER,      /* the cluster's name */
    V_BUILD,        /* the cluster's build */
    V_CSD,          /* its CSD version */
    V_HIGHEST,      /* its highest version */
    V_LOWEST,       /* its lowest version */
    V_LEVEL,        /* functional level: highest version >> 16 */
    V_UPGRADE,      /* upgrade version: highest version & 0xFFFF */
    V_GROUPTYPE,    /* CLUSGROUP_TYPE from the group's name */
    V_GSTATUS,      /* a group's StatusInformation (cs_sim_queue.c) */
    V_NODE,         /* a net interface's node name */
    V_NETWORK,      /* a net interface's network name */
    V_DRAIN         /* i: a node's drain field (sim_drain_value: 0 status, 1 target, 2 error, 3 status bits) */
};

typedef struct prop_default {
    const char *name;
    DWORD syntax;
    int flags;
    WORD since;             /* the first build that has it (0: all) */
    int kind;               /* value_kind */
    int64_t i;
    const char *s;
} prop_default;

#define DW CLUSPROP_SYNTAX_LIST_VALUE_DWORD
#define SZ CLUSPROP_SYNTAX_LIST_VALUE_SZ
#define XSZ CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ
#define MSZ CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ
#define U64 CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER
#define I64 CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER
#define LNG CLUSPROP_SYNTAX_LIST_VALUE_LONG
#define FT CLUSPROP_SYNTAX_LIST_VALUE_FILETIME
#define BIN CLUSPROP_SYNTAX_LIST_VALUE_BINARY
#define RW 0
#define RO PF_RO
#define PRW PF_PRIVATE
#define PRO (PF_PRIVATE | PF_RO)
#define I(n, syn, fl, since, v) { n, syn, fl, since, V_INT, v, NULL }
#define S(n, fl, since, v) { n, SZ, fl, since, V_STR, 0, v }
#define D(n, syn, fl, since, k) { n, syn, fl, since, k, 0, NULL }
#define M(n, fl, since, v) { n, MSZ, fl, since, V_MULTI, 0, v }
#define END { NULL, 0, 0, 0, 0, 0, NULL }
#define T_2024 133485408000000000ll   /* 2024-01-01T00:00:00Z */

static const prop_default node_props[] = {
    S("Description", RW, 0, ""),
    I("NodeWeight", DW, RW, 0, 1),
    I("NeedsPreventQuorum", DW, RW, 0, 0),
    I("EnableEventLogDeduplication", DW, RW, 0, 1),
    D("BuildNumber", DW, RO, 0, V_BUILD),
    D("CSDVersion", SZ, RO, 0, V_CSD),
    I("MajorVersion", DW, RO, 0, 10),
    I("MinorVersion", DW, RO, 0, 0),
    D("NodeHighestVersion", DW, RO, 0, V_HIGHEST),
    D("NodeLowestVersion", DW, RO, 0, V_LOWEST),
    D("NodeName", SZ, RO, 0, V_NAME),
    D("NodeInstanceID", SZ, RO, 0, V_ID),
    { "NodeDrainStatus", DW, RO, 0, V_DRAIN, 0, NULL },
    { "NodeDrainTarget", SZ, RO, 0, V_DRAIN, 1, NULL },
    I("DynamicWeight", DW, RO, 0, 1),
    { "StatusInformation", U64, RO, 14393, V_DRAIN, 3, NULL },
    S("FaultDomainId", RO, 14393, ""),
    S("Manufacturer", RO, 14393, "Contoso"),
    S("Model", RO, 14393, "Virtual Machine"),
    S("SerialNumber", RO, 14393, ""),
    { "DrainErrorCode", DW, RO, 20348, V_DRAIN, 2, NULL },     /* the build that has it is inferred */
    END
};

static const prop_default group_props[] = {
    D("Name", SZ, RW, 0, V_NAME),
    S("Description", RW, 0, ""),
    M("AntiAffinityClassNames", RW, 0, ""),
    I("AutoFailbackType", DW, RW, 0, 0),
    I("DefaultOwner", DW, RW, 0, 0xFFFFFFFFll),
    I("FailbackWindowEnd", DW, RW, 0, 0xFFFFFFFFll),
    I("FailbackWindowStart", DW, RW, 0, 0xFFFFFFFFll),
    I("FailoverPeriod", DW, RW, 0, 6),
    I("FailoverThreshold", DW, RW, 0, 0xFFFFFFFFll),
    I("PersistentState", DW, RW, 0, 1),
    I("Priority", DW, RW, 0, 2000),
    D("GroupType", DW, RO, 0, V_GROUPTYPE),
    I("ColdStartSetting", DW, RW, 14393, 0),
    I("FaultDomain", DW, RW, 14393, 0),
    I("UpdateDomain", DW, RW, 14393, 0),
    I("ResiliencyPeriod", DW, RW, 14393, 0xFFFFFFFFll),
    I("IsCoreGroup", DW, RO, 0, 0),
    D("StatusInformation", U64, RO, 14393, V_GSTATUS),
    END
};

static const prop_default resource_props[] = {
    D("Name", SZ, RW, 0, V_NAME),
    S("Description", RW, 0, ""),
    I("IsAlivePollInterval", DW, RW, 0, 0xFFFFFFFFll),
    I("LooksAlivePollInterval", DW, RW, 0, 0xFFFFFFFFll),
    I("PendingTimeout", DW, RW, 0, 180000),
    I("DeadlockTimeout", DW, RW, 0, 300000),
    I("RestartAction", DW, RW, 0, 2),
    I("RestartDelay", DW, RW, 0, 500),
    I("RestartPeriod", DW, RW, 0, 900000),
    I("RestartThreshold", DW, RW, 0, 1),
    I("RetryPeriodOnFailure", DW, RW, 0, 3600000),
    I("SeparateMonitor", DW, RW, 0, 0),
    I("PersistentState", DW, RW, 0, 1),
    I("EmbeddedFailureAction", DW, RW, 14393, 2),
    D("Type", SZ, RO, 0, V_TYPE),
    I("MonitorProcessId", DW, RO, 0, 2368),
    I("IsClusterSharedVolume", DW, RO, 0, 0),
    I("StatusInformation", U64, RO, 14393, 0),
    I("LastOperationStatusCode", U64, RO, 14393, 0),
    I("ResourceSpecificData1", U64, RO, 14393, 0),
    I("ResourceSpecificData2", U64, RO, 14393, 0),
    S("ResourceSpecificStatus", RO, 14393, ""),
    END
};

static const prop_default ip_address_props[] = {
    S("Address", PRW, 0, "10.0.0.50"),
    S("SubnetMask", PRW, 0, "255.255.255.0"),
    S("Network", PRW, 0, "Cluster Network 1"),
    I("EnableDhcp", DW, PRW, 0, 0),
    I("OverrideAddressMatch", DW, PRW, 0, 0),
    I("ProbePort", DW, PRW, 0, 0),
    I("ProbeFailureThreshold", DW, PRW, 0, 0),
    I("LeaseObtainedTime", FT, PRO, 0, 0),
    I("LeaseExpiresTime", FT, PRO, 0, 0),
    END
};

static const prop_default network_name_props[] = {
    D("Name", SZ, PRW, 0, V_NAME),
    S("DnsName", PRW, 0, ""),
    I("RegisterAllProvidersIP", DW, PRW, 0, 0),
    I("HostRecordTTL", DW, PRW, 0, 1200),
    I("PublishPTRRecords", DW, PRW, 0, 0),
    I("StatusNetBIOS", DW, PRO, 0, 0),
    I("StatusDNS", DW, PRO, 0, 0),
    I("StatusKerberos", DW, PRO, 0, 0),
    S("CreatingDC", PRO, 0, "\\\\DC01.contoso.local"),
    I("LastDNSUpdateTime", FT, PRO, 0, T_2024),
    { "ResourceData", BIN, PRO, 0, V_BIN, 0, "0100000000000000" },
    END
};

static const prop_default physical_disk_props[] = {
    I("DiskIdType", DW, PRW, 0, 0),
    I("DiskSignature", DW, PRW, 0, 0x5A3C1E07ll),
    S("DiskIdGuid", PRW, 0, ""),
    I("DiskRunChkDsk", DW, PRW, 0, 0),
    I("MaintenanceMode", DW, PRW, 0, 0),
    { "DiskPath", XSZ, PRW, 0, V_STR, 0, "" },
    S("DiskGuid", PRO, 0, ""),
    END
};

static const prop_default generic_service_props[] = {
    S("ServiceName", PRW, 0, ""),
    S("StartupParameters", PRW, 0, ""),
    I("UseNetworkName", DW, PRW, 0, 0),
    END
};

static const prop_default virtual_machine_props[] = {
    S("VmID", PRW, 0, ""),
    I("OfflineAction", DW, PRW, 0, 1),
    I("ShutdownAction", DW, PRW, 0, 0),
    I("CheckHeartbeat", DW, PRW, 0, 1),
    I("MigrationState", DW, PRO, 0, 0),
    END
};

static const prop_default network_props[] = {
    D("Name", SZ, RW, 0, V_NAME),
    S("Description", RW, 0, ""),
    I("Role", DW, RW, 0, 3),
    I("Metric", DW, RW, 0, 39840),
    I("AutoMetric", DW, RW, 0, 1),
    S("Address", RO, 0, "10.0.0.0"),
    S("AddressMask", RO, 0, "255.255.255.0"),
    D("Id", SZ, RO, 0, V_ID),
    M("IPv4Addresses", RO, 0, "10.0.0.0"),
    M("IPv4PrefixLengths", RO, 0, "24"),
    M("IPv6Addresses", RO, 0, ""),
    M("IPv6PrefixLengths", RO, 0, ""),
    END
};

static const prop_default netinterface_props[] = {
    S("Description", RW, 0, ""),
    D("Name", SZ, RO, 0, V_NAME),
    D("Node", SZ, RO, 0, V_NODE),
    D("Network", SZ, RO, 0, V_NETWORK),
    S("Adapter", RO, 0, "Microsoft Hyper-V Network Adapter"),
    S("AdapterId", RO, 0, ""),
    S("Address", RO, 0, "10.0.0.11"),
    I("DhcpEnabled", DW, RO, 0, 0),
    M("IPv4Addresses", RO, 0, "10.0.0.11"),
    M("IPv6Addresses", RO, 0, ""),
    END
};

static const prop_default cluster_props[] = {
    S("Description", RW, 0, ""),
    I("AddEvictDelay", DW, RW, 0, 60),
    I("BackupInProgress", DW, RW, 0, 0),
    I("BlockCacheSize", DW, RW, 0, 0),
    I("ClusSvcHangTimeout", DW, RW, 0, 60),
    I("ClusSvcRegroupOpeningTimeout", DW, RW, 0, 5),
    I("ClusSvcRegroupPruningTimeout", DW, RW, 0, 5),
    I("ClusSvcRegroupStageTimeout", DW, RW, 0, 5),
    I("ClusSvcRegroupTickInMilliseconds", DW, RW, 0, 300),
    I("ClusterEnforcedAntiAffinity", DW, RW, 0, 0),
    I("ClusterGroupWaitDelay", DW, RW, 0, 120),
    I("ClusterLogLevel", DW, RW, 0, 3),
    I("ClusterLogSize", DW, RW, 0, 300),
    I("CrossSiteDelay", DW, RW, 0, 1000),
    I("CrossSiteThreshold", DW, RW, 0, 20),
    I("CrossSubnetDelay", DW, RW, 0, 1000),
    I("CrossSubnetThreshold", DW, RW, 0, 20),
    I("CsvBalancer", DW, RW, 0, 1),
    I("DatabaseReadWriteMode", DW, RW, 0, 0),
    I("DefaultNetworkRole", DW, RW, 0, 2),
    I("DynamicQuorum", DW, RW, 0, 1),
    I("EnableSharedVolumes", DW, RW, 0, 1),
    I("FixQuorum", DW, RW, 0, 0),
    I("GroupDependencyTimeout", DW, RW, 0, 600),
    I("HangRecoveryAction", DW, RW, 0, 3),
    I("IgnorePersistentStateOnStartup", DW, RW, 0, 0),
    I("LogResourceControls", DW, RW, 0, 0),
    I("LowerQuorumPriorityNodeId", DW, RW, 0, 0),
    I("MessageBufferLength", DW, RW, 0, 50),
    I("MinimumNeverPreemptPriority", DW, RW, 0, 3000),
    I("MinimumPreemptorPriority", DW, RW, 0, 1),
    I("NetftIPSecEnabled", DW, RW, 0, 1),
    I("PlacementOptions", DW, RW, 0, 0),
    I("PlumbAllCrossSubnetRoutes", DW, RW, 0, 0),
    I("PreventQuorum", DW, RW, 0, 0),
    I("QuorumArbitrationTimeMax", DW, RW, 0, 20),
    I("RequestReplyTimeout", DW, RW, 0, 60),
    I("RouteHistoryLength", DW, RW, 0, 10),
    I("SameSubnetDelay", DW, RW, 0, 1000),
    I("SameSubnetThreshold", DW, RW, 0, 10),
    I("SecurityLevel", DW, RW, 0, 1),
    M("SharedVolumeCompatibleFilters", RW, 0, ""),
    M("SharedVolumeIncompatibleFilters", RW, 0, ""),
    S("SharedVolumesRoot", RW, 0, "C:\\ClusterStorage"),
    I("ShutdownTimeoutInMinutes", DW, RW, 0, 20),
    I("UseClientAccessNetworksForSharedVolumes", DW, RW, 0, 0),
    I("WitnessDatabaseWriteTimeout", DW, RW, 0, 300),
    I("WitnessRestartInterval", DW, RW, 0, 15),
    I("RecentEventsResetTime", FT, RW, 0, T_2024),
    I("AutoBalancerLevel", DW, RW, 14393, 1),
    I("AutoBalancerMode", DW, RW, 14393, 2),
    I("DrainOnShutdown", DW, RW, 14393, 1),
    M("PreferredSite", RW, 14393, ""),
    I("QuarantineDuration", DW, RW, 14393, 7200),
    I("QuarantineThreshold", DW, RW, 14393, 3),
    I("ResiliencyDefaultPeriod", DW, RW, 14393, 240),
    I("ResiliencyLevel", DW, RW, 14393, 2),
    I("S2DBusTypes", DW, RW, 14393, 0),
    I("S2DCacheDesiredState", DW, RW, 14393, 2),
    /* Listed among the cluster common properties (docs: S2DCacheFlashReservePercent,
     * default 0; S2DCachePageSizeKBytes, no default given: 16, the S2D cache's page). */
    I("S2DCacheFlashReservePercent", DW, RW, 14393, 0),
    I("S2DCachePageSizeKBytes", DW, RW, 14393, 16),
    I("S2DEnabled", DW, RW, 14393, 0),
    I("S2DIOLatencyThreshold", DW, RW, 14393, 5000),
    I("S2DOptimizations", DW, RW, 14393, 0),
    I("AutoAssignNodeSite", DW, RW, 17763, 0),
    I("DetectManagedEvents", DW, RW, 17763, 1),
    I("DetectManagedEventsThreshold", DW, RW, 17763, 60),
    I("MaximumParallelMigrations", DW, RW, 17763, 1),
    I("SecurityLevelForStorage", DW, RW, 17763, 0),
    I("AccelNetManagement", DW, RW, 20348, 0),
    D("ClusterFunctionalLevel", DW, RO, 14393, V_LEVEL),
    D("ClusterUpgradeVersion", DW, RO, 14393, V_UPGRADE),
    I("AdminAccessPoint", DW, RO, 17763, 1),
    I("DetectedCloudPlatform", DW, RO, 17763, 0),
    I("WitnessDynamicWeight", DW, RO, 0, 1),
    D("Name", SZ, RO, 0, V_CLUSTER),
    { "SharedVolumeSecurityDescriptor", BIN, RW, 0, V_BIN, 0, "01000480" },
    END
};

/* The private defaults of a resource by its type. */
static const prop_default *private_table(const sim_obj *o)
{
    static const struct { const char *type; const prop_default *props; } by_type[] = {
        { "IP Address", ip_address_props },
        { "Network Name", network_name_props },
        { "Physical Disk", physical_disk_props },
        { "Generic Service", generic_service_props },
        { "Virtual Machine", virtual_machine_props },
    };
    size_t i, j;
    for (i = 0; i < sizeof(by_type) / sizeof(by_type[0]); i++) {
        const char *t = by_type[i].type;
        size_t n = strlen(t);
        if (n != o->type.n)
            continue;
        for (j = 0; j < n && (WCHAR)(unsigned char)t[j] == o->type.p[j]; j++)
            ;
        if (j == n)
            return by_type[i].props;
    }
    return NULL;
}

static const prop_default *table_of(const sim_obj *o, int private_)
{
    if (o == NULL)
        return private_ ? NULL : cluster_props;
    switch (o->kind) {
    case CS_KIND_NODE: return private_ ? NULL : node_props;
    case CS_KIND_GROUP: return private_ ? NULL : group_props;
    case CS_KIND_RESOURCE: return private_ ? private_table(o) : resource_props;
    case CS_KIND_NETWORK: return private_ ? NULL : network_props;
    case CS_KIND_NETINTERFACE: return private_ ? NULL : netinterface_props;
    default: return NULL;
    }
}

/* ASCII -> UTF-16 into buf (room for cap characters); returns the length. */
static size_t widen(const char *a, WCHAR *buf, size_t cap)
{
    size_t n = 0;
    for (; a[n] && n + 1 < cap; n++)
        buf[n] = (WCHAR)(unsigned char)(a[n] == '|' ? 0 : a[n]);
    buf[n] = 0;
    return n;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
}

static int64_t group_type(const sim_obj *o)
{
    static const WCHAR core[] = { 'C', 'l', 'u', 's', 't', 'e', 'r', ' ', 'G', 'r', 'o', 'u', 'p' };
    static const WCHAR storage[] = { 'A', 'v', 'a', 'i', 'l', 'a', 'b', 'l', 'e', ' ', 'S', 't', 'o', 'r', 'a', 'g',
                                     'e' };
    if (cs_wieq(o->name.p, o->name.n, core, sizeof(core) / sizeof(WCHAR)))
        return 1;               /* ClusGroupTypeCoreCluster */
    /* A role: the CLUSGROUP_TYPE of the first of its resources whose type
     * names one (what the role's wizard sets at creation; a topology's
     * `GroupType` property overrides it). */
    static const struct { const char *type; int64_t group_type; } roles[] = {
        {"Virtual Machine", 111},           /* ClusGroupTypeVirtualMachine */
        {"File Server", 100},               /* ClusGroupTypeFileServer */
        {"Scale Out File Server", 114},     /* ClusGroupTypeScaleoutFileServer */
        {"Print Spooler", 101},             /* ClusGroupTypePrintServer */
        {"DHCP Service", 102},              /* ClusGroupTypeDhcpServer */
        {"Distributed Transaction Coordinator", 103},   /* ClusGroupTypeDtc */
        {"MSMQ", 104},                      /* ClusGroupTypeMsmq */
        {"Generic Application", 107},       /* ClusGroupTypeGenericApplication */
        {"Generic Service", 108},           /* ClusGroupTypeGenericService */
        {"Generic Script", 109},            /* ClusGroupTypeGenericScript */
    };
    const sim_obj *r;
    size_t i, k;
    if (cs_wieq(o->name.p, o->name.n, storage, sizeof(storage) / sizeof(WCHAR)))
        return 2;               /* ClusGroupTypeAvailableStorage */
    for (r = o->res_head; r != NULL; r = r->gnext) {
        for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
            const char *t = roles[i].type;
            for (k = 0; k < r->type.n && t[k] && (WCHAR)t[k] == r->type.p[k]; k++)
                ;
            if (k == r->type.n && t[k] == 0)
                return roles[i].group_type;
        }
    }
    return 9999;                /* ClusGroupTypeUnknown */
}

/* Writes one default as a property. */
static void write_one(plw *w, const sim *s, const sim_obj *o, const prop_default *d)
{
    WCHAR name[64], text[128];
    uint8_t bin[64];
    size_t nn = widen(d->name, name, 64), n;
    int64_t v = d->i;
    const wstr *str = NULL;
    int is_str = 0;
    switch (d->kind) {
    case V_STR:
        n = widen(d->s, text, 128);
        sim_plw_property(w, name, nn, d->syntax, text, (n + 1) * sizeof(WCHAR));
        return;
    case V_MULTI:
        n = widen(d->s, text, 126);
        text[n + 1] = 0;        /* the list's final NUL (a second one for the empty list) */
        sim_plw_property(w, name, nn, d->syntax, text, (n + 2) * sizeof(WCHAR));
        return;
    case V_BIN:
        for (n = 0; d->s[2 * n] && d->s[2 * n + 1] && n < sizeof(bin); n++)
            bin[n] = (uint8_t)(hexval(d->s[2 * n]) << 4 | hexval(d->s[2 * n + 1]));
        sim_plw_property(w, name, nn, d->syntax, bin, n);
        return;
    case V_NAME: str = &o->name; is_str = 1; break;
    case V_ID: str = &o->id; is_str = 1; break;
    case V_TYPE: str = &o->type; is_str = 1; break;
    case V_CLUSTER: str = &s->name; is_str = 1; break;
    case V_NODE: str = o->node ? &o->node->name : NULL; is_str = 1; break;
    case V_NETWORK: str = o->network ? &o->network->name : NULL; is_str = 1; break;
    case V_CSD:
        n = cs_wlen_max(s->csd, 63);
        memcpy(text, s->csd, n * sizeof(WCHAR));
        text[n] = 0;
        sim_plw_property(w, name, nn, d->syntax, text, (n + 1) * sizeof(WCHAR));
        return;
    case V_BUILD: v = s->build; break;
    case V_HIGHEST: v = s->highest; break;
    case V_LOWEST: v = s->lowest; break;
    case V_LEVEL: v = s->highest >> 16; break;
    case V_UPGRADE: v = s->highest & 0xFFFF; break;
    case V_GROUPTYPE: v = group_type(o); break;
    case V_GSTATUS: v = (int64_t)o->status_bits; break;
    case V_DRAIN:
        v = (int64_t)sim_drain_value(o, (int)d->i, &str);
        is_str = d->i == 1;
        break;
    default: break;
    }
    if (is_str) {
        static const WCHAR empty[1] = { 0 };
        if (str == NULL)
            sim_plw_property(w, name, nn, d->syntax, empty, sizeof(WCHAR));
        else
            sim_plw_property(w, name, nn, d->syntax, str->p, (str->n + 1) * sizeof(WCHAR));
        return;
    }
    {
        uint8_t b[8];
        size_t cb = (d->syntax == U64 || d->syntax == I64 || d->syntax == FT) ? 8 : 4;
        uint64_t u = (uint64_t)v;
        size_t k;
        for (k = 0; k < 8; k++)
            b[k] = (uint8_t)(u >> (8 * k));
        sim_plw_property(w, name, nn, d->syntax, b, cb);
    }
}

static int has(const sim *s, const prop_default *d)
{
    return d->since == 0 || s->build >= d->since;
}

void sim_props_write_defaults(plw *w, const sim *s, const sim_obj *o, int flags, const struct sim_props *set)
{
    const prop_default *d = table_of(o, (flags & PF_PRIVATE) != 0);
    WCHAR name[64];
    size_t i, n;
    for (; d && d->name; d++) {
        const sim_prop *v = NULL;
        if (d->flags != flags || !has(s, d))
            continue;
        n = widen(d->name, name, 64);
        for (i = 0; set && i < set->n && v == NULL; i++)
            if ((set->v[i].flags & PF_PRIVATE) == (flags & PF_PRIVATE) && cs_wieq(set->v[i].name, set->v[i].n, name, n))
                v = &set->v[i];
        if (v != NULL)
            sim_plw_property(w, name, n, v->syntax, v->data, v->cb);     /* the default's spelling */
        else
            write_one(w, s, o, d);
    }
}

int sim_props_default_flags(const sim *s, const sim_obj *o, const WCHAR *name, size_t n, int private_)
{
    const prop_default *d = table_of(o, private_);
    WCHAR buf[64];
    for (; d && d->name; d++)
        if (has(s, d) && cs_wieq(buf, widen(d->name, buf, 64), name, n))
            return d->flags;
    return -1;
}

DWORD sim_props_dword(sim *s, sim_obj *o, const char *name, DWORD fallback)
{
    const struct sim_props *p = o ? o->props : s->cluster_props;
    const prop_default *d = table_of(o, 0);
    WCHAR buf[64];
    size_t n = widen(name, buf, 64), i;
    for (i = 0; p && i < p->n; i++)
        if (!(p->v[i].flags & PF_PRIVATE) && p->v[i].cb == 4 && cs_wieq(p->v[i].name, p->v[i].n, buf, n))
            return (DWORD)p->v[i].data[0] | (DWORD)p->v[i].data[1] << 8 | (DWORD)p->v[i].data[2] << 16 |
                   (DWORD)p->v[i].data[3] << 24;
    for (; d && d->name; d++)
        if (d->kind == V_INT && strcmp(d->name, name) == 0)
            return (DWORD)d->i;
    return fallback;
}
