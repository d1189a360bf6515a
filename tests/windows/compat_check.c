/*
 * compat_check.c - checks the shim's own ClusAPI declarations
 * (clusapi_py/_native/cs_clusapi_compat.h) against mingw-w64's <clusapi.h>,
 * at compile time only.
 *
 *   x86_64-w64-mingw32-gcc -D_WIN32_WINNT=0x0502 -fsyntax-only -Wall -Wextra -Werror \
 *       -Iclusapi_py/_native tests/windows/compat_check.c
 *   (and the same with i686-w64-mingw32-gcc, where WINAPI is __stdcall and a
 *   missing WINAPI in a pointer type is a type mismatch too)
 *
 * The real header comes first; then the compat header is included with
 * CSX(n) defined as compat_##n, so every compat name sits next to the real
 * one, and CS_COMPAT_CHECK makes it reuse the real handle types and the
 * Win32 basic types.  Then:
 *   - enum values: every enumerator both headers have must be equal (C11
 *     static assertions); the *_ALL values that only the real header has
 *     are checked against the OR of the compat enumerators;
 *   - CLUSTERVERSIONINFO: sizeof, and offsetof / sizeof of every member;
 *   - function-pointer types: for every function whose prototype the real
 *     header declares, `compat_PCLUSAPI_X p = &X;` inside a static function
 *     that is never called.  A different return type, parameter type or
 *     count, or calling convention is an incompatible-pointer-types
 *     diagnostic, which -Werror turns into an error.  Nothing is linked.
 *     Where the signature names a type that the compat header declares
 *     itself (CLUSTERVERSIONINFO, the state enums), the real and the compat
 *     pointer type cannot be assigned to each other even when they agree,
 *     so the signature is written once as a macro taking the type-name
 *     prefix, and the real function is checked against it with no prefix
 *     and the compat pointer type with compat_.
 *
 * mingw-w64's clusapi.h (mingw-w64 10, Debian 12) is CLUSAPI_VERSION 0x0500
 * and only compiles with _WIN32_WINNT <= 0x0502 (enum redeclarations above
 * that).  Not checkable against mingw-w64's header, because it lacks them:
 *   functions:  OpenClusterEx, ClusterOpenEnumEx, ClusterEnumEx,
 *               ClusterCloseEnumEx, OpenClusterNodeEx, OpenClusterGroupEx,
 *               ClusterGroupOpenEnumEx, ClusterGroupEnumEx,
 *               ClusterGroupCloseEnumEx, OpenClusterResourceEx,
 *               ClusterResourceOpenEnumEx, ClusterResourceEnumEx,
 *               ClusterResourceCloseEnumEx, OpenClusterNetworkEx,
 *               OpenClusterNetInterfaceEx;
 *   typedefs:   every PCLUSAPI_* except PCLUSAPI_OPEN_CLUSTER (so the compat
 *               typedefs are checked against the *functions*, which is what
 *               the table calls anyway);
 *   types:      HCLUSENUMEX, HNODEENUMEX, HGROUPENUMEX, HRESENUMEX (declared
 *               below, the SDK's way, so that the compat header compiles),
 *               CLUSTER_ENUM_ITEM, CLUSTER_GROUP_ENUM_ITEM,
 *               CLUSTER_RESOURCE_ENUM_ITEM (their layouts are checked below
 *               against the numbers in notes/sdk_sigs.md instead);
 *   enumerators: CLUSTER_NODE_ENUM_PREFERRED_GROUPS, CLUSTER_ENUM_SHARED_VOLUME_*
 *               (not in the compat header either);
 *   notifications, version 2: CreateClusterNotifyPortV2, RegisterClusterNotifyV2,
 *               GetNotifyEventHandle, GetClusterNotifyV2, NOTIFY_FILTER_AND_TYPE,
 *               CLUSTER_OBJECT_TYPE and the CLUSTER_CHANGE_*_V2 enumerators
 *               (a few of them are compared in the 0x0701 section below; the
 *               rest against the SDK header's text, docs/design.md).
 * Those are compiled against a header only when it says CLUSAPI_VERSION >=
 * 0x0700 / 0x0701 (sections guarded below), i.e. never with Debian's
 * mingw-w64; the MSVC wheel build compiles the shim against the SDK header
 * itself and does not use the compat header.
 *
 * In the compat header but not in mingw-w64's and so not compared here: the
 * ERROR_* / GENERIC_* / MAXIMUM_ALLOWED macros (the compat header only
 * defines them where <windows.h> did not, which is never the case here).
 */
#include <windows.h>
#include <clusapi.h>

#include <stddef.h>

#ifndef CLUSAPI_VERSION
#  error "this <clusapi.h> does not define CLUSAPI_VERSION"
#endif

