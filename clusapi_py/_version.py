"""The package version: the one place it is written.

pyproject.toml reads it (setuptools' dynamic version), build_clusapi.py
reads it with a regex and compiles it into the extension, and _bindings
compares the two at import (check_build_version), so an extension left
over from another version fails at once with a clear message instead of
misbehaving later.
"""

from __future__ import annotations

__version__ = "0.1.0"


def check_build_version(built: str | None, expected: str = __version__) -> None:
    """Raises ImportError unless the extension was built for this version.

    `built` is the version compiled into clusapi_py._clusapi (None when the
    extension is older than the check itself)."""
    if built == expected:
        return
    shown = built if built is not None else "unknown (an extension older than the version check)"
    raise ImportError(
        "clusapi_py %s cannot use its compiled extension clusapi_py._clusapi, which was built for version %s: "
        "rebuild it from the sources (pip install --force-reinstall --no-deps <path to the clusapi_py sources>)"
        % (expected, shown))
