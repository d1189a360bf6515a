"""`clusapi info`: the cluster's name, version and the access granted."""
from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..handles import Cluster
from ..sim import SimulatedCluster
from ._common import EXIT_OK, write_json


def run(cluster: Cluster, args: argparse.Namespace, out: TextIO) -> int:
    data: dict[str, Any] = {"name": cluster.name, "version": cluster.version._asdict(),
            "granted_access": str(cluster.granted_access.name or int(cluster.granted_access)),
            "simulated": isinstance(cluster.backend, SimulatedCluster)}
    if args.json:
        write_json(data, out)
        return EXIT_OK
    v = cluster.version
    out.write("Cluster:         %s%s\n" % (data["name"], " (simulated)" if data["simulated"] else ""))
    out.write("Version:         %d.%d build %d (%s%s)\n" % (
        v.major, v.minor, v.build, v.vendor_id, ", " + v.csd_version if v.csd_version else ""))
    out.write("Cluster version: highest %#x, lowest %#x\n" % (v.highest_version, v.lowest_version))
    out.write("Granted access:  %s\n" % data["granted_access"])
    return EXIT_OK
