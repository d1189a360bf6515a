"""`clusapi csv [--json]`: every Cluster Shared Volume -- its name (the
disk resource's, as Failover Cluster Manager shows it), path, owner,
state, size, free space, free %, fault state."""
from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..enums import CsvFaultState, state_name
from ..handles import Cluster
from ._common import EXIT_OK, Context, title, write_json, write_table


def _fault(value: int) -> str:
    if not value:
        return "healthy"
    return "|".join(f.name for f in CsvFaultState if f & value and f.name) or str(value)


def _rows(cluster: Cluster) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for sv in cluster.shared_volumes():
        base: dict[str, Any] = {"resource": sv.name, "owner_node": sv.owner_node, "state": state_name(sv.state)}
        if not sv.volumes:
            rows.append(dict(base, path=None, size_bytes=None, free_bytes=None, free_percent=None, fault_state=None))
        for v in sv.volumes:
            pct = None if not v.total_bytes or v.free_bytes is None else round(100.0 * v.free_bytes / v.total_bytes, 1)
            rows.append(dict(base, path=v.path, size_bytes=v.total_bytes, free_bytes=v.free_bytes, free_percent=pct,
                             fault_state=_fault(int(v.fault_state))))
    return rows


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if n < 1024 or unit == "TiB":
            return ("%d %s" % (n, unit)) if unit == "B" else ("%.1f %s" % (n, unit))
        n = n / 1024  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def run(ctx: Context, args: argparse.Namespace, out: TextIO) -> int:
    rows = _rows(ctx.cluster)
    if args.json:
        data = ctx.envelope(ctx.cluster.name)
        data["shared_volumes"] = rows
        write_json(data, out)
        return EXIT_OK
    out.write(title(ctx.simulated, ctx.cluster.name, "%d cluster shared volume%s" % (
        len(rows), "" if len(rows) == 1 else "s") if rows else "no cluster shared volumes"))
    if not rows:
        return EXIT_OK
    table = [("NAME", "PATH", "OWNER", "STATE", "SIZE", "FREE", "FREE %", "FAULT STATE")]
    for r in rows:
        table.append((r["resource"], r["path"] or "-", r["owner_node"] or "-", r["state"], _size(r["size_bytes"]),
                      _size(r["free_bytes"]), "-" if r["free_percent"] is None else "%.1f" % r["free_percent"],
                      r["fault_state"] or "-"))
    write_table(table, out)
    return EXIT_OK