/* Handle types the compat header uses and a pre-0x0700 header lacks. */
#if CLUSAPI_VERSION < 0x0700
typedef struct _HCLUSENUMEX *HCLUSENUMEX;
typedef struct _HNODEENUMEX *HNODEENUMEX;
#endif
#if CLUSAPI_VERSION < 0x0701
typedef struct _HGROUPENUMEX *HGROUPENUMEX;
typedef struct _HRESENUMEX *HRESENUMEX;
#endif

#define CS_COMPAT_CHECK 1
#define CSX(n) compat_##n
#include "clusapi/cs_clusapi_compat.h"

#define SAME_VALUE(name) _Static_assert((long long)(name) == (long long)(compat_##name), #name " differs")

/* ---- state enums ------------------------------------------------------------ */
SAME_VALUE(ClusterNodeStateUnknown);
SAME_VALUE(ClusterNodeUp);
SAME_VALUE(ClusterNodeDown);
SAME_VALUE(ClusterNodePaused);
SAME_VALUE(ClusterNodeJoining);

SAME_VALUE(ClusterGroupStateUnknown);
SAME_VALUE(ClusterGroupOnline);
SAME_VALUE(ClusterGroupOffline);
SAME_VALUE(ClusterGroupFailed);
SAME_VALUE(ClusterGroupPartialOnline);
SAME_VALUE(ClusterGroupPending);

SAME_VALUE(ClusterResourceStateUnknown);
SAME_VALUE(ClusterResourceInherited);
SAME_VALUE(ClusterResourceInitializing);
SAME_VALUE(ClusterResourceOnline);
SAME_VALUE(ClusterResourceOffline);
SAME_VALUE(ClusterResourceFailed);
SAME_VALUE(ClusterResourcePending);
SAME_VALUE(ClusterResourceOnlinePending);
SAME_VALUE(ClusterResourceOfflinePending);

SAME_VALUE(ClusterNetworkStateUnknown);
SAME_VALUE(ClusterNetworkUnavailable);
SAME_VALUE(ClusterNetworkDown);
SAME_VALUE(ClusterNetworkPartitioned);
SAME_VALUE(ClusterNetworkUp);

SAME_VALUE(ClusterNetInterfaceStateUnknown);
SAME_VALUE(ClusterNetInterfaceUnavailable);
SAME_VALUE(ClusterNetInterfaceFailed);
SAME_VALUE(ClusterNetInterfaceUnreachable);
SAME_VALUE(ClusterNetInterfaceUp);

/* The state getters return these enums: same size (and signedness: the
 * Unknown value must stay -1 when widened). */
_Static_assert(sizeof(compat_CLUSTER_NODE_STATE) == sizeof(CLUSTER_NODE_STATE), "CLUSTER_NODE_STATE size");
_Static_assert(sizeof(compat_CLUSTER_GROUP_STATE) == sizeof(CLUSTER_GROUP_STATE), "CLUSTER_GROUP_STATE size");
_Static_assert(sizeof(compat_CLUSTER_RESOURCE_STATE) == sizeof(CLUSTER_RESOURCE_STATE), "CLUSTER_RESOURCE_STATE size");
_Static_assert(sizeof(compat_CLUSTER_NETWORK_STATE) == sizeof(CLUSTER_NETWORK_STATE), "CLUSTER_NETWORK_STATE size");
_Static_assert(sizeof(compat_CLUSTER_NETINTERFACE_STATE) == sizeof(CLUSTER_NETINTERFACE_STATE),
               "CLUSTER_NETINTERFACE_STATE size");
_Static_assert(sizeof(compat_CLUSTER_NODE_STATE) == 4, "state enums are 32-bit");
_Static_assert((compat_CLUSTER_NODE_STATE)-1 < 0 && (CLUSTER_NODE_STATE)-1 < 0, "node state signed");
_Static_assert((compat_CLUSTER_GROUP_STATE)-1 < 0 && (CLUSTER_GROUP_STATE)-1 < 0, "group state signed");
_Static_assert((compat_CLUSTER_RESOURCE_STATE)-1 < 0 && (CLUSTER_RESOURCE_STATE)-1 < 0, "resource state signed");
_Static_assert((compat_CLUSTER_NETWORK_STATE)-1 < 0 && (CLUSTER_NETWORK_STATE)-1 < 0, "network state signed");
_Static_assert((compat_CLUSTER_NETINTERFACE_STATE)-1 < 0 && (CLUSTER_NETINTERFACE_STATE)-1 < 0,
               "netinterface state signed");

