"""The version handshake: the extension carries the package version it was
built for, and the package refuses an extension built for another one."""
import re

import pytest

import clusapi_py
from clusapi_py._clusapi import ffi, lib
from clusapi_py._version import __version__, check_build_version


def test_the_installed_extension_was_built_for_this_version():
    assert ffi.string(lib.cs_build_version()).decode("ascii") == __version__


def test_the_package_reports_the_same_version():
    assert clusapi_py.__version__ == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", __version__)


def test_a_matching_build_passes():
    assert check_build_version("1.2.3", "1.2.3") is None
    assert check_build_version(__version__) is None


def test_a_mismatched_build_names_both_versions_and_the_fix():
    with pytest.raises(ImportError) as info:
        check_build_version("0.0.9", "0.1.0")
    message = str(info.value)
    assert "0.0.9" in message and "0.1.0" in message
    assert "pip install --force-reinstall" in message


def test_an_extension_older_than_the_check_is_refused():
    with pytest.raises(ImportError, match="older than the version check"):
        check_build_version(None, "0.1.0")
