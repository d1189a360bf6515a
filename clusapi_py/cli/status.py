"""`clusapi status`: nodes, groups, the resources needing attention, and a
health verdict (monitor.health) that is also the exit code."""
from __future__ import annotations

import argparse
from typing import TextIO

from ..enums import GroupState, NodeState, state_name
from ..monitor import health
from ..snapshot import Snapshot
from ._common import EXIT_CRITICAL, EXIT_OK, EXIT_WARNING, write_json, write_table

EXIT_CODES: dict[health.Verdict, int] = {health.OK: EXIT_OK, health.WARNING: EXIT_WARNING, health.CRITICAL: EXIT_CRITICAL}
SHOWN_PROBLEMS = 5  # on the Health line; --json lists them all


def run(snap: Snapshot, args: argparse.Namespace, out: TextIO) -> int:
    verdict, problems = health.evaluate(snap)
    code = EXIT_CODES[verdict]
    attention = [r for r in snap.resources if health.needs_attention(r)]
    if args.json:
        write_json({
            "cluster": snap.cluster_name, "health": verdict, "problems": problems,
            "nodes": [{"name": n.name, "state": state_name(n.state)} for n in snap.nodes],
            "groups": [{"name": g.name, "state": state_name(g.state), "owner_node": g.owner_node} for g in snap.groups],
            "resources_needing_attention": [
                {"name": r.name, "state": state_name(r.state), "group": r.group, "owner_node": r.owner_node}
                for r in attention],
        }, out)
        return code
    out.write("Cluster %s\n\nNodes\n" % snap.cluster_name)
    write_table([(n.name, state_name(n.state)) for n in snap.nodes], out, "  ")
    out.write("\nGroups\n")
    write_table([(g.name, state_name(g.state), g.owner_node or "-") for g in snap.groups], out, "  ")
    out.write("\nResources failed, offline or pending: %s\n" % (len(attention) or "none"))
    write_table([(r.name, state_name(r.state), r.group, r.owner_node or "-") for r in attention], out, "  ")
    up = sum(1 for n in snap.nodes if n.state == NodeState.UP)
    online = sum(1 for g in snap.groups if g.state == GroupState.ONLINE)
    shown = problems[:SHOWN_PROBLEMS]
    out.write("\nHealth: %s - %d/%d nodes up, %d/%d groups online, %d resources need attention%s\n" % (
        verdict, up, len(snap.nodes), online, len(snap.groups), len(attention),
        ("; " + "; ".join(shown) + (" ..." if len(problems) > SHOWN_PROBLEMS else "")) if problems else ""))
    return code
