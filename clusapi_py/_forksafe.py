"""A lock that a forked child can always take.

A thread that held a module's lock when another thread called fork() does
not exist in the child, so the child's copy of the lock would stay held
forever.  ForkSafeLock replaces its lock with a fresh one in the child
(os.register_at_fork, once for every instance, through a weak set).  Pure.
"""
from __future__ import annotations

import os
import threading
import weakref
from types import TracebackType
from typing import Optional

__all__ = ["ForkSafeLock"]


class ForkSafeLock:
    """threading.Lock as a context manager, fresh in a forked child."""

    __slots__ = ("_lock", "__weakref__")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        _instances.add(self)

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, kind: Optional[type[BaseException]], value: Optional[BaseException],
                 traceback: Optional[TracebackType]) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()


_instances: "weakref.WeakSet[ForkSafeLock]" = weakref.WeakSet()


def _fresh_locks_in_child() -> None:
    for instance in list(_instances):
        instance._lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_fresh_locks_in_child)
