"""The support bundle IT staff send when something is wrong: one zip, no secrets, no personal data.

Contents: versions, the configuration with each option's origin (secrets masked), the doctor
report (devices, tokens, portal, sync), the recent log lines and crash reports. Page images,
PDFs, the database and the data key are never included; log lines name dossiers only by their
local reference, by the logging policy.
"""

from __future__ import annotations

import io
import json
import platform
import sys
import zipfile
from pathlib import Path
from typing import Any

from common import clock
from common.atomic import atomic_write_bytes
from counter_app import __version__
from counter_app.context import AppContext
from counter_app.logging_setup import LOG_FILE_NAME, tail

MAX_LOG_LINES = 5000
MAX_CRASH_FILES = 10


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def versions() -> dict[str, str]:
    found = {
        "counter-app": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "bits": "64" if sys.maxsize > 2**32 else "32",
    }
    from importlib import metadata

    for package in (
        "PySide6-Essentials",
        "opencv-python-headless",
        "pyHanko",
        "python-pkcs11",
        "pikepdf",
        "zxing-cpp",
        "httpx",
        "cryptography",
    ):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "không có"
    return found


def build_support_bundle(ctx: AppContext, out: Path, report: dict[str, Any] | None = None) -> Path:
    """Write the bundle to `out` (atomically) and return its path; `report` is a doctor report."""
    if report is None:
        from counter_app.doctor import run_doctor

        report = run_doctor(ctx)
    buffer = io.BytesIO()
    stamp = clock.utc_now().isoformat(timespec="seconds")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(
            "README.txt",
            (
                f"Gói hỗ trợ Một Cửa Số, tạo lúc {stamp}.\n"
                "Không chứa dữ liệu cá nhân, ảnh giấy tờ, tệp PDF, cơ sở dữ liệu hay khóa dữ liệu.\n"
            ),
        )
        bundle.writestr("versions.json", _json(versions()))
        bundle.writestr(
            "config.json",
            _json(
                {
                    "options": ctx.config.describe(),
                    "issues": [i.as_dict() for i in ctx.config.issues],
                    "machine_file": str(ctx.paths.machine_config),
                    "user_file": str(ctx.paths.user_config),
                }
            ),
        )
        bundle.writestr("doctor.json", _json(report))
        bundle.writestr(
            "logs/" + LOG_FILE_NAME, "\n".join(tail(ctx.paths.log_dir / LOG_FILE_NAME, MAX_LOG_LINES))
        )
        crash_dir = ctx.paths.crash_dir
        if crash_dir.is_dir():
            crashes = sorted(crash_dir.glob("*"), key=lambda p: p.stat().st_mtime)[-MAX_CRASH_FILES:]
            for path in crashes:
                if path.is_file() and path.stat().st_size > 0:
                    bundle.writestr(
                        f"crashes/{path.name}", path.read_text(encoding="utf-8", errors="replace")
                    )
    return atomic_write_bytes(out, buffer.getvalue())
