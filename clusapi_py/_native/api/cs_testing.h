/*
 * api/cs_testing.h - hooks for the package's own tests, and only for them:
 * they reach parts of the shim that no public function exercises yet.
 */
#ifndef CS_API_TESTING_H
#define CS_API_TESTING_H

#include "api/cs_types.h"

/* CDEF-BEGIN */
/* TESTING ONLY.  A result made by the shim's result builder from the
 * caller's channels, as any shim function makes one: `fields` holds
 * n_fields NUL-terminated strings one after another, `ints` n_ints values,
 * `bytes` n_bytes bytes (added in two pieces, the second through a second
 * builder appended to the first, so growth and appending are exercised).
 * Returns 0 and the result in *out, or ERROR_NOT_ENOUGH_MEMORY. */
uint32_t cs_testing_result(const cs_char *fields, size_t n_fields, const int64_t *ints, size_t n_ints,
                           const uint8_t *bytes, size_t n_bytes, cs_result **out);
/* TESTING ONLY.  Lowers the token table's limit to `limit` slots ever
 * created (0: back to the real limit), so that a full table can be
 * reached in a test. */
void cs_testing_set_token_limit(uint32_t limit);
/* TESTING ONLY.  Lowers the simulator's handle table's limit the same way
 * (0: back to the real one). */
void cs_testing_set_sim_handle_limit(uint32_t limit);
/* TESTING ONLY.  Lowers the backend registry's limit the same way (0: back
 * to the real one). */
void cs_testing_set_backend_limit(int limit);
/* TESTING ONLY.  Sets a simulated object's state to any value, one no
 * state enum has included (what a hostile or newer backend may answer). */
uint32_t cs_testing_sim_set_any_state(int sim, int kind, const cs_char *name, int state);
/* TESTING ONLY.  hold=1: every round trip of the instance that starts from
 * now on stops inside the simulator (after it is counted, holding no lock,
 * with nothing allocated) and waits until hold=0 -- so a test can fork
 * while other threads are certainly inside calls.  A hold belongs to the
 * process that set it: in a child after fork() round trips do not stop.
 * Releasing the instance ends the hold too (the held calls then fail).
 * Returns ERROR_INVALID_PARAMETER for an unknown instance. */
uint32_t cs_testing_sim_hold(int sim, int hold);
/* TESTING ONLY.  How many round trips are stopped by the hold now (0 for
 * an unknown instance). */
uint32_t cs_testing_sim_held(int sim);
/* TESTING ONLY.  The upper case of one UTF-16 code unit by the table the
 * simulator compares names with (core/cs_upcase.c), for the test that holds
 * it equal to clusapi_py/names.py. */
unsigned cs_wupper(unsigned c);
/* TESTING ONLY.  How many instances the simulator has examined so far to
 * find an instance by id or to unlink a freed one (a count of work, so a
 * test can tell constant from linear cost per call). */
uint64_t cs_testing_sim_steps(void);
/* CDEF-END */

#endif /* CS_API_TESTING_H */
