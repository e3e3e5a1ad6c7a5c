"""Diagnostics: what works on this machine and what does not, section by section.

Used by `counter-app doctor`, the diagnostics screen and the status bar. Each probe is
independent: one that fails or raises reports its own section and never hides the others.
A probe tells the truth: a part that is not installed or not reachable is `ok: false` with
the reason in Vietnamese.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from typing import Any

from counter_app import __version__
from counter_app.context import AppContext
from counter_app.errors import error_dict, is_known_error
from counter_app.storage.faults import as_known_error, from_os_error

log = logging.getLogger(__name__)

Section = dict[str, Any]
MIN_FREE_BYTES = 2 * 1024**3  # a day of scanning at a busy counter fits comfortably in 2 GB


def _config(ctx: AppContext) -> Section:
    return {
        "ok": not ctx.config.issues,
        "demo_mode": ctx.demo_mode,
        "machine_file": str(ctx.paths.machine_config),
        "machine_file_present": ctx.paths.machine_config.exists(),
        "user_file": str(ctx.paths.user_config),
        "locked": sorted(ctx.config.locked),
        "issues": [i.as_dict() for i in ctx.config.issues],
    }


def _database(ctx: AppContext) -> Section:
    conn = ctx.db.connection()
    integrity = ctx.db.integrity_check()  # the full check: start-up only runs the quick one
    section: Section = {
        "ok": integrity == "ok" and not ctx.db.read_only,
        "path": str(ctx.paths.database),
        "schema": "{}.{}".format(*ctx.db.version),
        "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
        "integrity": integrity,
        "read_only": ctx.db.read_only,
    }
    if ctx.db.problem is not None:
        section["error"] = error_dict(ctx.db.problem)
        return section
    section["dossiers"] = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    section["events"] = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    return section


def _audit(ctx: AppContext) -> Section:
    from counter_app.events import verify

    result = verify(ctx.db)
    return {"ok": result["ok"], **result}


def _storage(ctx: AppContext) -> Section:
    ctx.data_key  # noqa: B018 - loading (and checking) the key is part of the check
    probe = ctx.paths.data_dir / ".doctor-write-test"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise from_os_error(exc, probe) or exc from exc
    usage = shutil.disk_usage(ctx.paths.data_dir)
    section: Section = {
        "ok": usage.free >= MIN_FREE_BYTES,
        "data_dir": str(ctx.paths.data_dir),
        "log_dir": str(ctx.paths.log_dir),
        "free_bytes": usage.free,
        "encryption": "AES-256-GCM",
        "key_protection": ctx.config.get("security.key_protection"),
        "key_id": ctx.data_key.key_id,
        "key_recovery": "Xuất khóa dữ liệu một lần ra tệp có mật khẩu và cất ngoài máy: "
        "counter-app key export --out TỆP (khôi phục: counter-app key import TỆP).",
    }
    if not section["ok"]:
        section["reason"] = "Ổ đĩa dữ liệu còn dưới 2 GB trống; hãy giải phóng dung lượng."
    return section


def _scanners(ctx: AppContext) -> Section:
    from scanner.devices import backend_status, default_registry

    backends = backend_status()
    devices, problems = default_registry().list_devices()
    scanners = [d for d in devices if getattr(d, "kind", "scanner") != "camera"]
    cameras = [d for d in devices if getattr(d, "kind", "") == "camera"]
    return {
        "ok": bool(devices),
        "backends": backends,
        "scanners": [_device_row(d) for d in scanners],
        "cameras": [_device_row(d) for d in cameras],
        "problems": problems,
    }


def _device_row(device: Any) -> dict[str, Any]:
    as_dict = getattr(device, "as_dict", None)
    if callable(as_dict):
        return as_dict()
    return {"id": getattr(device, "id", str(device)), "name": getattr(device, "name", str(device))}


def _tokens(ctx: AppContext) -> Section:
    from signing.doctor import diagnose

    return diagnose(ctx.config.get("signing.module_paths"))


def _portal(ctx: AppContext) -> Section:
    from counter_app.portal.connect import connect_portal

    started = time.perf_counter()
    with connect_portal(ctx, timeout_s=10) as portal:
        capabilities = portal.client.capabilities()
        return {
            "ok": True,
            "mode": "demo" if portal.is_sandbox else "configured",
            "url": portal.url,
            "note": "Cổng thử nghiệm chạy trong máy (chế độ demo)." if portal.is_sandbox else "",
            "round_trip_ms": round((time.perf_counter() - started) * 1000, 1),
            "capabilities": capabilities.to_dict(),
        }


def _sync(ctx: AppContext) -> Section:
    from counter_app.sync import EventPusher

    url = ctx.config.get("collector.url")
    if not url:
        pending = ctx.db.connection().execute("SELECT count(*) FROM events").fetchone()[0]
        if ctx.demo_mode:
            return {
                "ok": True,
                "mode": "demo",
                "pending": pending,
                "note": "Chế độ demo: nhật ký được đồng bộ lên máy chủ thống kê thử nghiệm trong máy.",
            }
        return {
            "ok": False,
            "pending": pending,
            "reason": "Chưa cấu hình máy chủ thống kê (collector.url); nhật ký chưa được gửi lên tỉnh.",
        }
    pusher = EventPusher(
        ctx.db,
        url,
        office_code=ctx.config.get("office.code"),
        timeout_s=10,
        verify=ctx.config.get("portal.ca_bundle") or True,
    )
    try:
        status = pusher.status()
        section: Section = {"ok": status.last_error is None, **status.as_dict()}
        if status.last_error:
            section["reason"] = (
                f"Lần đồng bộ gần nhất thất bại: {status.last_error.get('message', status.last_error)}"
            )
        return section
    finally:
        pusher.close()


def _ocr(ctx: AppContext) -> Section:
    exe = shutil.which("tesseract")
    if exe is None:
        return {
            "ok": False,
            "enabled": ctx.config.get("pdf.ocr"),
            "reason": "Chưa cài Tesseract: PDF vẫn được tạo nhưng không tìm kiếm được chữ.",
        }
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20).stdout.split()
    ok = "vie" in langs
    section: Section = {"ok": ok, "enabled": ctx.config.get("pdf.ocr"), "path": exe, "vie": ok}
    if not ok:
        section["reason"] = "Thiếu dữ liệu tiếng Việt cho Tesseract (gói tesseract-ocr-vie)."
    return section


def _barcodes(ctx: AppContext) -> Section:
    found = {}
    for module in ("zxingcpp", "pyzbar.pyzbar"):
        try:
            importlib.import_module(module)
            found[module.split(".")[0]] = True
        except (ImportError, OSError) as exc:
            found[module.split(".")[0]] = f"không nạp được: {exc}"
    return {"ok": any(v is True for v in found.values()), "decoders": found}


PROBES: tuple[tuple[str, Callable[[AppContext], Section]], ...] = (
    ("config", _config),
    ("database", _database),
    ("audit", _audit),
    ("storage", _storage),
    ("scanners", _scanners),
    ("tokens", _tokens),
    ("portal", _portal),
    ("sync", _sync),
    ("ocr", _ocr),
    ("barcodes", _barcodes),
)


def run_probe(name: str, probe: Callable[[AppContext], Section], ctx: AppContext) -> Section:
    started = time.perf_counter()
    try:
        section = probe(ctx)
    except ImportError as exc:
        section = {"ok": False, "reason": f"Thành phần chưa có trong bản cài đặt này ({exc.name or exc})."}
    except Exception as exc:
        fault = exc if is_known_error(exc) else as_known_error(exc, ctx.paths.database)
        if fault is not None:
            section = {"ok": False, "error": error_dict(fault)}
        else:
            log.exception("doctor probe %s failed", name)
            section = {"ok": False, "error": {"code": "probe_failed", "message": repr(exc)}}
    section["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return section


def run_doctor(ctx: AppContext, only: tuple[str, ...] = ()) -> dict[str, Any]:
    report: dict[str, Any] = {"version": __version__, "pid": os.getpid()}
    for name, probe in PROBES:
        if only and name not in only:
            continue
        report[name] = run_probe(name, probe, ctx)
    report["ok"] = all(report[name]["ok"] for name, _ in PROBES if name in report)
    return report
