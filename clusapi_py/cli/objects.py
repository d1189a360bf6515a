"""`clusapi nodes | groups | resources | networks | netinterfaces`: one table
(or JSON document) of a snapshot's objects of one kind (`clusapi dump`:
dump.py)."""
import argparse
import enum
import typing

from ..enums import state_name
from ..snapshot import Snapshot
from ._common import EXIT_OK, Context, Run, title, write_json, write_table

Row = typing.Dict[str, object]


def _state(state: "enum.Enum | int") -> object:
    # As in the topology format: the name, or the number a newer Windows reported.
    name: object = state_name(state)
    return name


def _nodes(snap: Snapshot) -> typing.List[Row]:
    return [{"name": n.name, "id": n.id, "state": _state(n.state)} for n in snap.nodes]


def _groups(snap: Snapshot) -> typing.List[Row]:
    return [{"name": g.name, "id": g.id, "state": _state(g.state), "owner_node": g.owner_node}
            for g in snap.groups]


def _resource_type(snap: Snapshot, name: str) -> str:
    # The `Type` common property, from a snapshot taken with properties=True.
    table = snap.resource_properties
    if table is None:
        return ""
    try:
        value = table[name].get("Type", "")
    except (KeyError, ValueError):
        return ""
    return value if isinstance(value, str) else ""


def _resources(snap: Snapshot) -> typing.List[Row]:
    return [{"name": r.name, "id": r.id, "state": _state(r.state), "group": r.group, "owner_node": r.owner_node,
             "type": _resource_type(snap, r.name)}
            for r in snap.resources]


def _networks(snap: Snapshot) -> typing.List[Row]:
    return [{"name": n.name, "id": n.id, "state": _state(n.state),
             "netinterfaces": [i.name for i in snap.netinterfaces if i.network == n.name]}
            for n in snap.networks]


def _netinterfaces(snap: Snapshot) -> typing.List[Row]:
    return [{"name": i.name, "node": i.node, "network": i.network, "state": _state(i.state)}
            for i in snap.netinterfaces]


class Listing(typing.NamedTuple):
    rows: typing.Callable[[Snapshot], typing.List[Row]]
    plural: str                      # "net interfaces"
    columns: typing.Tuple[str, ...]  # the keys shown in the table
    properties: bool = False         # read the snapshot with properties=True (the resource type)


LISTINGS = {
    "nodes": Listing(_nodes, "nodes", ("name", "id", "state")),
    "groups": Listing(_groups, "groups", ("name", "id", "state", "owner_node")),
    # The resource type is the `Type` common property: snapshot(properties=True), whose bulk path reads
    # every resource's properties in one more round trip (docs/cli.md says what else it costs).
    "resources": Listing(_resources, "resources", ("name", "id", "state", "group", "owner_node", "type"), True),
    "networks": Listing(_networks, "networks", ("name", "id", "state")),
    "netinterfaces": Listing(_netinterfaces, "net interfaces", ("name", "node", "network", "state")),
}


def listing(command: str) -> Run:
    """The `run` of a listing command: a title line (`[(simulated) ]NAME: N
    kinds`, or `NAME: no kinds`), then the table; or one JSON document with
    the rows under the command's name."""
    spec = LISTINGS[command]

    def run(ctx: Context, args: argparse.Namespace, out: typing.TextIO) -> int:
        snap = ctx.snapshot(properties=spec.properties)
        rows = spec.rows(snap)
        if args.json:
            data = ctx.envelope(snap.cluster_name)
            data[command] = rows
            write_json(data, out)
            return EXIT_OK
        out.write(title(ctx.simulated, snap.cluster_name, "%s %s" % (
            len(rows) or "no", spec.plural if len(rows) != 1 else spec.plural[:-1])))
        if rows:
            write_table([tuple(c.upper() for c in spec.columns)]
                        + [tuple(r[c] if r[c] != "" else "-" for c in spec.columns) for r in rows], out)
        return EXIT_OK

    return run
