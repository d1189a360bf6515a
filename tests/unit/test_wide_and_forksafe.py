"""The package's one UTF-16 decoder (_wide) and its fork-safe lock (_forksafe)."""
from __future__ import annotations

import os
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusapi_py._forksafe import ForkSafeLock
from clusapi_py._wide import text_exact, text_to_nul


def w(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def test_text_ends_at_the_first_nul_code_unit():
    assert text_to_nul(w("NODE1\0junk\0")) == "NODE1"
    assert text_to_nul(w("\0")) == ""
    assert text_to_nul(b"") == ""
    assert text_to_nul(w("no terminator")) == "no terminator"


def test_a_nul_byte_pair_across_two_code_units_is_not_a_terminator():
    # "\u0100" is 00 01 and "\u0001"... : bytes 00 00 at an odd offset are not a NUL code unit
    raw = w("\u4100\u0041") + w("\0")          # 00 41 41 00 00 00: a 00 00 pair at offset 3
    assert text_to_nul(raw) == "\u4100\u0041"


def test_bytes_after_the_terminator_are_not_looked_at():
    assert text_to_nul(w("A\0") + b"\xff") == "A"          # an odd tail after the NUL


def test_lone_surrogates_are_kept():
    assert text_to_nul(w("a\ud800b\0")) == "a\ud800b"
    assert text_exact(w("\udfff")) == "\udfff"


def test_half_a_code_unit_without_a_terminator_is_malformed():
    with pytest.raises(ValueError, match="owner node: odd UTF-16 byte count 3"):
        text_to_nul(b"A\0B", "owner node")
    with pytest.raises(ValueError, match="value: odd UTF-16 byte count 1"):
        text_exact(b"A", "value")


def test_text_exact_keeps_nuls():
    assert text_exact(w("a\0b\0")) == "a\0b\0"


@given(st.text(alphabet=st.characters(blacklist_characters="\0", blacklist_categories=("Cs",))),
       st.binary(max_size=9))
def test_any_text_round_trips_whatever_follows_its_terminator(text, tail):
    assert text_to_nul(w(text) + b"\0\0" + tail) == text


def test_the_lock_excludes():
    lock = ForkSafeLock()
    with lock:
        assert lock.locked()
        assert not lock._lock.acquire(blocking=False)
    assert not lock.locked()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX")
def test_a_forked_child_takes_a_lock_its_parent_held():
    lock = ForkSafeLock()
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with lock:
            held.set()
            release.wait(10)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(10)
    try:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)   # fork() with threads (3.12+)
            pid = os.fork()
        if pid == 0:                                              # the child: the holder does not exist
            ok = lock._lock.acquire(timeout=5)
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert lock.locked()                                      # the parent's is still held
    finally:
        release.set()
        t.join()


def test_the_package_locks_are_fork_safe():
    from clusapi_py import _backend, backends
    assert isinstance(_backend._lock, ForkSafeLock) and isinstance(backends._lock, ForkSafeLock)
    assert sys.modules["clusapi_py._forksafe"] is sys.modules[ForkSafeLock.__module__]
