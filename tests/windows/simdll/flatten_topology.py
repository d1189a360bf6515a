"""Writes a topology (docs/topology.md, JSON) as the simulated clusapi.dll's flat file.

    python3 tests/windows/simdll/flatten_topology.py [TOPOLOGY.json] > topology.flat
    python3 tests/windows/simdll/flatten_topology.py --c-header [TOPOLOGY.json] > default_topology.h

The JSON is checked and completed by the package's own normalize_topology()
(pure Python, no extension needed), so the DLL never parses JSON: it reads
this flat form, one object per line in the order the Python simulator adds
them (cluster, resource types, nodes, networks, net interfaces, groups,
resources in dependency order, quorum, Cluster Shared Volumes), fields separated by TAB, list items
by U+001F, states as their numbers, text in UTF-8:

    clusapi-sim-flat 1
    cluster  NAME ALIASES MAJOR MINOR BUILD VENDOR CSD HIGHEST LOWEST FLAGS
    type     NAME
    node     NAME ID STATE
    network  NAME ID STATE
    netif    NAME ID NODE NETWORK STATE
    group    NAME ID STATE OWNER PREFERRED
    resource NAME ID TYPE GROUP STATE DEPENDENCIES POSSIBLE_OWNERS
    quorum   RESOURCE DEVICE MAX_LOG_SIZE
    csv      RESOURCE PATH VOLUME_NAME LABEL PARTITION TOTAL_BYTES FREE_BYTES FAULT_STATE BACKUP_STATE
    prop     KIND OBJECT PRIVATE NAME SYNTAX HEX_BYTES

A `prop` line is one value of an object's `properties` / `private_properties`
(KIND the shim's kind number, OBJECT empty for the cluster, PRIVATE 0/1) with
the syntax and bytes the package's own simulator gives it -- the topology
applied to an in-process SimulatedCluster, each value read back -- so the
DLL holds exactly what `SimulatedCluster(topology)` holds (a value keeps the
type of the default it replaces).  A topology with properties therefore
needs the installed package (run this with the venv's python); one without
needs only the pure-Python modules.

With no argument the built-in topology (clusapi_py/data/default_topology.json)
is written.  --c-header writes it as a C string literal instead (the DLL's
default, compiled in).  A name holding TAB, CR, LF or U+001F cannot be
written and is an error (exit 2).
"""
from __future__ import annotations

import json
import os
import sys
import types
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))), "clusapi_py")


def _pure_package() -> None:
    """clusapi_py and clusapi_py.sim as bare namespaces: their __init__ imports
    the extension, which a build host need not have; the modules used here
    (enums, _validate, sim.topology) are pure Python."""
    for name, path in (("clusapi_py", PACKAGE), ("clusapi_py.sim", os.path.join(PACKAGE, "sim"))):
        module = types.ModuleType(name)
        module.__path__ = [path]
        sys.modules.setdefault(name, module)


try:        # the installed package (with its extension): needed for `prop` lines
    import clusapi_py.sim  # noqa: F401
    HAVE_PACKAGE = True
except ImportError:
    _pure_package()
    HAVE_PACKAGE = False

from clusapi_py.enums import GroupState, NetInterfaceState, NetworkState, NodeState, ResourceState  # noqa: E402
from clusapi_py.sim.topology import default_topology, dependency_order, normalize_topology  # noqa: E402

SEP = "\x1f"


def field(value: Any) -> str:
    text = str(value)
    bad = [c for c in ("\t", "\r", "\n", SEP) if c in text]
    if bad:
        raise ValueError("%r: a name or text with %r cannot be written in the flat form" % (text, bad[0]))
    return text


class Items(str):
    """A list field, its items already checked and joined by SEP."""


def items(values: list[str]) -> Items:
    return Items(SEP.join(field(v) for v in values))


