/*
 * api/cs_handles.h - opening and closing: tokens over raw handles.
 *
 * Ownership.  Python never holds a raw HCLUSTER/HGROUP/...: it holds a
 * *token* (core/cs_htable.h) naming a shim slot that owns the raw handle,
 * its backend and, for an object handle, a reference to its cluster's slot.
 *   - Every call that takes a token first acquires the slot (a closed,
 *     stale or forged token fails with CS_ERROR_HANDLE_CLOSED and no
 *     backend call), and releases it when the call returns.
 *   - cs_close() marks the slot closed at once (no new call can start) and
 *     drops the owner's reference; the real Close* runs when the last
 *     reference goes -- right away, or when the last in-flight call on
 *     another thread returns.  It runs exactly once.
 *   - An object handle holds a reference to its cluster slot, so the real
 *     CloseCluster (which would invalidate the object's handle) runs only
 *     after the last object handle from that cluster is closed.
 *   - cs_detach() gives up ownership: the raw handle is returned and never
 *     closed by the shim.
 */
#ifndef CS_API_HANDLES_H
#define CS_API_HANDLES_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* Opens a cluster: name NULL = the local cluster (LPC), else by name (RPC).
 * OpenClusterEx when the backend has it; without it, access GENERIC_ALL
 * uses OpenCluster (documented as the same) and any other access fails
 * with ERROR_PROC_NOT_FOUND naming OpenClusterEx.  Returns a token, or 0. */
uint64_t cs_open_cluster(int backend, const cs_char *name, uint32_t access);

/* Opens a node / group / resource / network / net interface of a cluster
 * by name (Open*Ex, with the same fallback).  Returns a token, or 0. */
uint64_t cs_open_object(uint64_t cluster, int kind, const cs_char *name, uint32_t access);

/* Interrupts.  The last cs_open_* on a thread leaves its token "pending"
 * until the next one.  When an exception from a signal handler reaches the
 * Python code between an open's return and the token's store in its
 * handle object, the token would be lost with the open handle (and, for an
 * object, its cluster's reference); that code calls cs_reclaim_pending()
 * on every exception, which closes the thread's pending token (0 if it
 * closed one).  The caller must call it only when no open on this thread
 * has returned since the interrupted one -- so a signal handler that opens
 * a handle, keeps it, and then raises is the one case it cannot tell apart. */
uint32_t cs_reclaim_pending(void);

/* 0 when this call closed it; CS_ERROR_HANDLE_CLOSED when it was not open
 * (not recorded as the thread's last failure: closing twice is not one). */
uint32_t cs_close(uint64_t token);
/* Gives up ownership: *raw receives the raw handle value, which the shim
 * will never close.  A handle in use -- a call in flight, or a cluster
 * with object handles still open -- cannot be detached (ERROR_BUSY). */
uint32_t cs_detach(uint64_t token, uint64_t *raw);
/* Kind, backend id and granted access of an open token. */
uint32_t cs_handle_info(uint64_t token, int *kind, int *backend, uint32_t *granted);
/* Tokens handed out and not yet finished, all kinds (a closed cluster
 * still waiting for its objects counts until its real close). */
int cs_open_token_count(void);
/* How many tokens can be open at once (the table's limit). */
int cs_token_limit(void);
/* Closes every open token (interpreter exit). */
void cs_close_all(void);
/* CDEF-END */

#endif /* CS_API_HANDLES_H */
