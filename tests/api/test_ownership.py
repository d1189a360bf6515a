"""One owner per handle: handles and simulators refuse copy and pickle, and
a token from another process is rejected, never taken for one of ours."""
import copy
import os
import pickle
import subprocess
import sys
import textwrap

import pytest

import clusapi_py
from clusapi_py._bindings import lib


def _owners(s, c):
    return [s, c, c.open_group("Cluster Group"), c.open_node("NODE1"), c.open_resource("Cluster Name"),
            c.open_network(c.network_names()[0]), c.open_netinterface(c.netinterface_names()[0])]


@pytest.mark.parametrize("how", ["copy", "deepcopy", "pickle"])
def test_handles_and_simulators_refuse_a_second_owner(s, c, how):
    owners = _owners(s, c)
    try:
        for obj in owners:
            with pytest.raises(TypeError, match="cannot be copied or pickled.*connection"):
                if how == "copy":
                    copy.copy(obj)
                elif how == "deepcopy":
                    copy.deepcopy(obj)
                else:
                    pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for obj in owners[2:]:
            obj.close()
    # Every protocol, and deepcopy inside a container.
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError):
            pickle.dumps(c, protocol=protocol)
    with pytest.raises(TypeError):
        copy.deepcopy({"cluster": [c]})


def test_the_original_still_works_after_a_refused_copy(s, c):
    g = c.open_group("Cluster Group")
    with pytest.raises(TypeError):
        copy.copy(g)
    assert not g.closed and g.status().state.name == "ONLINE"
    g.close()


def test_a_token_from_another_process_names_no_handle_here(s, c):
    # Both processes open the same kind of handles in the same order: with
    # predictable tokens the numbers would coincide.
    child = textwrap.dedent("""
        import clusapi_py
        from clusapi_py import sim
        s = sim.SimulatedCluster()
        c = clusapi_py.open_cluster(backend=s)
        g = c.open_group("Cluster Group")
        print(c._token, g._token)
    """)
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=60, check=True)
    foreign = [int(v) for v in out.stdout.split()]
    mine = [c._token]
    with c.open_group("Cluster Group") as g:
        mine.append(g._token)
        for token in foreign:
            if token in mine:           # 2**-32 per token: not expected
                continue
            # A foreign token is rejected: no call, no close of ours.
            assert lib.cs_close(token) == lib.CS_ERROR_HANDLE_CLOSED
        assert not g.closed and g.status().state.name == "ONLINE"
    assert set(foreign) != set(mine)


def test_tokens_differ_between_processes():
    code = "import clusapi_py; from clusapi_py import sim; s = sim.SimulatedCluster(); " \
           "print(clusapi_py.open_cluster(backend=s)._token)"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           check=True).stdout.strip() for _ in range(3)}
    assert len(seen) == 3
