"""The command-line tests' fixtures."""
import json

import pytest

from clusapi_py import sim


@pytest.fixture
def topology_file(tmp_path):
    """write(topology or changes to the default one) -> path of a JSON file."""
    def write(topology=None, edit=None):
        t = topology if topology is not None else sim.default_topology()
        if edit:
            edit(t)
        path = tmp_path / ("t%d.json" % len(list(tmp_path.iterdir())))
        path.write_text(json.dumps(t, ensure_ascii=False), encoding="utf-8")
        return str(path)
    return write