/* ---- enumeration types ---------------------------------------------------------- */
SAME_VALUE(CLUSTER_ENUM_NODE);
SAME_VALUE(CLUSTER_ENUM_RESTYPE);
SAME_VALUE(CLUSTER_ENUM_RESOURCE);
SAME_VALUE(CLUSTER_ENUM_GROUP);
SAME_VALUE(CLUSTER_ENUM_NETWORK);
SAME_VALUE(CLUSTER_ENUM_NETINTERFACE);
/* Only in the real header: CLUSTER_ENUM_ALL, CLUSTER_ENUM_INTERNAL_NETWORK. */
_Static_assert(CLUSTER_ENUM_ALL == (compat_CLUSTER_ENUM_NODE | compat_CLUSTER_ENUM_RESTYPE |
                                    compat_CLUSTER_ENUM_RESOURCE | compat_CLUSTER_ENUM_GROUP |
                                    compat_CLUSTER_ENUM_NETWORK | compat_CLUSTER_ENUM_NETINTERFACE),
               "CLUSTER_ENUM_ALL is the OR of the compat CLUSTER_ENUM_* values");
_Static_assert((unsigned long long)CLUSTER_ENUM_INTERNAL_NETWORK == 0x80000000ull, "CLUSTER_ENUM_INTERNAL_NETWORK");

SAME_VALUE(CLUSTER_NODE_ENUM_NETINTERFACES);
SAME_VALUE(CLUSTER_NODE_ENUM_GROUPS);
_Static_assert(CLUSTER_NODE_ENUM_ALL == (compat_CLUSTER_NODE_ENUM_NETINTERFACES | compat_CLUSTER_NODE_ENUM_GROUPS),
               "CLUSTER_NODE_ENUM_ALL");

SAME_VALUE(CLUSTER_GROUP_ENUM_CONTAINS);
SAME_VALUE(CLUSTER_GROUP_ENUM_NODES);
_Static_assert(CLUSTER_GROUP_ENUM_ALL == (compat_CLUSTER_GROUP_ENUM_CONTAINS | compat_CLUSTER_GROUP_ENUM_NODES),
               "CLUSTER_GROUP_ENUM_ALL");

SAME_VALUE(CLUSTER_RESOURCE_ENUM_DEPENDS);
SAME_VALUE(CLUSTER_RESOURCE_ENUM_PROVIDES);
SAME_VALUE(CLUSTER_RESOURCE_ENUM_NODES);
_Static_assert(CLUSTER_RESOURCE_ENUM_ALL == (compat_CLUSTER_RESOURCE_ENUM_DEPENDS | compat_CLUSTER_RESOURCE_ENUM_PROVIDES |
                                             compat_CLUSTER_RESOURCE_ENUM_NODES),
               "CLUSTER_RESOURCE_ENUM_ALL");

SAME_VALUE(CLUSTER_NETWORK_ENUM_NETINTERFACES);
_Static_assert((long long)CLUSTER_NETWORK_ENUM_ALL == (long long)compat_CLUSTER_NETWORK_ENUM_NETINTERFACES, "CLUSTER_NETWORK_ENUM_ALL");

/* ---- control codes ---------------------------------------------------------------- */
SAME_VALUE(CLUSCTL_RESOURCE_GET_ID);
SAME_VALUE(CLUSCTL_GROUP_GET_ID);
/* the property, type, storage codes and property-list syntaxes mingw-w64 declares too */
SAME_VALUE(CLUSCTL_RESOURCE_GET_RO_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_RESOURCE_GET_RO_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_RESOURCE_GET_RESOURCE_TYPE);
SAME_VALUE(CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO_EX);
SAME_VALUE(CLUSCTL_RESOURCE_STORAGE_GET_SHARED_VOLUME_INFO);
SAME_VALUE(CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_GROUP_GET_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_GROUP_GET_RO_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_NODE_GET_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_NODE_GET_RO_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_NODE_GET_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_NETWORK_GET_RO_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_NETWORK_GET_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_NETWORK_GET_RO_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_NETWORK_GET_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_NETINTERFACE_GET_RO_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_NETINTERFACE_GET_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_NETINTERFACE_GET_RO_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_NETINTERFACE_GET_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_CLUSTER_GET_COMMON_PROPERTIES);
SAME_VALUE(CLUSCTL_CLUSTER_GET_RO_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSCTL_CLUSTER_GET_PRIVATE_PROPERTIES);
SAME_VALUE(CLUSPROP_SYNTAX_ENDMARK);
SAME_VALUE(CLUSPROP_SYNTAX_NAME);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_BINARY);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_SZ);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_EXPAND_SZ);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_MULTI_SZ);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_ULARGE_INTEGER);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_LONG);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_EXPANDED_SZ);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_SECURITY_DESCRIPTOR);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_LARGE_INTEGER);
SAME_VALUE(CLUSPROP_SYNTAX_LIST_VALUE_FILETIME);
SAME_VALUE(CLUSPROP_SYNTAX_DISK_SIZE);
SAME_VALUE(CLUSPROP_SYNTAX_PARTITION_INFO_EX);

