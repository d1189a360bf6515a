"""`clusapi props {cluster,node,group,resource,network,netinterface} [NAME]
[--private] [--json]`: one object's properties -- name, value, type,
read-only -- as a table or JSON."""
from __future__ import annotations

import argparse
import datetime
from typing import Any, TextIO

from .. import kinds
from ..errors import ClusterError
from ..handles import Cluster
from ..properties import Property, Syntax
from ..properties.syntax import syntax_text
from ..properties.values import to_json
from ._common import EXIT_OK, Context, line_safe, title, write_json, write_table
from ._runtime import failure_from

KINDS = kinds.NAMES


def syntax_name(syntax: int) -> str:
    try:
        return Syntax(syntax).name
    except ValueError:
        return syntax_text(syntax)


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
    try:
        return getattr(cluster, "open_" + kind)(name)
    except ClusterError as exc:
        # Say which object: "group 'NoSuch': The cluster group could not be found (...)".
        failure = failure_from(exc)
        failure.message = "%s %r: %s" % (kind, name, failure.message)
        failure.error["message"] = "%s %r: %s" % (kind, name, failure.error["message"])
        failure.error.update(kind=kind, name=name)
        raise failure from None


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("words", nargs="*", metavar="KIND [NAME]",
                        help="%s; every kind but cluster takes the object's name" % ", ".join(KINDS))
    parser.add_argument("--private", action="store_true", help="the private properties")


def _kind_and_name(words: list[str]) -> tuple[str, str | None]:
    """The object named on the command line; ValueError (exit 3) for anything else."""
    if not words or words[0] not in KINDS:
        raise ValueError("clusapi props: the first argument is one of %s" % ", ".join(KINDS))
    kind, name = words[0], (words[1] if len(words) > 1 else None)
    if kind == "cluster" and len(words) > 1:
        raise ValueError("clusapi props: a cluster has no name argument")
    if kind != "cluster" and len(words) != 2:
        raise ValueError("clusapi props: name the %s: clusapi props %s NAME" % (kind, kind))
    return kind, name


def run(ctx: Context, args: argparse.Namespace, out: TextIO) -> int:
    kind, name = _kind_and_name(list(args.words))
    cluster = ctx.cluster
    target = _target(cluster, kind, name)
    try:
        props: list[Property] = target.property_list(private=args.private)
    finally:
        if target is not cluster:
            target.close()
    if args.json:
        data = ctx.envelope(cluster.name)
        data.update(kind=kind, name=name if name is not None else cluster.name, private=bool(args.private))
        data["properties"] = [{"name": p.name, "value": to_json(p.syntax, p.value), "type": syntax_name(p.syntax),
                               "read_only": p.read_only} for p in props]
        write_json(data, out)
        return EXIT_OK
    out.write(title(ctx.simulated, cluster.name, "%s%s %s, %d properties" % (
        "private " if args.private else "", kind, line_safe(name if name is not None else cluster.name), len(props))))
    rows = [("NAME", "VALUE", "TYPE", "READ-ONLY")]
    rows += [(p.name, _text(p.value), syntax_name(p.syntax), "yes" if p.read_only else "no") for p in props]
    write_table(rows, out)
    return EXIT_OK
