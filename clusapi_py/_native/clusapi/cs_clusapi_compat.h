/*
 * cs_clusapi_compat.h - this project's declarations of the parts of the
 * Failover Cluster API (clusapi.h) that the shim uses, written from the
 * Windows SDK's signatures: same names, same types, same values, same
 * struct layouts.  Used wherever the SDK header is not (see cs_clusapi.h).
 *
 * Every name below is wrapped in CSX(), which is the name itself in normal
 * builds.  tests/windows/compat_check.c defines CSX(n) as compat_##n, includes a real
 * clusapi.h first, and then asserts that each compat declaration matches
 * the real one.  Handle types and the basic Win32 types are not wrapped:
 * the check shares them with the real header.
 */
#ifndef CS_CLUSAPI_COMPAT_H
#define CS_CLUSAPI_COMPAT_H

#ifndef CSX
#  define CSX(name) name
#endif

#include "cs_platform.h"

/* ---- basic Win32 types ----------------------------------------------------
 * On Windows they come from <windows.h>; elsewhere they are declared here.
 * WCHAR is always a 16-bit UTF-16 code unit, never the 32-bit Linux wchar_t. */
#ifndef _WIN32
typedef uint32_t DWORD;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef int32_t BOOL;
typedef int32_t LONG;
typedef uint16_t WCHAR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef DWORD *LPDWORD;
typedef void *PVOID;
typedef void *LPVOID;
#  define WINAPI
#  ifndef TRUE
#    define TRUE 1
#    define FALSE 0
#  endif
#endif

/* ---- Win32 error codes the package meets (winerror.h on Windows) ---------- */
#ifndef ERROR_SUCCESS
#  define ERROR_SUCCESS 0L
#endif
#ifndef ERROR_ACCESS_DENIED
#  define ERROR_ACCESS_DENIED 5L
#  define ERROR_INVALID_HANDLE 6L
#  define ERROR_NOT_ENOUGH_MEMORY 8L
#  define ERROR_INVALID_PARAMETER 87L
#  define ERROR_INSUFFICIENT_BUFFER 122L
#  define ERROR_MOD_NOT_FOUND 126L
#  define ERROR_PROC_NOT_FOUND 127L
#  define ERROR_MORE_DATA 234L
#  define WAIT_TIMEOUT 258L
#  define ERROR_NO_MORE_ITEMS 259L
#  define ERROR_IO_PENDING 997L
#  define ERROR_SERVICE_NOT_ACTIVE 1062L
#  define RPC_S_SERVER_UNAVAILABLE 1722L
#  define RPC_S_CALL_FAILED 1726L
#  define RPC_S_CALL_FAILED_DNE 1727L
#  define RPC_S_PROCNUM_OUT_OF_RANGE 1745L
#  define EPT_S_NOT_REGISTERED 1753L
#  define ERROR_RESOURCE_TYPE_NOT_FOUND 1813L
#endif
#ifndef ERROR_BUSY
#  define ERROR_BUSY 170L
#endif
#ifndef ERROR_TIMEOUT
#  define ERROR_TIMEOUT 1460L
#endif
#ifndef ERROR_INVALID_FUNCTION
#  define ERROR_INVALID_FUNCTION 1L
#endif
#ifndef ERROR_GEN_FAILURE
#  define ERROR_GEN_FAILURE 31L
#endif
#ifndef ERROR_ALREADY_EXISTS
#  define ERROR_ALREADY_EXISTS 183L
#endif
#ifndef RPC_S_SERVER_TOO_BUSY
#  define RPC_S_SERVER_TOO_BUSY 1723L
#endif
#ifndef ERROR_CLUSTER_NODE_SHUTTING_DOWN
#  define ERROR_CLUSTER_NODE_SHUTTING_DOWN 5073L
#endif
#ifndef ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
#  define ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND 5078L
#endif
#ifndef ERROR_RESOURCE_NOT_FOUND
#  define ERROR_RESOURCE_NOT_ONLINE 5004L
#  define ERROR_RESOURCE_NOT_AVAILABLE 5006L
#  define ERROR_RESOURCE_NOT_FOUND 5007L
#  define ERROR_SHUTDOWN_CLUSTER 5008L
#  define ERROR_GROUP_NOT_AVAILABLE 5012L
#  define ERROR_GROUP_NOT_FOUND 5013L
#  define ERROR_NODE_NOT_AVAILABLE 5036L
#  define ERROR_CLUSTER_NODE_NOT_FOUND 5042L
#  define ERROR_CLUSTER_NETWORK_NOT_FOUND 5045L
#  define ERROR_CLUSTER_NETINTERFACE_NOT_FOUND 5047L
#  define ERROR_CLUSTER_INVALID_REQUEST 5048L
#  define ERROR_CLUSTER_NODE_DOWN 5050L
#  define ERROR_CLUSTER_NODE_UNREACHABLE 5051L
#  define ERROR_CLUSTER_NODE_NOT_MEMBER 5052L
#  define ERROR_CLUSTER_NODE_PAUSED 5070L
#  define ERROR_CLUSTER_NODE_NOT_READY 5072L
#  define ERROR_CLUSTER_OLD_VERSION 5904L
#endif