/* ---- change notifications, version 1 ------------------------------------------------ */
SAME_VALUE(CLUSTER_CHANGE_NODE_STATE);
SAME_VALUE(CLUSTER_CHANGE_NODE_DELETED);
SAME_VALUE(CLUSTER_CHANGE_NODE_ADDED);
SAME_VALUE(CLUSTER_CHANGE_NODE_PROPERTY);
SAME_VALUE(CLUSTER_CHANGE_RESOURCE_STATE);
SAME_VALUE(CLUSTER_CHANGE_RESOURCE_DELETED);
SAME_VALUE(CLUSTER_CHANGE_RESOURCE_ADDED);
SAME_VALUE(CLUSTER_CHANGE_RESOURCE_PROPERTY);
SAME_VALUE(CLUSTER_CHANGE_GROUP_STATE);
SAME_VALUE(CLUSTER_CHANGE_GROUP_DELETED);
SAME_VALUE(CLUSTER_CHANGE_GROUP_ADDED);
SAME_VALUE(CLUSTER_CHANGE_GROUP_PROPERTY);
SAME_VALUE(CLUSTER_CHANGE_CLUSTER_RECONNECT);
SAME_VALUE(CLUSTER_CHANGE_NETWORK_STATE);
SAME_VALUE(CLUSTER_CHANGE_NETWORK_DELETED);
SAME_VALUE(CLUSTER_CHANGE_NETWORK_ADDED);
SAME_VALUE(CLUSTER_CHANGE_NETWORK_PROPERTY);
SAME_VALUE(CLUSTER_CHANGE_NETINTERFACE_STATE);
SAME_VALUE(CLUSTER_CHANGE_NETINTERFACE_DELETED);
SAME_VALUE(CLUSTER_CHANGE_NETINTERFACE_ADDED);
SAME_VALUE(CLUSTER_CHANGE_NETINTERFACE_PROPERTY);
SAME_VALUE(CLUSTER_CHANGE_QUORUM_STATE);
SAME_VALUE(CLUSTER_CHANGE_CLUSTER_STATE);
SAME_VALUE(CLUSTER_CHANGE_CLUSTER_PROPERTY);
/* 0x80000000: an int enumerator in the compat header, compared as the DWORD it is passed as. */
_Static_assert((DWORD)CLUSTER_CHANGE_HANDLE_CLOSE == (DWORD)compat_CLUSTER_CHANGE_HANDLE_CLOSE,
               "CLUSTER_CHANGE_HANDLE_CLOSE differs");

