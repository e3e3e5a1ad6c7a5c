"""A doctor report (`counter_app.doctor.run_doctor`) in plain Vietnamese, part by part: for the
terminal (`counter-app doctor` without `--json`) and the diagnostics screen.

A part is "tốt" only when it was checked and is there and works; "không có" when nothing of it
is on this machine (no camera, no token plugged in); "chưa kiểm tra" when the report has no
section for it; "có vấn đề" with the reason otherwise. No raw keys or JSON reach the officer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import vi_format

GOOD, PROBLEM, ABSENT, NOT_CHECKED = "tốt", "có vấn đề", "không có", "chưa kiểm tra"
MARKS = {GOOD: "✔", PROBLEM: "✘", ABSENT: "–", NOT_CHECKED: "?"}


@dataclass
class Part:
    key: str
    label: str
    status: str
    lines: list[str] = field(default_factory=list)


def _failure(section: dict[str, Any]) -> list[str]:
    """A probe that raised or could not load: its message, never a repr or a code."""
    error = section.get("error")
    if isinstance(error, dict):
        lines = [str(error.get("message", ""))]
        if error.get("hint"):
            lines.append(f"Việc cần làm: {error['hint']}")
        return lines
    return [str(section["reason"])] if section.get("reason") else []


def _config(s: dict[str, Any]) -> Part:
    lines = [
        f"Tệp của máy: {s['machine_file']}" + ("" if s.get("machine_file_present") else " (chưa có)"),
        f"Tệp của người dùng: {s['user_file']}",
    ]
    if s.get("demo_mode"):
        lines.append("Đang chạy chế độ demo (cổng thử nghiệm trong máy).")
    if s.get("locked"):
        lines.append(f"CNTT khóa {len(s['locked'])} tùy chọn.")
    lines += [f"{Path(i['file']).name} — {'cả tệp' if i['option'] == '*' else i['option']}: {i['message']}"
              for i in s.get("issues", [])]  # fmt: skip
    return Part("config", "Cấu hình", GOOD if s["ok"] else PROBLEM, lines)


def _database(s: dict[str, Any]) -> Part:
    lines = [
        f"Tệp: {s['path']}",
        f"Phiên bản lược đồ {s['schema']}; {vi_format.number(s['dossiers'])} hồ sơ,"
        f" {vi_format.number(s['events'])} sự kiện.",
        "Kiểm tra toàn vẹn: đạt." if s["integrity"] == "ok" else f"Kiểm tra toàn vẹn: {s['integrity']}",
    ]
    return Part("database", "Cơ sở dữ liệu", GOOD if s["ok"] else PROBLEM, lines)


def _audit(s: dict[str, Any]) -> Part:
    if s["ok"]:
        lines = [f"{vi_format.number(s['events'])} sự kiện, chuỗi băm nguyên vẹn."]
    else:
        lines = [f"Chuỗi băm hỏng từ sự kiện số {s.get('first_bad')}: nhật ký đã bị sửa hoặc mất."]
    return Part("audit", "Nhật ký sự kiện", GOOD if s["ok"] else PROBLEM, lines)


def _storage(s: dict[str, Any]) -> Part:
    lines = [
        f"Thư mục dữ liệu: {s['data_dir']}",
        f"Còn trống: {vi_format.size(s['free_bytes'])}",
        f"Mã hóa: {s['encryption']}",
    ]
    return Part("storage", "Lưu trữ và mã hóa", GOOD if s["ok"] else PROBLEM, lines)


def _devices(s: dict[str, Any], kind: str) -> Part:
    """Scanners and cameras are two parts: a counter without a camera is told so."""
    label, key = ("Máy quét", "scanners") if kind == "scanners" else ("Camera", "cameras")
    devices = s.get(kind, [])
    if not devices:
        return Part(key, label, ABSENT, [f"Không tìm thấy {label.lower()} nào trên máy này."])
    lines = [str(d.get("name") or d.get("id")) for d in devices]
    demo = all(d.get("backend") == "demo" or d.get("kind") == "demo" for d in devices)
    if demo:
        lines.append("Chỉ có thiết bị trình diễn (chế độ demo), chưa có máy thật.")
    return Part(key, label, ABSENT if demo else GOOD, lines)


def _tokens(s: dict[str, Any]) -> Part:
    modules = s.get("modules", [])
    lines = []
    for module in modules:
        state = "nạp được" if module.get("loaded") else f"không nạp được: {module.get('error') or ''}"
        lines.append(f"{module.get('vendor') or Path(module['path']).name}: {state}")
    present = int(s.get("tokens_present", 0))
    if not s["ok"]:
        return Part("tokens", "Chữ ký số (token)", PROBLEM, [*_failure(s), *lines])
    if present == 0:
        return Part("tokens", "Chữ ký số (token)", ABSENT, ["Chưa cắm token nào.", *lines])
    return Part("tokens", "Chữ ký số (token)", GOOD, [f"{present} token đang cắm.", *lines])


def _portal(s: dict[str, Any]) -> Part:
    lines = [
        "Cổng thử nghiệm trong máy (chế độ demo)." if s.get("mode") == "demo" else f"Địa chỉ: {s['url']}",
        f"Thời gian phản hồi: {vi_format.number(s['round_trip_ms'])} ms",
    ]
    return Part("portal", "Cổng dịch vụ công", GOOD, lines)


def _sync(s: dict[str, Any]) -> Part:
    lines = [f"Sự kiện chờ gửi: {vi_format.number(s.get('pending', 0))}"]
    if s.get("note"):
        lines.append(str(s["note"]))
    return Part("sync", "Đồng bộ thống kê", GOOD if s["ok"] else PROBLEM, [*_failure(s), *lines])


def _ocr(s: dict[str, Any]) -> Part:
    if "path" not in s:
        return Part("ocr", "Nhận dạng chữ (OCR)", ABSENT, _failure(s))
    lines = [f"Tesseract: {s['path']}", "Có dữ liệu tiếng Việt." if s.get("vie") else ""]
    if not s.get("enabled"):
        lines.append("Đang tắt trong cấu hình (pdf.ocr).")
    return Part(
        "ocr", "Nhận dạng chữ (OCR)", GOOD if s["ok"] else PROBLEM, [*_failure(s), *filter(None, lines)]
    )


def _barcodes(s: dict[str, Any]) -> Part:
    lines = [f"{name}: {'nạp được' if ok is True else ok}" for name, ok in s.get("decoders", {}).items()]
    return Part("barcodes", "Đọc mã QR", GOOD if s["ok"] else PROBLEM, lines)


_PARTS: tuple[tuple[str, str, Callable[[dict[str, Any]], Part]], ...] = (
    ("config", "Cấu hình", _config),
    ("database", "Cơ sở dữ liệu", _database),
    ("audit", "Nhật ký sự kiện", _audit),
    ("storage", "Lưu trữ và mã hóa", _storage),
    ("scanners", "Máy quét", lambda s: _devices(s, "scanners")),
    ("scanners", "Camera", lambda s: _devices(s, "cameras")),
    ("tokens", "Chữ ký số (token)", _tokens),
    ("portal", "Cổng dịch vụ công", _portal),
    ("sync", "Đồng bộ thống kê", _sync),
    ("ocr", "Nhận dạng chữ (OCR)", _ocr),
    ("barcodes", "Đọc mã QR", _barcodes),
)


def summarize(report: dict[str, Any]) -> list[Part]:
    parts = []
    for key, label, describe in _PARTS:
        section = report.get(key)
        if section is None:
            parts.append(Part(key, label, NOT_CHECKED, ["Lần chẩn đoán này không kiểm tra mục này."]))
        elif not section.get("ok") and ("error" in section or (set(section) <= {"ok", "reason", "ms"})):
            parts.append(Part(key, label, PROBLEM, _failure(section)))  # the probe itself failed
        else:
            parts.append(describe(section))
    return parts


def headline(parts: list[Part]) -> str:
    """One sentence: all good, or which parts need attention, are absent or were not checked."""
    by_status = {status: [p.label for p in parts if p.status == status] for status in MARKS}
    if len(by_status[GOOD]) == len(parts):
        return "Mọi mục đều tốt."
    pieces = []
    for status, prefix in ((PROBLEM, "Cần chú ý"), (ABSENT, "Không có"), (NOT_CHECKED, "Chưa kiểm tra")):
        if by_status[status]:
            pieces.append(f"{prefix}: {', '.join(by_status[status])}.")
    return " ".join(pieces)


def as_text(report: dict[str, Any]) -> str:
    """The whole report for a terminal: one heading line per part, its facts indented."""
    parts = summarize(report)
    out = [f"Một Cửa Số {report.get('version', '')} — chẩn đoán máy trạm", headline(parts), ""]
    for part in parts:
        out.append(f"{MARKS[part.status]} {part.label}: {part.status}")
        out += [f"    {line}" for line in part.lines if line]
    return "\n".join(out) + "\n"