#ifndef GENERIC_READ
#  define GENERIC_READ 0x80000000L
#  define GENERIC_ALL 0x10000000L
#endif
#ifndef MAXIMUM_ALLOWED
#  define MAXIMUM_ALLOWED 0x02000000L
#endif

/* ---- handle types: opaque pointers, one struct tag per kind --------------- */
#ifndef CS_COMPAT_CHECK
typedef struct _HCLUSTER *HCLUSTER;
typedef struct _HNODE *HNODE;
typedef struct _HRESOURCE *HRESOURCE;
typedef struct _HGROUP *HGROUP;
typedef struct _HNETWORK *HNETWORK;
typedef struct _HNETINTERFACE *HNETINTERFACE;
typedef struct _HCLUSENUM *HCLUSENUM;
typedef struct _HGROUPENUM *HGROUPENUM;
typedef struct _HRESENUM *HRESENUM;
typedef struct _HNETWORKENUM *HNETWORKENUM;
typedef struct _HNODEENUM *HNODEENUM;
typedef struct _HNODEENUMEX *HNODEENUMEX;
typedef struct _HCLUSENUMEX *HCLUSENUMEX;
typedef struct _HGROUPENUMEX *HGROUPENUMEX;
typedef struct _HRESENUMEX *HRESENUMEX;
#endif

/* ---- version information -------------------------------------------------- */
typedef struct CSX(CLUSTERVERSIONINFO) {
    DWORD dwVersionInfoSize;        /* set to sizeof(CLUSTERVERSIONINFO) before the call */
    WORD MajorVersion;
    WORD MinorVersion;
    WORD BuildNumber;
    WCHAR szVendorId[64];
    WCHAR szCSDVersion[64];
    DWORD dwClusterHighestVersion;
    DWORD dwClusterLowestVersion;
    DWORD dwFlags;
    DWORD dwReserved;
} CSX(CLUSTERVERSIONINFO), *CSX(LPCLUSTERVERSIONINFO), *CSX(PCLUSTERVERSIONINFO);

/* ---- object states --------------------------------------------------------- */
typedef enum CSX(CLUSTER_NODE_STATE) {
    CSX(ClusterNodeStateUnknown) = -1,
    CSX(ClusterNodeUp) = 0,
    CSX(ClusterNodeDown) = 1,
    CSX(ClusterNodePaused) = 2,
    CSX(ClusterNodeJoining) = 3
} CSX(CLUSTER_NODE_STATE);

typedef enum CSX(CLUSTER_GROUP_STATE) {
    CSX(ClusterGroupStateUnknown) = -1,
    CSX(ClusterGroupOnline) = 0,
    CSX(ClusterGroupOffline) = 1,
    CSX(ClusterGroupFailed) = 2,
    CSX(ClusterGroupPartialOnline) = 3,
    CSX(ClusterGroupPending) = 4
} CSX(CLUSTER_GROUP_STATE);

typedef enum CSX(CLUSTER_RESOURCE_STATE) {
    CSX(ClusterResourceStateUnknown) = -1,
    CSX(ClusterResourceInherited) = 0,
    CSX(ClusterResourceInitializing) = 1,
    CSX(ClusterResourceOnline) = 2,
    CSX(ClusterResourceOffline) = 3,
    CSX(ClusterResourceFailed) = 4,
    CSX(ClusterResourcePending) = 128,
    CSX(ClusterResourceOnlinePending) = 129,
    CSX(ClusterResourceOfflinePending) = 130
} CSX(CLUSTER_RESOURCE_STATE);

typedef enum CSX(CLUSTER_NETWORK_STATE) {
    CSX(ClusterNetworkStateUnknown) = -1,
    CSX(ClusterNetworkUnavailable) = 0,
    CSX(ClusterNetworkDown) = 1,
    CSX(ClusterNetworkPartitioned) = 2,
    CSX(ClusterNetworkUp) = 3
} CSX(CLUSTER_NETWORK_STATE);