/* ---- CLUSTERVERSIONINFO ---------------------------------------------------------- */
#define SAME_MEMBER(S, m)                                                                  \
    _Static_assert(offsetof(S, m) == offsetof(compat_##S, m), #S "." #m " offset differs"); \
    _Static_assert(sizeof(((S *)0)->m) == sizeof(((compat_##S *)0)->m), #S "." #m " size differs")

_Static_assert(sizeof(CLUSTERVERSIONINFO) == sizeof(compat_CLUSTERVERSIONINFO), "sizeof(CLUSTERVERSIONINFO) differs");
_Static_assert(sizeof(compat_CLUSTERVERSIONINFO) == 284, "sizeof(CLUSTERVERSIONINFO) is 284 (SDK)");
_Static_assert(_Alignof(CLUSTERVERSIONINFO) == _Alignof(compat_CLUSTERVERSIONINFO), "CLUSTERVERSIONINFO alignment");
SAME_MEMBER(CLUSTERVERSIONINFO, dwVersionInfoSize);
SAME_MEMBER(CLUSTERVERSIONINFO, MajorVersion);
SAME_MEMBER(CLUSTERVERSIONINFO, MinorVersion);
SAME_MEMBER(CLUSTERVERSIONINFO, BuildNumber);
SAME_MEMBER(CLUSTERVERSIONINFO, szVendorId);
SAME_MEMBER(CLUSTERVERSIONINFO, szCSDVersion);
SAME_MEMBER(CLUSTERVERSIONINFO, dwClusterHighestVersion);
SAME_MEMBER(CLUSTERVERSIONINFO, dwClusterLowestVersion);
SAME_MEMBER(CLUSTERVERSIONINFO, dwFlags);
SAME_MEMBER(CLUSTERVERSIONINFO, dwReserved);
_Static_assert(offsetof(compat_CLUSTERVERSIONINFO, szCSDVersion) == 138, "szCSDVersion @138 (SDK)");
_Static_assert(offsetof(compat_CLUSTERVERSIONINFO, dwClusterHighestVersion) == 268, "dwClusterHighestVersion @268 (SDK)");
_Static_assert(offsetof(compat_CLUSTERVERSIONINFO, dwReserved) == 280, "dwReserved @280 (SDK)");
/* The pointer aliases are pointers to it. */
_Static_assert(sizeof(*(compat_LPCLUSTERVERSIONINFO)0) == sizeof(CLUSTERVERSIONINFO), "LPCLUSTERVERSIONINFO");
_Static_assert(sizeof(*(compat_PCLUSTERVERSIONINFO)0) == sizeof(CLUSTERVERSIONINFO), "PCLUSTERVERSIONINFO");

/* ---- *EnumEx items: no real declaration in a 0x0500 header; the SDK's layout -------- */
#if CLUSAPI_VERSION >= 0x0700
SAME_MEMBER(CLUSTER_ENUM_ITEM, dwVersion);
SAME_MEMBER(CLUSTER_ENUM_ITEM, dwType);
SAME_MEMBER(CLUSTER_ENUM_ITEM, cbId);
SAME_MEMBER(CLUSTER_ENUM_ITEM, lpszId);
SAME_MEMBER(CLUSTER_ENUM_ITEM, cbName);
SAME_MEMBER(CLUSTER_ENUM_ITEM, lpszName);
_Static_assert(sizeof(CLUSTER_ENUM_ITEM) == sizeof(compat_CLUSTER_ENUM_ITEM), "sizeof(CLUSTER_ENUM_ITEM)");
#endif
#if CLUSAPI_VERSION >= 0x0701
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, dwVersion);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbId);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, lpszId);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbName);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, lpszName);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, state);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbOwnerNode);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, lpszOwnerNode);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, dwFlags);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbProperties);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, pProperties);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbRoProperties);
SAME_MEMBER(CLUSTER_GROUP_ENUM_ITEM, pRoProperties);
_Static_assert(sizeof(CLUSTER_GROUP_ENUM_ITEM) == sizeof(compat_CLUSTER_GROUP_ENUM_ITEM), "sizeof(CLUSTER_GROUP_ENUM_ITEM)");
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, dwVersion);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbId);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszId);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbName);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszName);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbOwnerGroupName);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszOwnerGroupName);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbOwnerGroupId);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszOwnerGroupId);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbProperties);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, pProperties);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbRoProperties);
SAME_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, pRoProperties);
_Static_assert(sizeof(CLUSTER_RESOURCE_ENUM_ITEM) == sizeof(compat_CLUSTER_RESOURCE_ENUM_ITEM),
               "sizeof(CLUSTER_RESOURCE_ENUM_ITEM)");
#endif
/* Without a real declaration: the SDK's layout (notes/sdk_sigs.md, section 2):
 * every member's offset and size, x64 offsets given; on x86 every member is
 * 4 bytes, so member i sits at 4 * i. */
#ifdef _WIN64
#  define ITEM_MEMBER(S, m, i, off64, size64)                                                          \
    _Static_assert(offsetof(compat_##S, m) == (off64) && sizeof(((compat_##S *)0)->m) == (size64), \
                   #S "." #m " layout (SDK, x64)")
#  define ITEM_SIZE(S, size64, size32) _Static_assert(sizeof(compat_##S) == (size64), "sizeof(" #S ") (SDK, x64)")
#else
#  define ITEM_MEMBER(S, m, i, off64, size64)                                                      \
    _Static_assert(offsetof(compat_##S, m) == 4 * (i) && sizeof(((compat_##S *)0)->m) == 4,    \
                   #S "." #m " layout (SDK, x86)")
#  define ITEM_SIZE(S, size64, size32) _Static_assert(sizeof(compat_##S) == (size32), "sizeof(" #S ") (SDK, x86)")
#endif
ITEM_MEMBER(CLUSTER_ENUM_ITEM, dwVersion, 0, 0, 4);
ITEM_MEMBER(CLUSTER_ENUM_ITEM, dwType, 1, 4, 4);
ITEM_MEMBER(CLUSTER_ENUM_ITEM, cbId, 2, 8, 4);
ITEM_MEMBER(CLUSTER_ENUM_ITEM, lpszId, 3, 16, 8);
ITEM_MEMBER(CLUSTER_ENUM_ITEM, cbName, 4, 24, 4);
ITEM_MEMBER(CLUSTER_ENUM_ITEM, lpszName, 5, 32, 8);
ITEM_SIZE(CLUSTER_ENUM_ITEM, 40, 24);

ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, dwVersion, 0, 0, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbId, 1, 4, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, lpszId, 2, 8, 8);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbName, 3, 16, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, lpszName, 4, 24, 8);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, state, 5, 32, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbOwnerNode, 6, 36, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, lpszOwnerNode, 7, 40, 8);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, dwFlags, 8, 48, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbProperties, 9, 52, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, pProperties, 10, 56, 8);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, cbRoProperties, 11, 64, 4);
ITEM_MEMBER(CLUSTER_GROUP_ENUM_ITEM, pRoProperties, 12, 72, 8);
ITEM_SIZE(CLUSTER_GROUP_ENUM_ITEM, 80, 52);

ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, dwVersion, 0, 0, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbId, 1, 4, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszId, 2, 8, 8);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbName, 3, 16, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszName, 4, 24, 8);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbOwnerGroupName, 5, 32, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszOwnerGroupName, 6, 40, 8);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbOwnerGroupId, 7, 48, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, lpszOwnerGroupId, 8, 56, 8);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbProperties, 9, 64, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, pProperties, 10, 72, 8);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, cbRoProperties, 11, 80, 4);
ITEM_MEMBER(CLUSTER_RESOURCE_ENUM_ITEM, pRoProperties, 12, 88, 8);
ITEM_SIZE(CLUSTER_RESOURCE_ENUM_ITEM, 96, 52);

