/*
 * sim/cs_sim_access.c - the access checks of OpenClusterEx / Open*Ex:
 * dwDesiredAccess against the rights of the simulated principal
 * (cs_sim_set_rights); the rules are in cs_sim.h.
 */
#include "sim/cs_sim_int.h"

/* dwDesiredAccess: a nonzero combination of the three documented bits. */
DWORD sim_access_valid(DWORD desired)
{
    if (desired == 0 || (desired & ~(ACCESS_READ | ACCESS_ALL | ACCESS_MAX)) != 0)
        return ERROR_INVALID_PARAMETER;
    return 0;
}

/* What the principal's rights grant for a (valid) request. */
DWORD sim_access_grant(const sim *s, DWORD desired, DWORD *granted)
{
    DWORD g;
    if (s->rights == CS_RIGHTS_NONE)
        return ERROR_ACCESS_DENIED;
    if ((desired & ACCESS_ALL) && s->rights != CS_RIGHTS_ALL)
        return ERROR_ACCESS_DENIED;
    g = desired & (ACCESS_READ | ACCESS_ALL);
    if (desired & ACCESS_MAX)
        g |= s->rights == CS_RIGHTS_ALL ? ACCESS_ALL : ACCESS_READ;
    *granted = g;
    return 0;
}

