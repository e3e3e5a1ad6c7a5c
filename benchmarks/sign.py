"""Signing speed: a batch of 20 component PDFs (5 pages each) on SoftHSM2, PAdES B-B.

Prints one JSON object: total and per-PDF time, the time spent inside the token's C_Sign,
our overhead per PDF beyond it, wall and CPU (targets: ≤ 60 ms without a visible stamp, ≤ 150 ms with one),
and the number of logins (must be 1 per batch). Runs on a fresh SoftHSM2 token in a temp folder.

    .venv/bin/python benchmarks/sign.py [--files 20] [--pages 5]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _batch(token: object, files: list[Path], out: Path, stamp: bool) -> dict[str, object]:
    from signing.provider import sign_with_token
    from signing.session import SigningSettings
    from tests.softhsm import RSA_HOLDER, RSA_ID

    options = SigningSettings(stamp=stamp, signer_name=RSA_HOLDER)
    cpu_started = time.process_time()
    result = sign_with_token(
        token.module,
        files,
        out,
        options,
        pin=token.pin,
        cert_id=bytes.fromhex(RSA_ID),  # type: ignore[attr-defined]
    )
    cpu_ms = (time.process_time() - cpu_started) * 1000
    summary = result.summary()
    assert summary["signed"] == len(files), summary
    per_file = [f.ms for f in result.files]
    token_per_pdf = summary["token_ms"] / len(files)
    return {
        "total_ms": summary["total_ms"],
        "per_pdf_ms": round(sum(per_file) / len(per_file), 1),
        "per_pdf_ms_max": round(max(per_file), 1),
        "token_sign_ms_per_pdf": round(token_per_pdf, 2),
        "overhead_ms_per_pdf": round(sum(per_file) / len(per_file) - token_per_pdf, 1),
        # CPU time of this process: on a shared, loaded machine wall time mostly measures the load.
        "cpu_ms_per_pdf": round(cpu_ms / len(files), 1),
        "logins": summary["logins"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--pages", type=int, default=5)
    args = parser.parse_args()

    from tests.softhsm import make_pdf, provision_token

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        token = provision_token(base / "softhsm")
        files = [
            make_pdf(base / "in" / f"thanh-phan-{i:02d}.pdf", pages=args.pages) for i in range(args.files)
        ]
        _batch(token, files[:1], base / "warmup", stamp=True)  # imports and font parsing, once per process
        plain = _batch(token, files, base / "plain", stamp=False)
        stamped = _batch(token, files, base / "stamped", stamp=True)
    print(
        json.dumps(
            {
                "benchmark": "signing",
                "level": "B-B",
                "token": "SoftHSM2",
                "key": "RSA-2048",
                "files": args.files,
                "pages_per_file": args.pages,
                "without_stamp": plain,
                "with_stamp": stamped,
                "targets_ms": {"overhead_without_stamp": 60, "overhead_with_stamp": 150},
                "cpu_count": os.cpu_count(),
                "python": platform.python_version(),
            }
        )
    )


if __name__ == "__main__":
    main()