/* ---- function-pointer types --------------------------------------------------------- */
/* compat pointer type <- the real function: same return, parameters, convention. */
#define SAME_FN(ptr_type, function)                            \
    do {                                                       \
        compat_##ptr_type p_##function = &function;            \
        (void)p_##function;                                    \
    } while (0)

/* Signatures that name a type the compat header declares itself: written
 * once, with the prefix (empty = the real header's) as the parameter. */
#define SIG_GET_CLUSTER_INFORMATION(P, t) \
    typedef DWORD (WINAPI *t)(HCLUSTER, LPWSTR, LPDWORD, P##LPCLUSTERVERSIONINFO)
#define SIG_GET_CLUSTER_NODE_STATE(P, t) typedef P##CLUSTER_NODE_STATE (WINAPI *t)(HNODE)
#define SIG_GET_CLUSTER_GROUP_STATE(P, t) typedef P##CLUSTER_GROUP_STATE (WINAPI *t)(HGROUP, LPWSTR, LPDWORD)
#define SIG_GET_CLUSTER_RESOURCE_STATE(P, t) \
    typedef P##CLUSTER_RESOURCE_STATE (WINAPI *t)(HRESOURCE, LPWSTR, LPDWORD, LPWSTR, LPDWORD)
#define SIG_GET_CLUSTER_NETWORK_STATE(P, t) typedef P##CLUSTER_NETWORK_STATE (WINAPI *t)(HNETWORK)
#define SIG_GET_CLUSTER_NET_INTERFACE_STATE(P, t) typedef P##CLUSTER_NETINTERFACE_STATE (WINAPI *t)(HNETINTERFACE)

/* Declares real_<fn>_t and compat_<fn>_t from SIG_<SIG>, then checks the
 * real function against the first and the compat pointer type against the
 * second. */
#define SAME_FN_VIA_SIG(SIG, ptr_type, function)                       \
    do {                                                               \
        SIG_##SIG(, real_##function##_t);                              \
        SIG_##SIG(compat_, compat_##function##_t);                     \
        real_##function##_t r_##function = &function;                  \
        compat_##ptr_type c_##function = (compat_##function##_t)0;     \
        (void)r_##function;                                            \
        (void)c_##function;                                            \
    } while (0)

static void never_called(void) __attribute__((unused));
static void never_called(void)
{
    /* cluster */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER, OpenCluster);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER, CloseCluster);
    SAME_FN_VIA_SIG(GET_CLUSTER_INFORMATION, PCLUSAPI_GET_CLUSTER_INFORMATION, GetClusterInformation);
    SAME_FN(PCLUSAPI_GET_CLUSTER_QUORUM_RESOURCE, GetClusterQuorumResource);
    SAME_FN(PCLUSAPI_CLUSTER_OPEN_ENUM, ClusterOpenEnum);
    SAME_FN(PCLUSAPI_CLUSTER_ENUM, ClusterEnum);
    SAME_FN(PCLUSAPI_CLUSTER_CLOSE_ENUM, ClusterCloseEnum);
    /* node */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_NODE, OpenClusterNode);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER_NODE, CloseClusterNode);
    SAME_FN_VIA_SIG(GET_CLUSTER_NODE_STATE, PCLUSAPI_GET_CLUSTER_NODE_STATE, GetClusterNodeState);
    SAME_FN(PCLUSAPI_GET_CLUSTER_NODE_ID, GetClusterNodeId);
    SAME_FN(PCLUSAPI_CLUSTER_NODE_OPEN_ENUM, ClusterNodeOpenEnum);
    SAME_FN(PCLUSAPI_CLUSTER_NODE_ENUM, ClusterNodeEnum);
    SAME_FN(PCLUSAPI_CLUSTER_NODE_CLOSE_ENUM, ClusterNodeCloseEnum);
    /* group */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_GROUP, OpenClusterGroup);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER_GROUP, CloseClusterGroup);
    SAME_FN_VIA_SIG(GET_CLUSTER_GROUP_STATE, PCLUSAPI_GET_CLUSTER_GROUP_STATE, GetClusterGroupState);
    SAME_FN(PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM, ClusterGroupOpenEnum);
    SAME_FN(PCLUSAPI_CLUSTER_GROUP_ENUM, ClusterGroupEnum);
    SAME_FN(PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM, ClusterGroupCloseEnum);
    SAME_FN(PCLUSAPI_CLUSTER_GROUP_CONTROL, ClusterGroupControl);
    /* resource */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_RESOURCE, OpenClusterResource);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER_RESOURCE, CloseClusterResource);
    SAME_FN_VIA_SIG(GET_CLUSTER_RESOURCE_STATE, PCLUSAPI_GET_CLUSTER_RESOURCE_STATE, GetClusterResourceState);
    SAME_FN(PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM, ClusterResourceOpenEnum);
    SAME_FN(PCLUSAPI_CLUSTER_RESOURCE_ENUM, ClusterResourceEnum);
    SAME_FN(PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM, ClusterResourceCloseEnum);
    SAME_FN(PCLUSAPI_CLUSTER_RESOURCE_CONTROL, ClusterResourceControl);
    /* actions (Windows Server 2008) */
    SAME_FN(PCLUSAPI_ONLINE_CLUSTER_GROUP, OnlineClusterGroup);
    SAME_FN(PCLUSAPI_OFFLINE_CLUSTER_GROUP, OfflineClusterGroup);
    SAME_FN(PCLUSAPI_MOVE_CLUSTER_GROUP, MoveClusterGroup);
    SAME_FN(PCLUSAPI_ONLINE_CLUSTER_RESOURCE, OnlineClusterResource);
    SAME_FN(PCLUSAPI_OFFLINE_CLUSTER_RESOURCE, OfflineClusterResource);
    SAME_FN(PCLUSAPI_FAIL_CLUSTER_RESOURCE, FailClusterResource);
    /* configuration (Windows Server 2008) */
    SAME_FN(PCLUSAPI_SET_CLUSTER_GROUP_NODE_LIST, SetClusterGroupNodeList);
    /* the dependency-expression pair: mingw-w64 declares it only for _WIN32_WINNT >= 0x0600, which
     * its clusapi.h does not compile at (see above); simdll/sdk_mingw_check.c holds it to the SDK */
    /* network */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_NETWORK, OpenClusterNetwork);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER_NETWORK, CloseClusterNetwork);
    SAME_FN_VIA_SIG(GET_CLUSTER_NETWORK_STATE, PCLUSAPI_GET_CLUSTER_NETWORK_STATE, GetClusterNetworkState);
    SAME_FN(PCLUSAPI_GET_CLUSTER_NETWORK_ID, GetClusterNetworkId);
    SAME_FN(PCLUSAPI_CLUSTER_NETWORK_OPEN_ENUM, ClusterNetworkOpenEnum);
    SAME_FN(PCLUSAPI_CLUSTER_NETWORK_ENUM, ClusterNetworkEnum);
    SAME_FN(PCLUSAPI_CLUSTER_NETWORK_CLOSE_ENUM, ClusterNetworkCloseEnum);
    /* network interface */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_NET_INTERFACE, OpenClusterNetInterface);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER_NET_INTERFACE, CloseClusterNetInterface);
    SAME_FN_VIA_SIG(GET_CLUSTER_NET_INTERFACE_STATE, PCLUSAPI_GET_CLUSTER_NET_INTERFACE_STATE,
                    GetClusterNetInterfaceState);
    SAME_FN(PCLUSAPI_GET_CLUSTER_NET_INTERFACE, GetClusterNetInterface);
    /* the control functions of every kind */
    SAME_FN(PCLUSAPI_CLUSTER_CONTROL, ClusterControl);
    SAME_FN(PCLUSAPI_CLUSTER_NODE_CONTROL, ClusterNodeControl);
    SAME_FN(PCLUSAPI_CLUSTER_NETWORK_CONTROL, ClusterNetworkControl);
    SAME_FN(PCLUSAPI_CLUSTER_NET_INTERFACE_CONTROL, ClusterNetInterfaceControl);

    /* change notifications, version 1 */
    SAME_FN(PCLUSAPI_CREATE_CLUSTER_NOTIFY_PORT, CreateClusterNotifyPort);
    SAME_FN(PCLUSAPI_REGISTER_CLUSTER_NOTIFY, RegisterClusterNotify);
    SAME_FN(PCLUSAPI_GET_CLUSTER_NOTIFY, GetClusterNotify);
    SAME_FN(PCLUSAPI_CLOSE_CLUSTER_NOTIFY_PORT, CloseClusterNotifyPort);

    /* The one PCLUSAPI_* typedef mingw-w64 has: the two typedefs agree. */
    {
        compat_PCLUSAPI_OPEN_CLUSTER p = (PCLUSAPI_OPEN_CLUSTER)0;
        (void)p;
    }

