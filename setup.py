"""Build glue: the cffi extension (build_clusapi.py) and the stable ABI.

On a regular CPython the extension targets the limited API (one cp39-abi3
wheel serves every CPython >= 3.9); a free-threaded CPython cannot use the
limited API, so it gets a version-specific build.
"""
import sysconfig

from setuptools import setup

free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
options = {} if free_threaded else {"bdist_wheel": {"py_limited_api": "cp39"}}

setup(
    cffi_modules=["build_clusapi.py:ffibuilder"],
    options=options,
)
