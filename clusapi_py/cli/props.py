"""`clusapi props {cluster,node,group,resource,network,netinterface} [NAME]
[--private] [--json]`: one object's properties -- name, value, type,
read-only -- as a table or JSON."""
from __future__ import annotations

import datetime
from typing import Any, TextIO

from ..handles import Cluster
from ..properties import Property, Syntax
from ..properties.values import to_json
from ._common import EXIT_ERROR, EXIT_OK, write_json, write_table

KINDS = ("cluster", "node", "group", "resource", "network", "netinterface")


def syntax_name(syntax: int) -> str:
    try:
        return Syntax(syntax).name
    except ValueError:
        return "0x%08X" % syntax


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(value) if value else "-"
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).hex() or "-"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if value == "":
        return "-"
    return str(value)


def _target(cluster: Cluster, kind: str, name: str | None) -> Any:
    if kind == "cluster":
        return cluster
    return getattr(cluster, "open_" + kind)(name)


def run(cluster: Cluster, args: Any, out: TextIO, err: TextIO) -> int:
    words = list(args.args)
    if not words or words[0] not in KINDS:
        err.write("clusapi props: the first argument is one of %s\n" % ", ".join(KINDS))
        return EXIT_ERROR
    kind = words[0]
    name = words[1] if len(words) > 1 else None
    if kind != "cluster" and name is None or len(words) > 2 or (kind == "cluster" and name is not None):
        err.write("clusapi props: %s\n" % ("a cluster has no name argument" if kind == "cluster"
                                            else "name the %s: clusapi props %s NAME" % (kind, kind)))
        return EXIT_ERROR
    target = _target(cluster, kind, name)
    try:
        props: list[Property] = target.property_list(private=args.private)
    finally:
        if target is not cluster:
            target.close()
    if args.json:
        write_json([{"name": p.name, "value": to_json(p.syntax, p.value), "type": syntax_name(p.syntax),
                     "read_only": p.read_only} for p in props], out)
        return EXIT_OK
    rows = [("NAME", "VALUE", "TYPE", "READ-ONLY")]
    rows += [(p.name, _text(p.value), syntax_name(p.syntax), "yes" if p.read_only else "no") for p in props]
    write_table(rows, out)
    return EXIT_OK