#if CLUSAPI_VERSION >= 0x0700
    /* Windows Server 2008 R2 (never with mingw-w64 10's header). */
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_EX, OpenClusterEx);
    SAME_FN(PCLUSAPI_CLUSTER_OPEN_ENUM_EX, ClusterOpenEnumEx);
    SAME_FN(PCLUSAPI_CLUSTER_CLOSE_ENUM_EX, ClusterCloseEnumEx);
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_NODE_EX, OpenClusterNodeEx);
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_GROUP_EX, OpenClusterGroupEx);
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_RESOURCE_EX, OpenClusterResourceEx);
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_NETWORK_EX, OpenClusterNetworkEx);
    SAME_FN(PCLUSAPI_OPEN_CLUSTER_NETINTERFACE_EX, OpenClusterNetInterfaceEx);
    {
        typedef DWORD (WINAPI *real_t)(HCLUSENUMEX, DWORD, PCLUSTER_ENUM_ITEM, LPDWORD);
        typedef DWORD (WINAPI *compat_t)(HCLUSENUMEX, DWORD, compat_PCLUSTER_ENUM_ITEM, LPDWORD);
        real_t r = &ClusterEnumEx;
        compat_PCLUSAPI_CLUSTER_ENUM_EX c = (compat_t)0;
        (void)r;
        (void)c;
    }
