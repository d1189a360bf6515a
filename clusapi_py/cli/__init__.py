"""The `clusapi` command (console script `clusapi_py.cli:main`, and
`python -m clusapi_py`): main.py parses and dispatches, one module per
command group prints."""
from .main import main

__all__ = ["main"]
