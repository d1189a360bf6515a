/*
 * tests/c/fixture.h - the small simulators the action, drain and
 * configuration tests (test_actions.c, test_drain.c, test_config.c) build
 * their own groups and resources on, and a group's state as they read it.
 */
#ifndef TESTS_C_FIXTURE_H
#define TESTS_C_FIXTURE_H

#include "check.h"

/* A simulator with cluster `cluster` (version 10.0 build 20348), one
 * resource type `type`, and nodes NODE1..NODEn (ids "1".."n") in the states
 * `node_states` gives, in order.  Returns its id (checked). */
int make_nodes_sim(const char *cluster, const char *type, const int *node_states, int n);

/* A group's state through the table; with `owner`, its owner's name (ASCII,
 * cut to cap - 1 characters) there too. */
int group_state(cs_table *t, HCLUSTER c, const char *group, char *owner, size_t cap);

#endif
