"""Every number the package passes to the shim or compares with by value,
named once.  The values come from the extension (lib.NAME): the shim's
cdef exports them with the values of the C headers (the SDK's clusapi.h /
winerror.h, or cs_clusapi_compat.h; api/cs_constants.h lists them), so no
number is written twice.  errors.py keeps its own code -> exception table
(a pure module); tests/unit/test_native_constants.py holds it equal to these.
"""
from ._bindings import lib

# ---- Win32 error codes (winerror.h) --------------------------------------------------
ERROR_INVALID_PARAMETER = lib.ERROR_INVALID_PARAMETER   # a simulator control call refused its arguments
ERROR_MOD_NOT_FOUND = lib.ERROR_MOD_NOT_FOUND           # the system backend could not load clusapi.dll
ERROR_BUSY = lib.ERROR_BUSY                             # cs_detach on a handle that is in use
ERROR_ALREADY_EXISTS = lib.ERROR_ALREADY_EXISTS         # a simulator add_* of a name that is taken

# ---- ClusterOpenEnum(dwType): CLUSTER_ENUM ------------------------------------------------
CLUSTER_ENUM_NODE = lib.CLUSTER_ENUM_NODE
CLUSTER_ENUM_RESTYPE = lib.CLUSTER_ENUM_RESTYPE
CLUSTER_ENUM_RESOURCE = lib.CLUSTER_ENUM_RESOURCE
CLUSTER_ENUM_GROUP = lib.CLUSTER_ENUM_GROUP
CLUSTER_ENUM_NETWORK = lib.CLUSTER_ENUM_NETWORK
CLUSTER_ENUM_NETINTERFACE = lib.CLUSTER_ENUM_NETINTERFACE

# ---- Cluster<Object>OpenEnum(dwType): one enumeration type per object kind ----------------
CLUSTER_NODE_ENUM_NETINTERFACES = lib.CLUSTER_NODE_ENUM_NETINTERFACES
CLUSTER_NODE_ENUM_GROUPS = lib.CLUSTER_NODE_ENUM_GROUPS
CLUSTER_GROUP_ENUM_CONTAINS = lib.CLUSTER_GROUP_ENUM_CONTAINS
CLUSTER_GROUP_ENUM_NODES = lib.CLUSTER_GROUP_ENUM_NODES
CLUSTER_RESOURCE_ENUM_DEPENDS = lib.CLUSTER_RESOURCE_ENUM_DEPENDS
CLUSTER_RESOURCE_ENUM_NODES = lib.CLUSTER_RESOURCE_ENUM_NODES
CLUSTER_NETWORK_ENUM_NETINTERFACES = lib.CLUSTER_NETWORK_ENUM_NETINTERFACES

# ---- the simulator's principal rights (api/cs_sim_control.h: enum cs_sim_rights) -----------
CS_RIGHTS_NONE = lib.CS_RIGHTS_NONE
CS_RIGHTS_READ = lib.CS_RIGHTS_READ
CS_RIGHTS_ALL = lib.CS_RIGHTS_ALL
