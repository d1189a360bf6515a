/*
 * tests/c/test_shim.c - the shim (shim/) over the simulator.
 */
#include "check.h"

/* ---- the shim over the simulator ---------------------------------------------------------------------------- */
void test_shim(void)
{
    int id = make_sim();
    uint64_t c, g;
    cs_result *a = NULL, *b = NULL, *r = NULL;
    EQ(cs_backend_has(id, CS_FN_ClusterGroupOpenEnumEx), 1);
    c = cs_open_cluster(id, NULL, (uint32_t)GENERIC_ALL);
    CHECK(c != 0);
    EQ(cs_snapshot(c, &a), 0);
    /* sectioned (api/cs_snapshot.h): format, 8 sections, their headers
     * (kind, rows, fields, ints, bytes), then cluster ints, quorum ints, ... */
    if (a != NULL && a->n_ints >= 2 + 8 * CS_SECTION_HEADER_INTS + 7) {
        const int64_t *hdr = a->ints + 2, *data = a->ints + 2 + 8 * CS_SECTION_HEADER_INTS;
        EQ(a->ints[0], CS_SNAPSHOT_FORMAT);
        EQ(a->ints[1], 8);
        EQ(hdr[0], CS_SECTION_CLUSTER);
        EQ(data[0], 10);
        EQ(data[2], 20348);
        EQ(data[6], 4096);              /* quorum: max log size */
        EQ(hdr[2 * CS_SECTION_HEADER_INTS + 1], 3);     /* nodes */
        EQ(hdr[3 * CS_SECTION_HEADER_INTS + 1], 3);     /* groups */
        EQ(hdr[4 * CS_SECTION_HEADER_INTS + 1], 4);     /* resources */
        EQ(hdr[5 * CS_SECTION_HEADER_INTS + 1], 2);     /* networks */
        EQ(hdr[6 * CS_SECTION_HEADER_INTS + 1], 3);     /* net interfaces */
        EQ(hdr[7 * CS_SECTION_HEADER_INTS + 1], 4);     /* resource types */
        CHECK(weqa(a->text, "TESTCLUSTER"));
    } else {
        CHECK(a != NULL && a->n_ints >= 2 + 8 * CS_SECTION_HEADER_INTS + 7);
    }
    /* the same snapshot through the fallbacks (no bulk enumerations, no Ex opens) */
    EQ(cs_sim_hide(id, CS_FN_ClusterOpenEnumEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_ClusterGroupOpenEnumEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_ClusterResourceOpenEnumEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_OpenClusterGroupEx, 1), 0);
    EQ(cs_sim_hide(id, CS_FN_OpenClusterResourceEx, 1), 0);
    EQ(cs_snapshot(c, &b), 0);
    if (a != NULL && b != NULL) {
        EQ(a->text_len, b->text_len);
        EQ(a->n_ints, b->n_ints);
        CHECK(a->text_len == b->text_len && memcmp(a->text, b->text, a->text_len * sizeof(cs_char)) == 0);
        CHECK(a->n_ints == b->n_ints && memcmp(a->ints, b->ints, a->n_ints * sizeof(int64_t)) == 0);
    }
    cs_result_free(a);
    cs_result_free(b);
    g = cs_open_object(c, CS_KIND_GROUP, W("cluster group"), (uint32_t)GENERIC_ALL);
    CHECK(g != 0);
    EQ(cs_state(g), ClusterGroupOnline);
    EQ(cs_list(g, CLUSTER_GROUP_ENUM_CONTAINS, &r), 0);
    if (r != NULL) {
        CHECK(weqa(r->text, "Cluster IP Address"));
        CHECK(r->text_len == 18 + 1 + 12 && weqa(r->text + 19, "Cluster Name"));
    }
    cs_result_free(r);
    r = NULL;
    EQ(cs_object_id(g, &r), 0);
    if (r != NULL)
        CHECK(weqa(r->text, "g-core"));
    cs_result_free(r);
    EQ(cs_sim_delete(id, CS_KIND_GROUP, W("Cluster Group")), 0);
    EQ(cs_state(g), CS_STATE_FAILED);
    EQ(cs_last_error(), ERROR_GROUP_NOT_FOUND);
    CHECK(strcmp(cs_last_function(), "GetClusterGroupState") == 0);
    EQ(cs_close(g), 0);
    EQ(cs_close(c), 0);
    EQ(cs_open_token_count(), 0);
    EQ(total_open(id), 0);
    EQ(cs_sim_release(id), 0);
}
