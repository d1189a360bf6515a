"""What every command shares: exit codes and the two output forms."""
from __future__ import annotations

import json
from typing import Sequence, TextIO

EXIT_OK, EXIT_WARNING, EXIT_CRITICAL, EXIT_ERROR = 0, 1, 2, 3


def write_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_table(rows: Sequence[Sequence[object]], out: TextIO, indent: str = "") -> None:
    """Rows of cells in columns as wide as their widest cell."""
    if not rows:
        return
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        out.write(indent + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
