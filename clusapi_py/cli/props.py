"""`clusapi props {cluster,node,group,resource,network,netinterface} [NAME]
[--private] [--json]`: one object's properties -- name, value, type,
read-only -- as a table or JSON.  `clusapi props set KIND [NAME] KEY=VALUE...
[--private] [--dry-run]`: writes them (set_properties) and prints the diff;
exit 0, or 1 when a resource must come online again for them to take effect."""
from __future__ import annotations

import argparse
import datetime
import json
from typing import Any, TextIO

from .. import kinds
from ..errors import ClusterError
from ..handles import Cluster
from ..properties import Property, Syntax
from ..properties.syntax import INT_FORMATS, STRING_SYNTAXES, syntax_text
from ..properties.values import to_json
from ..records import SetResult
from ._common import EXIT_OK, EXIT_WARNING, Context, line_safe, title, write_json, write_table
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
    parser.add_argument("words", nargs="*", metavar="[set] KIND [NAME] [KEY=VALUE ...]",
                        help="%s; every kind but cluster takes the object's name; `set` writes the "
                             "KEY=VALUE pairs" % ", ".join(KINDS))
    parser.add_argument("--private", action="store_true", help="the private properties")
    parser.add_argument("--dry-run", action="store_true",
                        help="set: have the cluster validate the values, store nothing")


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


def _set_words(words: list[str]) -> tuple[str, str | None, list[tuple[str, str]]]:
    """`set KIND [NAME] KEY=VALUE...` -> (kind, name, pairs); ValueError (exit 3) for anything else."""
    if not words or words[0] not in KINDS:
        raise ValueError("clusapi props set: the first argument is one of %s" % ", ".join(KINDS))
    kind = words[0]
    if kind == "cluster":
        name, rest = None, words[1:]
    elif len(words) < 2 or "=" in words[1]:
        raise ValueError("clusapi props set: name the %s: clusapi props set %s NAME KEY=VALUE..." % (kind, kind))
    else:
        name, rest = words[1], words[2:]
    if not rest:
        raise ValueError("clusapi props set: give at least one KEY=VALUE")
    pairs = []
    seen: set[str] = set()
    for word in rest:
        key, sep, value = word.partition("=")
        if not sep or not key:
            raise ValueError("clusapi props set: %r is not KEY=VALUE" % word)
        if key.lower() in seen:          # names compare ignoring case: the second would win silently
            raise ValueError("clusapi props set: %r is given twice" % key)
        seen.add(key.lower())
        pairs.append((key, value))
    return kind, name, pairs


def parse_value(prop: Property, text: str) -> Any:
    """A command-line value read as the property's current type: an int (decimal or 0x hex)
    for the integer syntaxes, the text for strings, a JSON array or comma-separated words for
    a MULTI_SZ ("" = empty), hex for binary, ISO 8601 for a FILETIME.  ValueError otherwise."""
    what = "property %r (%s)" % (prop.name, syntax_name(prop.syntax))
    if prop.syntax in INT_FORMATS:
        try:
            return int(text, 0)
        except ValueError:
            raise ValueError("%s takes an integer, not %r" % (what, text)) from None
    if prop.syntax in STRING_SYNTAXES:
        return text
    if prop.syntax == Syntax.MULTI_SZ:
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValueError("%s: %r is not a JSON list" % (what, text)) from None
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ValueError("%s takes a list of strings" % what)
            return value
        return [part.strip() for part in text.split(",") if part.strip()]
    if prop.syntax == Syntax.FILETIME:
        try:
            t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError("%s: %r is not an ISO 8601 time" % (what, text)) from None
        if t.tzinfo is None:
            raise ValueError("%s: %r has no time zone (write Z or +00:00)" % (what, text))
        return t
    if prop.syntax == Syntax.PROPERTY_LIST:
        raise ValueError("%s: a nested property list cannot be set from the command line" % what)
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise ValueError("%s takes hex bytes, not %r" % (what, text)) from None


def _run_set(ctx: Context, args: argparse.Namespace, out: TextIO) -> int:
    kind, name, pairs = _set_words(list(args.words)[1:])
    cluster = ctx.cluster
    target = _target(cluster, kind, name)
    try:
        current = {p.name.lower(): p for p in target.property_list(private=args.private)}
        values: dict[str, Any] = {}
        for key, text in pairs:
            prop = current.get(key.lower())
            # an unknown or read-only name: set_properties says so, naming the object
            values[prop.name if prop is not None else key] = parse_value(prop, text) if prop is not None else text
        result: SetResult = target.set_properties(values, private=args.private, validate_only=args.dry_run)
    finally:
        if target is not cluster:
            target.close()
    shown = name if name is not None else cluster.name
    if args.json:
        data = ctx.envelope(cluster.name)
        data.update(kind=kind, name=shown, private=bool(args.private), dry_run=bool(args.dry_run),
                    stored=result.stored, needs_restart=result.needs_restart,
                    changed={n: {"old": to_json(current[n.lower()].syntax, old),
                                 "new": to_json(current[n.lower()].syntax, new)}
                             for n, (old, new) in result.changed.items()})
        write_json(data, out)
    else:
        verb = "would change" if args.dry_run else "changed"
        out.write(title(ctx.simulated, cluster.name, "%s%s %s: %s %d of %d values" % (
            "private " if args.private else "", kind, line_safe(shown), verb, len(result.changed), len(values))))
        rows = [("NAME", "OLD", "NEW")]
        rows += [(n, _text(old), _text(new)) for n, (old, new) in result.changed.items()]
        if len(rows) > 1:
            write_table(rows, out)
        if args.dry_run:
            out.write("validated by the cluster; nothing stored (--dry-run)\n")
        elif result.needs_restart:
            out.write("stored; takes effect when the resource next comes online (restart it)\n")
    return EXIT_WARNING if result.needs_restart else EXIT_OK


def run(ctx: Context, args: argparse.Namespace, out: TextIO) -> int:
    if args.words and args.words[0] == "set":
        return _run_set(ctx, args, out)
    if args.dry_run:
        raise ValueError("clusapi props: --dry-run goes with `props set`")
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
