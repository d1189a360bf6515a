"""The seams between layers: the backend registry the handles' fast path
reads, and the message source errors.py asks before its own table."""
import pytest

from clusapi_py import SYSTEM, SystemBackend, errors, sim
from clusapi_py._backend import Backend


def test_every_backend_class_registers_itself_for_the_fast_path():
    assert {SystemBackend, sim.SimulatedCluster} <= Backend._classes
    assert Backend not in Backend._classes        # the bare base is no backend: resolve() handles it
    assert type(SYSTEM) in Backend._classes


@pytest.fixture
def message_source():
    saved = errors._format_message
    yield errors.set_message_source
    errors.set_message_source(saved)


def test_the_message_source_is_asked_first_and_an_empty_answer_falls_back(message_source):
    message_source(lambda code: "from the system" if code == 5 else "")
    assert errors.describe(5) == "from the system"
    assert errors.describe(5013) == errors.MESSAGES[5013]
    assert errors.error_for(5, "OpenClusterEx").message == "from the system"
    message_source(None)
    assert errors.describe(5) == errors.MESSAGES[5]