def flat_lines(topology: Any) -> list[str]:
    t = normalize_topology(topology)
    c, v = t["cluster"], t["cluster"]["version"]
    rows: list[list[Any]] = [["cluster", c["name"], items(c["aliases"]), v["major"], v["minor"], v["build"],
                              v["vendor_id"], v["csd_version"], v["highest_version"], v["lowest_version"],
                              v["flags"]]]
    rows += [["type", name] for name in t["resource_types"]]
    rows += [["node", n["name"], n["id"], int(NodeState[n["state"]])] for n in t["nodes"]]
    rows += [["network", n["name"], n["id"], int(NetworkState[n["state"]])] for n in t["networks"]]
    rows += [["netif", n["name"], n["id"], n["node"], n["network"], int(NetInterfaceState[n["state"]])]
             for n in t["netinterfaces"]]
    rows += [["group", g["name"], g["id"], int(GroupState[g["state"]]), g["owner_node"] or "",
              items(g["preferred_owners"])] for g in t["groups"]]
    rows += [["resource", r["name"], r["id"], r["type"], r["group"], int(ResourceState[r["state"]]),
              items(r["dependencies"]), items(r["possible_owners"])] for r in dependency_order(t["resources"])]
    q = t["quorum"]
    rows.append(["quorum", q["resource"], q["device"], q["max_log_size"]])
    rows += [["csv", v["resource"], v["path"], v["volume_name"], v["label"] or "", v["partition_number"],
              v["total_bytes"], v["free_bytes"], v["fault_state"], v["backup_state"]] for v in t["shared_volumes"]]
    rows += property_rows(topology, t)
    out = ["clusapi-sim-flat 1"]
    for row in rows:
        # Lists were checked item by item (items()); every other field here.
        out.append("\t".join(x if isinstance(x, Items) else field(x) for x in row))
    return out


def property_rows(topology: Any, t: dict[str, Any]) -> list[list[Any]]:
    """The `prop` lines: each value as the package's simulator holds it."""
    targets: list[tuple[str, str, dict[str, Any]]] = [("cluster", "", t["cluster"])]
    for kind, key in (("node", "nodes"), ("network", "networks"), ("netinterface", "netinterfaces"),
                      ("group", "groups"), ("resource", "resources")):
        targets.extend((kind, o["name"], o) for o in t[key])
    wanted = [(kind, name, private, o[key]) for kind, name, o in targets
              for key, private in (("properties", 0), ("private_properties", 1)) if o.get(key)]
    if not wanted:
        return []
    if not HAVE_PACKAGE:
        raise ValueError("a topology with properties needs the installed clusapi_py (run this with the "
                         "python of a venv that has it)")
    from clusapi_py.properties.codec import encode_value
    from clusapi_py.sim import SimulatedCluster
    from clusapi_py.sim.props import KINDS

    s = SimulatedCluster(topology)
    rows: list[list[Any]] = []
    for kind, name, private, values in wanted:
        held = {p.name.lower(): p for p in s.property_list(kind, name or None, private=bool(private))}
        for prop in values:
            p = held[prop.lower()]
            rows.append(["prop", KINDS[kind], name, private, prop, int(p.syntax),
                         encode_value(p.syntax, p.value).hex()])
    return rows


def c_literal(text: str) -> str:
    data = text.encode("utf-8")
    parts = []
    for i in range(0, len(data), 32):
        parts.append('"%s"' % "".join("\\x%02x" % b for b in data[i:i + 32]))
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    header = bool(argv) and argv[0] == "--c-header"
    if header:
        argv = argv[1:]
    if len(argv) > 1:
        sys.stderr.write(__doc__ or "")
        return 2
    try:
        if argv:
            with open(argv[0], encoding="utf-8") as f:
                topology = json.load(f)
        else:
            topology = default_topology()
        text = "\n".join(flat_lines(topology)) + "\n"
    except (OSError, ValueError) as e:
        sys.stderr.write("flatten_topology.py: %s\n" % e)
        return 2
    if header:
        sys.stdout.write("/* generated by tests/windows/simdll/flatten_topology.py --c-header: do not edit */\n"
                         "static const char simdll_default_topology[] =\n%s;\n" % c_literal(text))
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
