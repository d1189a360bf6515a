"""Every number the package passes to the shim or compares with by value,
named once (the names are the SDK's; the simulator's rights are cs_sim.h's).

errors.py keeps its own code -> exception table (a pure module).  When the
shim's cdef exports these names, each line here becomes `NAME = lib.NAME`
(lib from _bindings): this module is the one place to change.
"""

# ---- Win32 error codes (winerror.h) --------------------------------------------------
ERROR_INVALID_PARAMETER = 87    # a simulator control call refused its arguments
ERROR_MOD_NOT_FOUND = 126       # the system backend could not load clusapi.dll
ERROR_BUSY = 170                # cs_detach on a handle that is in use
ERROR_ALREADY_EXISTS = 183      # a simulator add_* of a name that is taken

# ---- ClusterOpenEnum(dwType): CLUSTER_ENUM ------------------------------------------------
CLUSTER_ENUM_NODE = 0x1
CLUSTER_ENUM_RESTYPE = 0x2
CLUSTER_ENUM_RESOURCE = 0x4
CLUSTER_ENUM_GROUP = 0x8
CLUSTER_ENUM_NETWORK = 0x10
CLUSTER_ENUM_NETINTERFACE = 0x20

# ---- Cluster<Object>OpenEnum(dwType): one enumeration type per object kind ----------------
CLUSTER_NODE_ENUM_NETINTERFACES = 0x1
CLUSTER_NODE_ENUM_GROUPS = 0x2
CLUSTER_GROUP_ENUM_CONTAINS = 0x1
CLUSTER_GROUP_ENUM_NODES = 0x2
CLUSTER_RESOURCE_ENUM_DEPENDS = 0x1
CLUSTER_RESOURCE_ENUM_NODES = 0x4
CLUSTER_NETWORK_ENUM_NETINTERFACES = 0x1

# ---- the simulator's principal rights (cs_sim.h: enum cs_sim_rights) -----------------------
CS_RIGHTS_NONE = 0
CS_RIGHTS_READ = 1
CS_RIGHTS_ALL = 2
