"""pytest against the installed wheel: runs the suite, then proves what it tested.

    python.exe tests/windows/installed_suite.py PYTEST_ARGS...     (tests/windows/python_stage.sh)

After pytest returns, every `clusapi_py` module the suite imported must have been loaded from
site-packages (where pip installed the wheel), never from a source tree or the layout: one
module from elsewhere fails the run.  The exit status is pytest's, or 1 for such a module.
Not a pytest module: it wraps the run (its name does not match test_*.py).
"""
import os
import sys
import sysconfig

import pytest


def module_file(name: str, module: object) -> "str | None":
    """Where a module was loaded from.  cffi registers the extension's `lib` as a module of its
    own (clusapi_py._clusapi.lib, no __file__): it is the extension's, so the .pyd's path."""
    path = getattr(module, "__file__", None)
    parent = sys.modules.get(name.rpartition(".")[0])
    if path is None and name.endswith(".lib") and getattr(parent, "lib", None) is module:
        path = getattr(parent, "__file__", None)
    return path


def main(argv: "list[str]") -> int:
    code = int(pytest.main(argv))
    site = os.path.normcase(os.path.realpath(sysconfig.get_paths()["purelib"]))
    loaded = {name: module_file(name, module) for name, module in list(sys.modules.items())
              if name == "clusapi_py" or name.startswith("clusapi_py.")}
    elsewhere = sorted("%s (%s)" % (name, path) for name, path in loaded.items()
                       if not path or not os.path.normcase(os.path.realpath(path)).startswith(site + os.sep))
    if not loaded:
        print("# installed_suite: FAILED: the suite imported no clusapi_py module")
        return 1
    if elsewhere:
        print("# installed_suite: FAILED: %d clusapi_py modules not from %s: %s"
              % (len(elsewhere), site, ", ".join(elsewhere)))
        return 1
    print("# installed_suite: all %d clusapi_py modules the suite imported came from %s" % (len(loaded), site))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