#endif
#if CLUSAPI_VERSION >= 0x0701
    /* Windows 8 / Server 2012. */
    SAME_FN(PCLUSAPI_CLUSTER_GROUP_OPEN_ENUM_EX, ClusterGroupOpenEnumEx);
    SAME_FN(PCLUSAPI_CLUSTER_GROUP_CLOSE_ENUM_EX, ClusterGroupCloseEnumEx);
    SAME_FN(PCLUSAPI_CLUSTER_RESOURCE_OPEN_ENUM_EX, ClusterResourceOpenEnumEx);
    SAME_FN(PCLUSAPI_CLUSTER_RESOURCE_CLOSE_ENUM_EX, ClusterResourceCloseEnumEx);
    {
        typedef DWORD (WINAPI *real_g)(HGROUPENUMEX, DWORD, PCLUSTER_GROUP_ENUM_ITEM, LPDWORD);
        typedef DWORD (WINAPI *compat_g)(HGROUPENUMEX, DWORD, compat_PCLUSTER_GROUP_ENUM_ITEM, LPDWORD);
        typedef DWORD (WINAPI *real_r)(HRESENUMEX, DWORD, PCLUSTER_RESOURCE_ENUM_ITEM, LPDWORD);
        typedef DWORD (WINAPI *compat_r)(HRESENUMEX, DWORD, compat_PCLUSTER_RESOURCE_ENUM_ITEM, LPDWORD);
        real_g rg = &ClusterGroupEnumEx;
        compat_PCLUSAPI_CLUSTER_GROUP_ENUM_EX cg = (compat_g)0;
        real_r rr = &ClusterResourceEnumEx;
        compat_PCLUSAPI_CLUSTER_RESOURCE_ENUM_EX cr = (compat_r)0;
        (void)rg;
        (void)cg;
        (void)rr;
        (void)cr;
    }
    /* Version-2 notifications: the filter struct's layout, and the functions
     * whose signatures name no type the compat header declares itself. */
    _Static_assert(sizeof(compat_NOTIFY_FILTER_AND_TYPE) == sizeof(NOTIFY_FILTER_AND_TYPE), "NOTIFY_FILTER_AND_TYPE");
    _Static_assert(offsetof(compat_NOTIFY_FILTER_AND_TYPE, FilterFlags) == offsetof(NOTIFY_FILTER_AND_TYPE, FilterFlags),
                   "NOTIFY_FILTER_AND_TYPE.FilterFlags");
    SAME_FN(PCLUSAPI_GET_NOTIFY_EVENT_HANDLE_V2, GetNotifyEventHandle);
    SAME_VALUE(CLUSTER_CHANGE_GROUP_STATE_V2);
    SAME_VALUE(CLUSTER_CHANGE_GROUP_OWNER_NODE_V2);
    SAME_VALUE(CLUSTER_CHANGE_RESOURCE_STATE_V2);
    SAME_VALUE(CLUSTER_CHANGE_CLUSTER_LOST_NOTIFICATIONS_V2);
    SAME_VALUE(CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE);
#endif
}
