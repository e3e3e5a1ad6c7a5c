"""The procedures the sandbox portal accepts: read from the same catalog data as the counter.

The sandbox reads the JSON file itself (it must not import the counter's domain code), keeping
only what a portal checks: the code, processing days, the 15:00 cutoff and which components are
required.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from office_calendar import DEFAULT_CUTOFF, cutoff_of

BUNDLED_CATALOG = Path(__file__).resolve().parents[1] / "resources" / "procedures.json"


@dataclass(frozen=True)
class PortalProcedure:
    code: str
    name: str
    processing_days: int
    fee: int
    required_components: dict[str, str]  # key -> name
    cutoff: time | None = DEFAULT_CUTOFF  # received after it (office time): counts from the next working day


def load_procedures(path: Path | None = None) -> dict[str, PortalProcedure]:
    data = json.loads(Path(path or BUNDLED_CATALOG).read_text(encoding="utf-8"))
    procedures: dict[str, PortalProcedure] = {}
    default_cutoff = cutoff_of(data, DEFAULT_CUTOFF)
    for entry in data["procedures"]:
        procedures[entry["code"]] = PortalProcedure(
            code=entry["code"],
            name=entry["name"],
            processing_days=int(entry.get("processing_days", 0)),
            fee=int(entry.get("fee", 0)),
            required_components={c["key"]: c["name"] for c in entry["components"] if c.get("required")},
            cutoff=cutoff_of(entry, default_cutoff),
        )
    return procedures
