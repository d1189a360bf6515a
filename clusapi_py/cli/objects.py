"""`clusapi nodes | groups | resources | networks`: one table (or JSON list)
of a snapshot's objects of one kind; `clusapi dump`: the whole snapshot in
the topology format."""
from __future__ import annotations

import argparse
from typing import TextIO, Union

from ..enums import state_name
from ..snapshot import Snapshot
from ._common import EXIT_OK, write_json, write_table

_Row = dict[str, Union[str, int, list[str]]]

COMMANDS = ("nodes", "groups", "resources", "networks")


def _rows(snap: Snapshot, command: str) -> list[_Row]:
    if command == "nodes":
        return [{"name": n.name, "id": n.id, "state": state_name(n.state)} for n in snap.nodes]
    if command == "groups":
        return [{"name": g.name, "id": g.id, "state": state_name(g.state), "owner_node": g.owner_node}
                for g in snap.groups]
    if command == "resources":
        return [{"name": r.name, "id": r.id, "state": state_name(r.state), "group": r.group,
                 "owner_node": r.owner_node} for r in snap.resources]
    return [{"name": n.name, "id": n.id, "state": state_name(n.state),
             "netinterfaces": [i.name for i in snap.netinterfaces if i.network == n.name]}
            for n in snap.networks]


def run(snap: Snapshot, args: argparse.Namespace, out: TextIO) -> int:
    rows = _rows(snap, args.command)
    if args.json:
        write_json(rows, out)
        return EXIT_OK
    keys = [k for k in rows[0] if k != "netinterfaces"] if rows else []
    write_table([tuple(k.upper() for k in keys)] + [tuple(r[k] if r[k] != "" else "-" for k in keys) for r in rows],
                out)
    return EXIT_OK


def dump(snap: Snapshot, args: argparse.Namespace, out: TextIO) -> int:
    out.write(snap.to_json() + "\n")
    return EXIT_OK
