"""The codes an action meets, each its own ClusterError subclass (chosen by
errors.error_for), saying what happened and what to do; ClusterTimeoutError and
ClusterOperationFailedError carry the operation's .outcome through pickling."""
import pickle

import pytest

import clusapi_py
from clusapi_py import errors
from clusapi_py.enums import GroupState

CLASSES = {
    5: clusapi_py.ClusterAccessDeniedError,
    5960: clusapi_py.ClusterResourceLockedError,
    5959: clusapi_py.ClusterGroupQueuedError,
    5944: clusapi_py.ClusterGroupBusyError,
    5908: clusapi_py.ClusterGroupBusyError,
    5005: clusapi_py.ClusterNodeUnavailableError,
    5036: clusapi_py.ClusterNodeUnavailableError,
    5050: clusapi_py.ClusterNodeUnavailableError,
    5070: clusapi_py.ClusterNodeUnavailableError,
    5023: clusapi_py.ClusterInvalidStateError,
}


@pytest.mark.parametrize("code, cls", sorted(CLASSES.items()))
def test_each_code_has_its_class(code, cls):
    exc = errors.error_for(code, "MoveClusterGroupEx", name="G1")
    assert type(exc) is cls
    assert isinstance(exc, clusapi_py.ClusterError) and exc.winerror == code
    assert cls.__name__ in clusapi_py.__all__ and getattr(clusapi_py, cls.__name__) is cls
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is cls and str(again) == str(exc)


def test_the_classes_are_distinct():
    distinct = set(CLASSES.values()) | {clusapi_py.ClusterOperationFailedError, clusapi_py.ClusterTimeoutError}
    assert len(distinct) == 8
    for a in distinct:
        for b in distinct - {a}:
            assert not issubclass(a, b), (a, b)


def test_node_codes_stay_catchable_as_unavailable():
    # 5036 and 5050 were ClusterUnavailableError (a ConnectionError) before: they still are.
    for code in (5036, 5050):
        exc = errors.error_for(code, "OpenClusterEx")
        assert isinstance(exc, clusapi_py.ClusterUnavailableError) and isinstance(exc, ConnectionError)


@pytest.mark.parametrize("code", sorted(set(CLASSES) - {5}))
def test_the_message_says_what_to_do(code):
    exc = errors.error_for(code, "MoveClusterGroupEx", name="G1")
    assert type(exc).advice
    text = str(exc)
    assert text.startswith("[WinError %d] MoveClusterGroupEx: " % code)
    assert "'G1'" in text and text.endswith(type(exc).advice)
    assert exc.message == errors.describe(code)       # the system's text stays the message


def outcome():
    return clusapi_py.Outcome(ok=False, state=GroupState.FAILED, owner_node="NODE2", queued=False,
                              returned_to_source=False, elapsed=1.5, events=("e1",))


def test_operation_failed_carries_the_outcome():
    exc = clusapi_py.ClusterOperationFailedError(5038, "wait", "the move ended Failed", "G1", outcome=outcome())
    assert isinstance(exc, clusapi_py.ClusterError)
    assert exc.outcome == outcome()
    again = pickle.loads(pickle.dumps(exc))
    assert type(again) is clusapi_py.ClusterOperationFailedError
    assert again.outcome == outcome() and str(again) == str(exc)
    assert clusapi_py.ClusterOperationFailedError(5038).outcome is None


def test_timeout_error_has_an_optional_outcome():
    plain = errors.error_for(1460, "GetClusterInformation")
    assert type(plain) is clusapi_py.ClusterTimeoutError and plain.outcome is None
    assert pickle.loads(pickle.dumps(plain)).outcome is None
    waited = clusapi_py.ClusterTimeoutError(1460, "wait", name="G1", outcome=outcome())
    again = pickle.loads(pickle.dumps(waited))
    assert again.outcome == outcome() and isinstance(again, TimeoutError)


def test_outcome_record():
    o = outcome()
    # roles (a node's failed drain: the roles left on it) came last, with a default: compatible
    assert o._fields == ("ok", "state", "owner_node", "queued", "returned_to_source", "elapsed", "events", "roles")
    assert "Outcome" in clusapi_py.__all__
    assert clusapi_py.Outcome(True, GroupState.ONLINE, "N", False, False, 0.0).events == ()
    assert clusapi_py.Outcome(True, GroupState.ONLINE, "N", False, False, 0.0).roles == ()