typedef enum CSX(CLUSTER_NETINTERFACE_STATE) {
    CSX(ClusterNetInterfaceStateUnknown) = -1,
    CSX(ClusterNetInterfaceUnavailable) = 0,
    CSX(ClusterNetInterfaceFailed) = 1,
    CSX(ClusterNetInterfaceUnreachable) = 2,
    CSX(ClusterNetInterfaceUp) = 3
} CSX(CLUSTER_NETINTERFACE_STATE);

/* ---- what an enumeration lists ---------------------------------------------- */
typedef enum CSX(CLUSTER_ENUM) {
    CSX(CLUSTER_ENUM_NODE) = 0x00000001,
    CSX(CLUSTER_ENUM_RESTYPE) = 0x00000002,
    CSX(CLUSTER_ENUM_RESOURCE) = 0x00000004,
    CSX(CLUSTER_ENUM_GROUP) = 0x00000008,
    CSX(CLUSTER_ENUM_NETWORK) = 0x00000010,
    CSX(CLUSTER_ENUM_NETINTERFACE) = 0x00000020
} CSX(CLUSTER_ENUM);

typedef enum CSX(CLUSTER_NODE_ENUM) {
    CSX(CLUSTER_NODE_ENUM_NETINTERFACES) = 0x00000001,
    CSX(CLUSTER_NODE_ENUM_GROUPS) = 0x00000002
} CSX(CLUSTER_NODE_ENUM);

typedef enum CSX(CLUSTER_GROUP_ENUM) {
    CSX(CLUSTER_GROUP_ENUM_CONTAINS) = 0x00000001,
    CSX(CLUSTER_GROUP_ENUM_NODES) = 0x00000002
} CSX(CLUSTER_GROUP_ENUM);

typedef enum CSX(CLUSTER_RESOURCE_ENUM) {
    CSX(CLUSTER_RESOURCE_ENUM_DEPENDS) = 0x00000001,
    CSX(CLUSTER_RESOURCE_ENUM_PROVIDES) = 0x00000002,
    CSX(CLUSTER_RESOURCE_ENUM_NODES) = 0x00000004
} CSX(CLUSTER_RESOURCE_ENUM);

typedef enum CSX(CLUSTER_NETWORK_ENUM) {
    CSX(CLUSTER_NETWORK_ENUM_NETINTERFACES) = 0x00000001
} CSX(CLUSTER_NETWORK_ENUM);

/* ---- control codes: (object << 24) | (function << 2) | access ---------------- */
typedef enum CSX(CS_CONTROL_CODES) {
    CSX(CLUSCTL_RESOURCE_GET_ID) = 0x01000039,
    CSX(CLUSCTL_GROUP_GET_ID) = 0x03000039
} CSX(CS_CONTROL_CODES);

/* ---- items of the *EnumEx enumerations: the caller's buffer of *cbItem bytes
 * starts with the item; the strings it points to follow it in that buffer. */
typedef struct CSX(_CLUSTER_ENUM_ITEM) {
    DWORD dwVersion;                /* CLUSTER_ENUM_ITEM_VERSION_1 */
    DWORD dwType;
    DWORD cbId;                     /* bytes, including the NUL */
    LPWSTR lpszId;
    DWORD cbName;
    LPWSTR lpszName;
} CSX(CLUSTER_ENUM_ITEM), *CSX(PCLUSTER_ENUM_ITEM);

typedef struct CSX(_CLUSTER_GROUP_ENUM_ITEM) {
    DWORD dwVersion;                /* CLUSTER_GROUP_ENUM_ITEM_VERSION_1 */
    DWORD cbId;
    LPWSTR lpszId;
    DWORD cbName;
    LPWSTR lpszName;
    CSX(CLUSTER_GROUP_STATE) state;
    DWORD cbOwnerNode;
    LPWSTR lpszOwnerNode;
    DWORD dwFlags;
    DWORD cbProperties;
    PVOID pProperties;
    DWORD cbRoProperties;
    PVOID pRoProperties;
} CSX(CLUSTER_GROUP_ENUM_ITEM), *CSX(PCLUSTER_GROUP_ENUM_ITEM);

