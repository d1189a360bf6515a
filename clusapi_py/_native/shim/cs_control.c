/*
 * shim/cs_control.c - cs_control (api/cs_control.h): the generic
 * Cluster*Control call of every object kind, with the ERROR_MORE_DATA
 * protocol in C and a bounded number of retries.
 */
#include "shim/cs_shim_int.h"
#include <stdlib.h>

/* The first buffer: large enough for most property lists in one call. */
#define FIRST_CAPACITY 4096u

/* One control call with an input buffer on a raw handle of any kind; *fn
 * gets the function (the function pointer is read once). */
static uint32_t control_call(cs_backend *b, int kind, void *raw, DWORD code, void *in, DWORD cb_in, void *out,
                             DWORD cap, DWORD *returned, int *fn)
{
#define CS_CONTROL_CASE(K, F, H)                                                   \
    case K: {                                                                      \
        cs_fn_##F f = b->table.fn.F;                                               \
        *fn = CS_FN_##F;                                                           \
        if (!f)                                                                    \
            return ERROR_PROC_NOT_FOUND;                                           \
        return f((H)raw, NULL, code, in, cb_in, out, cap, returned);                      \
    }
    switch (kind) {
        CS_CONTROL_CASE(CS_KIND_CLUSTER, ClusterControl, HCLUSTER)
        CS_CONTROL_CASE(CS_KIND_NODE, ClusterNodeControl, HNODE)
        CS_CONTROL_CASE(CS_KIND_GROUP, ClusterGroupControl, HGROUP)
        CS_CONTROL_CASE(CS_KIND_RESOURCE, ClusterResourceControl, HRESOURCE)
        CS_CONTROL_CASE(CS_KIND_NETWORK, ClusterNetworkControl, HNETWORK)
        CS_CONTROL_CASE(CS_KIND_NETINTERFACE, ClusterNetInterfaceControl, HNETINTERFACE)
    default:
        *fn = -1;
        return ERROR_INVALID_HANDLE;
    }
#undef CS_CONTROL_CASE
}

uint32_t shim_control_raw(cs_backend *b, int kind, void *raw, DWORD code, void *out, DWORD cap, DWORD *returned,
                          int *fn)
{
    return control_call(b, kind, raw, code, NULL, 0, out, cap, returned, fn);
}

uint32_t shim_control_bytes(cs_backend *b, int kind, void *raw, DWORD code, cs_builder *bd, int *fn)
{
    DWORD cap = FIRST_CAPACITY, returned;
    uint8_t *buf = NULL;
    uint32_t err = ERROR_MORE_DATA;
    int attempt;
    for (attempt = 0; attempt <= CS_CONTROL_RETRIES && err == ERROR_MORE_DATA; attempt++) {
        uint8_t *grown = (uint8_t *)realloc(buf, cap);
        if (grown == NULL) {
            *fn = -1;
            err = ERROR_NOT_ENOUGH_MEMORY;
            break;
        }
        buf = grown;
        returned = 0;
        err = shim_control_raw(b, kind, raw, code, buf, cap, &returned, fn);
        if (err == ERROR_MORE_DATA) {
            /* The size needed; a backend that names no larger size gets a doubled buffer. */
            if (returned > cap)
                cap = returned;
            else if (cap <= 0x7FFFFFFFu)
                cap *= 2;
            else
                break;
        } else if (err == 0) {
            cs_bd_bytes(bd, buf, returned <= cap ? returned : cap);
        }
    }
    free(buf);
    return err;
}

uint32_t cs_control(uint64_t token, uint32_t code, cs_result **out)
{
    cs_builder bd = CS_BUILDER_INIT;
    uint32_t err;
    int fn = -1;
    cs_handle *h = shim_enter(token, SHIM_ANY_KIND);
    if (h == NULL)
        return cs_last_error();
    err = shim_control_bytes(h->backend, h->kind, h->raw, code, &bd, &fn);
    shim_leave(token);
    if (err) {
        cs_bd_free(&bd);
        return cs_fail(err, fn);
    }
    return cs_bd_deliver(&bd, out);
}

uint32_t cs_control_in(uint64_t token, uint32_t code, const uint8_t *in, uint32_t cb_in)
{
    uint32_t err;
    DWORD returned = 0;
    int fn = -1;
    cs_handle *h;
    if (in == NULL && cb_in != 0)
        return cs_fail(ERROR_INVALID_PARAMETER, -1);
    if ((h = shim_enter(token, SHIM_ANY_KIND)) == NULL)
        return cs_last_error();
    /* The control codes with input only (SET/VALIDATE_*_PROPERTIES) have no
     * output; the backend reads the input and never writes through it. */
    err = control_call(h->backend, h->kind, h->raw, code, (void *)in, cb_in, NULL, 0, &returned, &fn);
    shim_leave(token);
    if (err == 0 || err == ERROR_RESOURCE_PROPERTIES_STORED)
        return err;
    return cs_fail(err, fn);
}
