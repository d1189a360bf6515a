"""The completion rule (clusapi_py.actions.judge): scenarios from the
documented behaviour and the anchors' bugs, and properties over random
sequences of observations: at most one verdict, the queued bit never done,
a move never judged on a Pending -> Online transition on the source."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusapi_py.actions.judge import KINDS, Judge, Judgement, Observation, Request, Verdict, judge, underway
from clusapi_py.enums import GroupMoveFlags, GroupState as G, ResourceState as R

QUEUED = 0x4
RTS = GroupMoveFlags.RETURN_TO_SOURCE_NODE_ON_ERROR


def run(request, observations):
    j = Judge(request)
    return [j.observe(o) for o in observations]


def move(requested=None, flags=0, target=G.ONLINE):
    return Request("move", target, "N1", requested, flags)


def test_a_move_is_done_online_on_another_node():
    verdicts = run(move(), [Observation(G.ONLINE, "N1"), Observation(G.PENDING, "N1"), Observation(G.OFFLINE, "N1"),
                            Observation(G.OFFLINE, "N2"), Observation(G.PENDING, "N2"), Observation(G.ONLINE, "N2")])
    assert [v.verdict for v in verdicts] == [Verdict.PENDING] * 5 + [Verdict.OK]


def test_a_queued_migration_online_on_the_source_is_not_done():
    # os-win LP #1628938: the group stays Online on the source, queued, before anything happens.
    obs = [Observation(G.ONLINE, "N1", QUEUED), Observation(G.ONLINE, "N1", QUEUED), Observation(G.ONLINE, "N1")]
    assert all(v.verdict is Verdict.PENDING for v in run(move("N2", GroupMoveFlags.QUEUE_ENABLED), obs))


def test_pending_then_online_on_the_source_is_not_success():
    verdicts = run(move(), [Observation(G.PENDING, "N1"), Observation(G.ONLINE, "N1")])
    assert verdicts[-1].verdict is Verdict.FAILED and verdicts[-1].returned_to_source


def test_return_to_source_is_a_failure_that_says_so():
    v = run(move("N2", RTS), [Observation(G.OFFLINE, "N1"), Observation(G.OFFLINE, "N2"),
                              Observation(G.PENDING, "N2"), Observation(G.OFFLINE, "N1"), Observation(G.ONLINE, "N1")])
    assert v[-1] == Judgement(Verdict.FAILED, True, v[-1].reason)
    assert "RETURN_TO_SOURCE" in v[-1].reason and all(not x.done for x in v[:-1])


def test_failed_on_the_target_and_veto_are_failures():
    assert run(move(), [Observation(G.PENDING, "N2"), Observation(G.FAILED, "N2")])[-1].verdict is Verdict.FAILED
    vetoed = run(move(), [Observation(G.ONLINE, "N1", vetoed=True)])[-1]
    assert vetoed.verdict is Verdict.FAILED and vetoed.returned_to_source


def test_a_move_to_a_given_node_must_land_there():
    assert run(move("N2"), [Observation(G.ONLINE, "N3")])[-1].verdict is Verdict.FAILED
    assert run(move("N2"), [Observation(G.ONLINE, "N2")])[-1].verdict is Verdict.OK
    assert run(move(None), [Observation(G.ONLINE, "N3")])[-1].verdict is Verdict.OK


def test_an_offline_group_moves_in_its_persistent_state():
    assert run(move(target=G.OFFLINE), [Observation(G.OFFLINE, "N1"), Observation(G.OFFLINE, "N2")])[-1].ok


def test_online_and_offline_reach_the_target_or_fail():
    online = Request("online", G.ONLINE, "N1", start_state=G.OFFLINE)
    assert run(online, [Observation(G.OFFLINE, "N1"), Observation(G.PENDING, "N1"), Observation(G.ONLINE, "N1")])[-1].ok
    assert run(online, [Observation(G.PENDING, "N1"), Observation(G.PARTIAL_ONLINE, "N1")])[-1].verdict is Verdict.FAILED
    offline = Request("offline", R.OFFLINE, "N1", start_state=R.ONLINE)
    assert run(offline, [Observation(R.OFFLINE_PENDING, "N1"), Observation(R.OFFLINE, "N1")])[-1].ok
    assert run(offline, [Observation(R.OFFLINE_PENDING, "N1"), Observation(R.FAILED, "N1")])[-1].verdict is Verdict.FAILED


def test_bringing_a_failed_resource_online_waits_for_the_change():
    req = Request("online", R.ONLINE, "N1", start_state=R.FAILED)
    v = run(req, [Observation(R.FAILED, "N1"), Observation(R.ONLINE_PENDING, "N1"), Observation(R.FAILED, "N1")])
    assert [x.verdict for x in v] == [Verdict.PENDING, Verdict.PENDING, Verdict.FAILED]


def test_already_in_the_target_state_is_done_at_once_except_a_restart():
    assert run(Request("online", G.ONLINE, "N1", start_state=G.ONLINE), [Observation(G.ONLINE, "N1")])[0].ok
    restart = Request("restart", R.ONLINE, "N1", start_state=R.ONLINE)
    v = run(restart, [Observation(R.ONLINE, "N1"), Observation(R.OFFLINE_PENDING, "N1"), Observation(R.OFFLINE, "N1"),
                      Observation(R.ONLINE_PENDING, "N1"), Observation(R.ONLINE, "N1")])
    assert [x.verdict for x in v] == [Verdict.PENDING] * 4 + [Verdict.OK]


def test_fail_is_done_when_failed():
    req = Request("fail", R.FAILED, "N1", start_state=R.ONLINE)
    assert [x.verdict for x in run(req, [Observation(R.ONLINE, "N1"), Observation(R.FAILED, "N1")])] == [
        Verdict.PENDING, Verdict.OK]


def test_bad_requests_are_refused():
    with pytest.raises(ValueError):
        Judge(Request("explode", G.ONLINE, "N1"))
    with pytest.raises(TypeError):
        Judge(Request("online", 0, "N1"))
    with pytest.raises(TypeError):
        Judge(Request("move", R.ONLINE, "N1"))


# ---- properties -----------------------------------------------------------------------------
NODES = st.sampled_from(["N1", "N2", "N3", None])
GROUP_STATES = st.sampled_from(list(G) + [99])
RESOURCE_STATES = st.sampled_from(list(R) + [99])


@st.composite
def scenarios(draw):
    kind = draw(st.sampled_from(KINDS))
    group = kind in ("move", "live_migrate") or draw(st.booleans())
    states = GROUP_STATES if group else RESOURCE_STATES
    members = [s for s in (G if group else R) if s.value != -1]
    request = Request(kind, draw(st.sampled_from(members)), draw(NODES), draw(NODES),
                      draw(st.integers(0, 0x3F)), draw(st.none() | states))
    observations = draw(st.lists(st.builds(Observation, states, NODES, st.sampled_from([0, QUEUED, 0x5, 0x1]),
                                           st.booleans().map(lambda b: b and kind in ("move", "live_migrate"))),
                                 max_size=12))
    return request, observations


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_every_sequence_ends_in_at_most_one_verdict(scenario):
    request, observations = scenario
    verdicts = run(request, observations)
    finals = [v for v in verdicts if v.done]
    assert len(set(finals)) <= 1                          # once decided, the same answer every time
    if finals:
        first = next(i for i, v in enumerate(verdicts) if v.done)
        assert all(v == verdicts[first] for v in verdicts[first:])
        assert verdicts[first] == judge(request, observations[first],
                                        started=any(underway(request, o) for o in observations[:first + 1]))


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_the_queued_bit_never_counts_as_done(scenario):
    request, observations = scenario
    for started in (False, True):
        for o in observations:
            if o.queued:
                assert not judge(request, o, started=started).ok
    verdicts = run(request, observations)
    first = next((i for i, v in enumerate(verdicts) if v.done), None)
    if first is not None and verdicts[first].ok:
        assert not observations[first].queued


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_a_move_is_never_ok_on_the_source_or_off_the_requested_node(scenario):
    request, observations = scenario
    if request.kind not in ("move", "live_migrate"):
        return
    for o, v in zip(observations, run(request, observations)):
        if v.ok:
            assert o.owner_node is not None and o.owner_node != request.source_node
            assert request.requested_node in (None, o.owner_node)
            assert not o.queued and o.state == request.target_state
            break