typedef struct CSX(_CLUSTER_RESOURCE_ENUM_ITEM) {
    DWORD dwVersion;                /* CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1 */
    DWORD cbId;
    LPWSTR lpszId;
    DWORD cbName;
    LPWSTR lpszName;
    DWORD cbOwnerGroupName;
    LPWSTR lpszOwnerGroupName;
    DWORD cbOwnerGroupId;
    LPWSTR lpszOwnerGroupId;
    DWORD cbProperties;
    PVOID pProperties;
    DWORD cbRoProperties;
    PVOID pRoProperties;
} CSX(CLUSTER_RESOURCE_ENUM_ITEM), *CSX(PCLUSTER_RESOURCE_ENUM_ITEM);

#ifndef CS_COMPAT_CHECK
#  define CLUSTER_ENUM_ITEM_VERSION_1 0x00000001
#  define CLUSTER_GROUP_ENUM_ITEM_VERSION_1 0x00000001
#  define CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1 0x00000001
#endif

/* ---- the function-pointer types (one per clusapi.dll export) ----------------- */
/* cluster */
typedef HCLUSTER (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER))(LPCWSTR lpszClusterName);
typedef HCLUSTER (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_EX))(LPCWSTR lpszClusterName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL (WINAPI *CSX(PCLUSAPI_CLOSE_CLUSTER))(HCLUSTER hCluster);
typedef DWORD (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_INFORMATION))(HCLUSTER hCluster, LPWSTR lpszClusterName, LPDWORD lpcchClusterName, CSX(LPCLUSTERVERSIONINFO) lpClusterInfo);
typedef DWORD (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_QUORUM_RESOURCE))(HCLUSTER hCluster, LPWSTR lpszResourceName, LPDWORD lpcchResourceName, LPWSTR lpszDeviceName, LPDWORD lpcchDeviceName, LPDWORD lpdwMaxQuorumLogSize);
typedef HCLUSENUM (WINAPI *CSX(PCLUSAPI_CLUSTER_OPEN_ENUM))(HCLUSTER hCluster, DWORD dwType);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_ENUM))(HCLUSENUM hEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_CLOSE_ENUM))(HCLUSENUM hEnum);
typedef HCLUSENUMEX (WINAPI *CSX(PCLUSAPI_CLUSTER_OPEN_ENUM_EX))(HCLUSTER hCluster, DWORD dwType, PVOID pOptions);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_ENUM_EX))(HCLUSENUMEX hClusterEnum, DWORD dwIndex, CSX(PCLUSTER_ENUM_ITEM) pItem, LPDWORD cbItem);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_CLOSE_ENUM_EX))(HCLUSENUMEX hClusterEnum);
/* node */
typedef HNODE (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_NODE))(HCLUSTER hCluster, LPCWSTR lpszNodeName);
typedef HNODE (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_NODE_EX))(HCLUSTER hCluster, LPCWSTR lpszNodeName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL (WINAPI *CSX(PCLUSAPI_CLOSE_CLUSTER_NODE))(HNODE hNode);
typedef CSX(CLUSTER_NODE_STATE) (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_NODE_STATE))(HNODE hNode);
typedef DWORD (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_NODE_ID))(HNODE hNode, LPWSTR lpszNodeId, LPDWORD lpcchName);
typedef HNODEENUM (WINAPI *CSX(PCLUSAPI_CLUSTER_NODE_OPEN_ENUM))(HNODE hNode, DWORD dwType);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_NODE_ENUM))(HNODEENUM hNodeEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_NODE_CLOSE_ENUM))(HNODEENUM hNodeEnum);
/* group */
typedef HGROUP (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_GROUP))(HCLUSTER hCluster, LPCWSTR lpszGroupName);
typedef HGROUP (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_GROUP_EX))(HCLUSTER hCluster, LPCWSTR lpszGroupName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL (WINAPI *CSX(PCLUSAPI_CLOSE_CLUSTER_GROUP))(HGROUP hGroup);
typedef CSX(CLUSTER_GROUP_STATE) (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_GROUP_STATE))(HGROUP hGroup, LPWSTR lpszNodeName, LPDWORD lpcchNodeName);
typedef HGROUPENUM (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM))(HGROUP hGroup, DWORD dwType);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_ENUM))(HGROUPENUM hGroupEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszResourceName, LPDWORD lpcchName);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM))(HGROUPENUM hGroupEnum);
typedef HGROUPENUMEX (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM_EX))(HCLUSTER hCluster, LPCWSTR lpszProperties, DWORD cbProperties, LPCWSTR lpszRoProperties, DWORD cbRoProperties, DWORD dwFlags);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_ENUM_EX))(HGROUPENUMEX hGroupEnumEx, DWORD dwIndex, CSX(PCLUSTER_GROUP_ENUM_ITEM) pItem, LPDWORD cbItem);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM_EX))(HGROUPENUMEX hGroupEnumEx);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_GROUP_CONTROL))(HGROUP hGroup, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesReturned);
/* resource */
typedef HRESOURCE (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_RESOURCE))(HCLUSTER hCluster, LPCWSTR lpszResourceName);
typedef HRESOURCE (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_RESOURCE_EX))(HCLUSTER hCluster, LPCWSTR lpszResourceName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL (WINAPI *CSX(PCLUSAPI_CLOSE_CLUSTER_RESOURCE))(HRESOURCE hResource);
typedef CSX(CLUSTER_RESOURCE_STATE) (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_RESOURCE_STATE))(HRESOURCE hResource, LPWSTR lpszNodeName, LPDWORD lpcchNodeName, LPWSTR lpszGroupName, LPDWORD lpcchGroupName);
typedef HRESENUM (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM))(HRESOURCE hResource, DWORD dwType);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_ENUM))(HRESENUM hResEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM))(HRESENUM hResEnum);
typedef HRESENUMEX (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM_EX))(HCLUSTER hCluster, LPCWSTR lpszProperties, DWORD cbProperties, LPCWSTR lpszRoProperties, DWORD cbRoProperties, DWORD dwFlags);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_ENUM_EX))(HRESENUMEX hResourceEnumEx, DWORD dwIndex, CSX(PCLUSTER_RESOURCE_ENUM_ITEM) pItem, LPDWORD cbItem);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM_EX))(HRESENUMEX hResourceEnumEx);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_RESOURCE_CONTROL))(HRESOURCE hResource, HNODE hHostNode, DWORD dwControlCode, LPVOID lpInBuffer, DWORD cbInBufferSize, LPVOID lpOutBuffer, DWORD cbOutBufferSize, LPDWORD lpBytesReturned);
/* network */
typedef HNETWORK (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_NETWORK))(HCLUSTER hCluster, LPCWSTR lpszNetworkName);
typedef HNETWORK (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_NETWORK_EX))(HCLUSTER hCluster, LPCWSTR lpszNetworkName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL (WINAPI *CSX(PCLUSAPI_CLOSE_CLUSTER_NETWORK))(HNETWORK hNetwork);
typedef CSX(CLUSTER_NETWORK_STATE) (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_NETWORK_STATE))(HNETWORK hNetwork);
typedef DWORD (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_NETWORK_ID))(HNETWORK hNetwork, LPWSTR lpszNetworkId, LPDWORD lpcchName);
typedef HNETWORKENUM (WINAPI *CSX(PCLUSAPI_CLUSTER_NETWORK_OPEN_ENUM))(HNETWORK hNetwork, DWORD dwType);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_NETWORK_ENUM))(HNETWORKENUM hNetworkEnum, DWORD dwIndex, LPDWORD lpdwType, LPWSTR lpszName, LPDWORD lpcchName);
typedef DWORD (WINAPI *CSX(PCLUSAPI_CLUSTER_NETWORK_CLOSE_ENUM))(HNETWORKENUM hNetworkEnum);
/* network interface (the SDK spells the Ex opener's type NETINTERFACE, the rest NET_INTERFACE) */
typedef HNETINTERFACE (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_NET_INTERFACE))(HCLUSTER hCluster, LPCWSTR lpszInterfaceName);
typedef HNETINTERFACE (WINAPI *CSX(PCLUSAPI_OPEN_CLUSTER_NETINTERFACE_EX))(HCLUSTER hCluster, LPCWSTR lpszNetInterfaceName, DWORD dwDesiredAccess, LPDWORD lpdwGrantedAccess);
typedef BOOL (WINAPI *CSX(PCLUSAPI_CLOSE_CLUSTER_NET_INTERFACE))(HNETINTERFACE hNetInterface);
typedef CSX(CLUSTER_NETINTERFACE_STATE) (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_NET_INTERFACE_STATE))(HNETINTERFACE hNetInterface);
typedef DWORD (WINAPI *CSX(PCLUSAPI_GET_CLUSTER_NET_INTERFACE))(HCLUSTER hCluster, LPCWSTR lpszNodeName, LPCWSTR lpszNetworkName, LPWSTR lpszInterfaceName, LPDWORD lpcchInterfaceName);

#endif /* CS_CLUSAPI_COMPAT_H */
