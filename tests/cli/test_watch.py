"""`clusapi watch`: one line (or JSON object) per event; --count; Ctrl-C ends
it with exit 0 and nothing left open."""
import _thread
import io
import json
import threading
import time

from clusapi_py import cli, sim


def when_watching(s, action):
    """Runs `action` on a helper thread once the watch has its port and has read the groups'
    owners (its snapshot's group enumeration has run: the owners before come from it)."""
    enums = s.calls("ClusterGroupOpenEnumEx")

    def helper():
        deadline = time.monotonic() + 10
        while (s.open_handles()["notify"] == 0 or s.calls("ClusterGroupOpenEnumEx") == enums) \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        action()
    t = threading.Thread(target=helper)
    t.start()
    return t


def test_watch_json_prints_one_object_per_event(monkeypatch):
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster()
    out, err = io.StringIO(), io.StringIO()
    with s:
        t = when_watching(s, lambda: (s.set_group_state("FS01", "FAILED"), s.move_group("FS01", "NODE1")))
        code = cli.main(["watch", "--json", "--count", "2"], out, err)
        t.join()
    assert code == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(e["kind"], e["name"], e["state"], e["owner_node"]) for e in lines] == [
        ("GROUP_STATE", "FS01", "FAILED", None), ("GROUP_OWNER_NODE", "FS01", None, "NODE1")]
    assert all(set(e) == {"kind", "name", "id", "state", "owner_node", "time"} for e in lines)
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


def test_watch_text_and_ctrl_c_ends_it_with_exit_0(monkeypatch):
    monkeypatch.setenv("CLUSAPI_PY_BACKEND", "sim")
    s = sim.SimulatedCluster()
    out, err = io.StringIO(), io.StringIO()

    def change_then_interrupt():
        s.set_node_state("NODE2", "PAUSED")
        time.sleep(0.5)
        _thread.interrupt_main()

    with s:
        t = when_watching(s, change_then_interrupt)
        code = cli.main(["watch"], out, err)
        t.join()
    assert code == 0
    (line,) = out.getvalue().splitlines()
    assert line.split()[1:] == ["NODE_STATE", "NODE2", "state=PAUSED"]
    assert s.open_handles() == {k: 0 for k in s.open_handles()}


def test_an_owner_event_older_than_the_snapshot_says_the_owner_before_is_unknown():
    from clusapi_py.cli.watch import _Owners
    owners = _Owners()
    owners._owner = {"G": "NODE1"}          # the snapshot already saw the move to NODE1
    assert owners.moved("G", "NODE1") is None           # printed "?->NODE1", never "NODE1->NODE1"
    assert owners.moved("G", "NODE2") == "NODE1"
    assert owners.moved("H", "NODE2") is None           # a group the snapshot did not have
