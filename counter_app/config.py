"""Configuration: every option declared once, typed, with its default and Vietnamese label.

Layers, lowest first: defaults, the machine-wide TOML written by the installer (IT may lock
options there with `[lock] options = [...]` or `all = true`; `machine_only` options are set there
alone), then the user's TOML. A bad
file or value never stops the application: it is reported (file, option, reason) and the
default is used where that is safe.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tomli_w

from common import clock
from common.atomic import atomic_write_text
from counter_app.paths import AppPaths, app_paths
from scanner import guard

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    import tomli as tomllib

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Option:
    key: str  # "section.name", as written in the TOML file
    type: type
    default: Any
    label_vi: str
    label_en: str
    choices: tuple[Any, ...] = ()
    secret: bool = False
    check: Callable[[Any], None] | None = None  # raises ValueError (Vietnamese) for a bad value
    machine_only: bool = False  # IT's alone: always locked, a user file's value is ignored


def _check_max_pixels(value: int) -> None:
    if not guard.MIN_MAX_PIXELS <= value <= guard.MAX_MAX_PIXELS:
        raise ValueError(
            f"giới hạn điểm ảnh phải trong khoảng {guard.MIN_MAX_PIXELS:,} – {guard.MAX_MAX_PIXELS:,}"
            " (ảnh lớn hơn làm cạn bộ nhớ)"
        )


def _check_zone(name: str) -> None:
    try:
        clock.load_zone(name)
    except clock.UnknownZoneError:
        raise ValueError(f"không có múi giờ {name!r} (ví dụ đúng: {clock.DEFAULT_ZONE})") from None


def _check_days(value: int) -> None:
    if value < 0:
        raise ValueError("số ngày không được âm")


def _check_days_by_procedure(value: dict) -> None:
    for code, days in value.items():
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise ValueError(f"thủ tục {code}: cần số ngày (số nguyên không âm), nhận được {days!r}")


def _check_form_line(text: str) -> None:
    """A line printed on the forms' header: one short line, not blank."""
    if not text.strip():
        raise ValueError("không được để trống (dòng này in trên đầu các phiếu)")
    if "\n" in text or len(text) > 80:
        raise ValueError("chỉ một dòng, tối đa 80 ký tự")


def _check_calendar_file(path: str) -> None:
    if not path:
        return
    from office_calendar import CalendarFileError, load_overrides

    try:
        load_overrides(path)
    except CalendarFileError as exc:
        raise ValueError(exc.message) from None


def _check_clock_time(text: str) -> None:
    from office_calendar import parse_clock_time

    parse_clock_time(text)


def _check_url(value: str) -> None:
    """Empty (the built-in sandbox) or an http(s) address with a host."""
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or any(ch.isspace() for ch in value):
        raise ValueError(f"{value!r} không phải địa chỉ web (cần dạng https://ten-may/duong-dan)")


def _check_adapter_name(value: str) -> None:
    # Which adapters exist is known only at run time (entry points); here only the name's shape.
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", value):
        raise ValueError("tên bộ kết nối chỉ gồm chữ thường, số và dấu gạch dưới (ví dụ: opencps)")


def _check_file(value: str) -> None:
    """Empty (not used) or a file that is there."""
    if value and not Path(value).expanduser().is_file():
        raise ValueError(f"không có tệp {value!r}")


def _check_files(values: list[Any]) -> None:
    for value in values:
        _check_file(str(value))


OPTIONS: tuple[Option, ...] = (
    Option("office.code", str, "000.00.00.DEMO", "Mã đơn vị tiếp nhận", "Receiving office code"),
    Option("office.name", str, "Bộ phận Một cửa (chế độ demo)", "Tên đơn vị", "Office name"),
    # The forms' header (Thông tư 03/2025/TT-VPCP Annex I): the governing body above the office,
    # and the place of the date line "‹place›, ngày … tháng … năm …"; the signature stamp uses both.
    Option(
        "office.agency",
        str,
        "UBND XÃ DEMO",
        "Cơ quan chủ quản in trên đầu phiếu (ví dụ: UBND XÃ AN BÌNH)",
        "Governing body on the forms' header",
        check=_check_form_line,
        machine_only=True,
    ),
    Option(
        "office.place",
        str,
        "Xã Demo",
        "Địa danh ghi ngày tháng trên phiếu («‹địa danh›, ngày … tháng … năm …»)",
        "Place name of the forms' date line",
        check=_check_form_line,
        machine_only=True,
    ),
    Option(
        "office.timezone",
        str,
        clock.DEFAULT_ZONE,
        "Múi giờ của đơn vị (ngày giờ trên phiếu, dấu ký, ngày hẹn, số liệu theo ngày)",
        "Office time zone (dates on forms, stamps, appointments, daily figures)",
        check=_check_zone,
    ),
    Option("officer.username", str, "demo", "Tài khoản cán bộ", "Officer account"),
    Option("officer.full_name", str, "Cán bộ Demo", "Họ tên cán bộ", "Officer full name"),
    Option(
        "officer.role",
        str,
        "officer",
        "Vai trò (cán bộ / lãnh đạo bộ phận / CNTT)",
        "Role",
        ("officer", "supervisor", "it"),
    ),
    Option(
        "office.supervisor_accounts",
        list,
        [],
        "Tài khoản Windows/Linux của lãnh đạo bộ phận (xem số liệu toàn bộ phận)",
        "OS accounts of supervisors (see the whole office's figures)",
    ),
    Option(
        "office.supervisor_pin",
        str,
        "",
        "Mã PIN lãnh đạo bộ phận, dạng băm (tạo bằng: counter-app config hash-pin)",
        "Supervisor PIN, hashed (made by: counter-app config hash-pin)",
        secret=True,
    ),
    Option(
        "portal.url",
        str,
        "",
        "Địa chỉ cổng dịch vụ công (trống = cổng thử nghiệm)",
        "Portal URL (empty = sandbox)",
        check=_check_url,
    ),
    Option(
        "portal.adapter",
        str,
        "reference",
        "Bộ kết nối cổng (reference, opencps, dvcqg, hoặc gói của tỉnh)",
        "Portal adapter (reference, opencps, dvcqg, or a province's package)",
        check=_check_adapter_name,
    ),
    Option(
        "portal.mapping",
        str,
        "",
        "Bảng ánh xạ mã thủ tục/thành phần/trạng thái sang hệ thống của tỉnh (trống = bảng mẫu)",
        "Code mapping table for the portal (empty = the bundled sample)",
        check=_check_file,
    ),
    Option(
        "portal.training",
        bool,
        False,
        "Chế độ đào tạo (nộp vào cổng thử nghiệm, không gửi cổng thật)",
        "Training mode (files to the sandbox, never the real portal)",
    ),
    Option(
        "portal.auth",
        str,
        "none",
        "Cách xác thực với cổng",
        "Portal authentication",
        ("none", "oauth2", "client_cert"),
    ),
    Option("portal.client_id", str, "", "Mã client OAuth2", "OAuth2 client id"),
    Option("portal.client_secret", str, "", "Khóa bí mật OAuth2", "OAuth2 client secret", secret=True),
    Option(
        "portal.client_cert",
        str,
        "",
        "Tệp chứng thư máy trạm (PEM)",
        "Client certificate (PEM)",
        check=_check_file,
    ),
    Option(
        "portal.client_key",
        str,
        "",
        "Tệp khóa của chứng thư máy trạm (PEM)",
        "Client certificate key (PEM)",
        secret=True,
        check=_check_file,
    ),
    Option("portal.ca_bundle", str, "", "Tệp chứng thư gốc TLS", "TLS CA bundle", check=_check_file),
    Option("portal.timeout_s", float, 30.0, "Thời gian chờ cổng (giây)", "Portal timeout (s)"),
    Option(
        "collector.url",
        str,
        "",
        "Địa chỉ máy chủ thống kê (trống = thử nghiệm)",
        "KPI collector URL (empty = sandbox)",
        check=_check_url,
    ),
    Option(
        "portal.status_interval_min",
        float,
        15.0,
        "Chu kỳ hỏi trạng thái hồ sơ trên cổng (phút)",
        "Dossier status polling interval (min)",
    ),
    Option(
        "portal.demo_auto_progress_s",
        float,
        0.0,
        "Cổng thử nghiệm tự chuyển trạng thái hồ sơ sau (giây, 0 = không)",
        "Sandbox moves dossiers along after (s, 0 = never)",
    ),
    Option("sync.interval_s", int, 300, "Chu kỳ đồng bộ (giây)", "Sync interval (s)"),
    Option("signing.module_paths", list, [], "Đường dẫn thư viện PKCS#11", "PKCS#11 module paths"),
    Option("signing.level", str, "B-B", "Mức chữ ký PAdES", "PAdES level", ("B-B", "B-T", "B-LT")),
    Option(
        "signing.tsa_url", str, "", "Máy chủ dấu thời gian (RFC 3161)", "Timestamp server", check=_check_url
    ),
    Option(
        "signing.trust_roots",
        list,
        [],
        "Chứng thư gốc tin cậy",
        "Trusted root certificates",
        check=_check_files,
    ),
    Option("signing.stamp", bool, True, "Ghi tên người số hóa trên trang 1", "Digitiser stamp on page 1"),
    Option("scanner.device", str, "", "Máy quét mặc định", "Default scanner"),
    Option("scanner.dpi", int, 300, "Độ phân giải quét (dpi)", "Scan resolution (dpi)"),
    Option("scanner.mode", str, "color", "Chế độ màu khi quét", "Scan colour mode", ("color", "gray", "bw")),
    Option("camera.index", int, 0, "Camera", "Camera"),
    Option(
        "chip.reader",
        str,
        "",
        "Đầu đọc chip thẻ căn cước (trống = đầu đọc đầu tiên có thẻ)",
        "ID card chip reader (empty = the first with a card)",
    ),
    Option(
        "chip.csca_dir",
        str,
        "",
        "Thư mục chứng thư CSCA để xác thực dữ liệu chip (trống = thư mục csca trong dữ liệu)",
        "Folder of CSCA certificates for chip passive authentication (empty = csca in the data folder)",
    ),
    Option(
        "pdf.profile",
        str,
        "standard",
        "Hồ sơ PDF số hóa",
        "Digitised PDF profile",
        ("standard", "bw", "gray", "color"),
    ),
    Option(
        "limits.max_image_pixels",
        int,
        guard.DEFAULT_MAX_PIXELS,
        "Số điểm ảnh tối đa của một ảnh được mở (ảnh lớn hơn bị từ chối, tránh cạn bộ nhớ)",
        "Largest picture opened, in pixels (larger ones are refused to keep memory bounded)",
        check=_check_max_pixels,
    ),
    Option("pdf.ocr", bool, True, "Nhận dạng chữ (OCR)", "Text recognition (OCR)"),
    Option(
        "catalog.path",
        str,
        "",
        "Tệp danh mục thủ tục (trống = danh mục kèm theo)",
        "Procedure catalog file (empty = bundled)",
        check=_check_file,
    ),
    Option(
        "calendar.overrides",
        str,
        "",
        "Tệp lịch nghỉ hằng năm theo quyết định của Chính phủ (ngày nghỉ hoán đổi, ngày làm bù)",
        "Yearly days-off file from the Government's decision (moved days off, Saturdays worked)",
        check=_check_calendar_file,
    ),
    Option(
        "calendar.return_time",
        str,
        "16:00",
        "Giờ hẹn trả kết quả trong ngày hẹn (HH:MM)",
        "Hour of the appointment on its day (HH:MM)",
        check=_check_clock_time,
    ),
    Option("receipt.hotline", str, "1022", "Đường dây nóng in trên phiếu", "Hotline on the receipt"),
    Option("receipt.printer", str, "", "Máy in phiếu", "Receipt printer"),
    Option(
        "privacy.retention_days",
        int,
        90,
        "Số ngày giữ tệp và dữ liệu công dân trên máy sau khi cổng tiếp nhận (hoặc hồ sơ bị hủy)",
        "Days local files and citizen data are kept after the portal acknowledges (or cancellation)",
        check=_check_days,
        machine_only=True,
    ),
    Option(
        "privacy.retention_by_procedure",
        dict,
        {},
        "Số ngày giữ riêng theo mã thủ tục (ghi đè số ngày chung)",
        "Days kept per procedure code (overrides the default)",
        check=_check_days_by_procedure,
        machine_only=True,
    ),
    Option(
        "privacy.notice",
        str,
        "",
        "Thông báo xử lý dữ liệu cá nhân cho công dân (trống = mẫu kèm theo; dùng {office}, {days})",
        "Personal data notice shown to the citizen (empty = bundled text; {office}, {days} filled in)",
        machine_only=True,
    ),
    Option(
        "receipt.size",
        str,
        "a4",
        "Khổ giấy in phiếu (A4, A5, cuộn 80 mm)",
        "Paper size of the counter forms",
        ("a4", "a5", "80mm"),
    ),
    Option("ui.language", str, "vi", "Ngôn ngữ giao diện", "Interface language", ("vi", "en")),
    Option(
        "security.key_protection",
        str,
        "auto",
        "Bảo vệ khóa dữ liệu",
        "Data key protection",
        ("auto", "dpapi", "file"),
    ),
    Option("kpi.target_online", float, 0.6, "Chỉ tiêu hồ sơ trực tuyến", "Online dossiers target"),
    Option("kpi.target_digitized", float, 0.8, "Chỉ tiêu số hóa", "Digitised dossiers target"),
    Option("kpi.target_reuse", float, 0.8, "Chỉ tiêu tái sử dụng", "Reuse target"),
    Option("kpi.target_guided", float, 1.0, "Chỉ tiêu hướng dẫn nộp trực tuyến", "Guided walk-ins target"),
    Option("kpi.target_paid_online", float, 0.5, "Chỉ tiêu thanh toán trực tuyến", "Online payment target"),
    Option("kpi.target_on_time", float, 0.95, "Chỉ tiêu đúng hạn", "On-time target"),
    Option(
        "kpi.target_synced", float, 1.0, "Chỉ tiêu hồ sơ đồng bộ lên Cổng (1.4)", "Dossiers synced target"
    ),
    Option(
        "kpi.target_full_online_procedures",
        float,
        0.8,
        "Chỉ tiêu thủ tục cung cấp toàn trình (3.1)",
        "Procedures offered fully online target",
    ),
    Option(
        "kpi.target_paying_procedures",
        float,
        0.5,
        "Chỉ tiêu thủ tục có thanh toán trực tuyến (3.5)",
        "Procedures with online payments target",
    ),
    Option("kpi.target_e_result", float, 0.8, "Chỉ tiêu cấp kết quả điện tử (4.1)", "E-results target"),
    Option(
        "kpi.target_citizen_data",
        float,
        0.8,
        "Chỉ tiêu khai thác dữ liệu từ căn cước (4.4)",
        "Identifications from ID card data target",
    ),
    Option("kpi.target_satisfied", float, 0.9, "Chỉ tiêu hài lòng (5.1)", "Satisfaction target"),
    Option(
        "kpi.online_full_weight",
        float,
        1.4,
        "Hệ số hồ sơ trực tuyến toàn trình (3.3)",
        "Weight of fully online dossiers (3.3)",
    ),
    Option(
        "kpi.bands",
        list,
        [1.0, 0.8, 0.5],
        "Ngưỡng màu xanh / vàng / cam (tỉ lệ so với chỉ tiêu)",
        "Colour band limits (share of target): green / yellow / orange",
    ),
)
OPTIONS_BY_KEY: Mapping[str, Option] = {o.key: o for o in OPTIONS}


@dataclass(frozen=True)
class OfficeHeader:
    """What every paper that leaves the office prints about it: the forms' header and date line,
    and the signature stamp (from `office.agency`, `office.name`, `office.place`)."""

    agency: str
    office_name: str
    place: str


def office_header(config: Config) -> OfficeHeader:
    return OfficeHeader(
        str(config.get("office.agency")), str(config.get("office.name")), str(config.get("office.place"))
    )


@dataclass
class ConfigIssue:
    file: str
    option: str
    message: str  # Vietnamese, for the officer / IT

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "option": self.option, "message": self.message}


def _coerce(option: Option, value: Any) -> Any:
    if option.type is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if option.type is list and isinstance(value, str):
        value = [value]
    if not isinstance(value, option.type) or (option.type is int and isinstance(value, bool)):
        raise ValueError(f"cần kiểu {option.type.__name__}, nhận được {type(value).__name__}")
    if option.choices and value not in option.choices:
        raise ValueError(f"giá trị {value!r} không thuộc {', '.join(map(str, option.choices))}")
    if option.check is not None:
        option.check(value)
    return value


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        full = f"{prefix}{key}"
        if isinstance(value, Mapping) and full not in OPTIONS_BY_KEY:
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = value
    return flat


@dataclass
class Config:
    paths: AppPaths
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)  # "default" | "machine" | "user"
    locked: set[str] = field(default_factory=set)
    issues: list[ConfigIssue] = field(default_factory=list)
    _user_raw: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        return self.values[key]

    def origin(self, key: str) -> str:
        return self.origins[key]

    @property
    def training_mode(self) -> bool:
        return bool(self.values["portal.training"])

    def issues_behind_demo(self) -> list[ConfigIssue]:
        """The problems that left the portal unset (an unreadable file, a bad `portal.url`),
        so the application runs in demo mode although someone configured a portal."""
        return [i for i in self.issues if i.option in ("*", "portal.url")] if self.demo_mode else []

    @property
    def demo_mode(self) -> bool:
        return not self.values["portal.url"] or self.training_mode

    def set_user(self, key: str, value: Any) -> None:
        """Change an option in the user layer (refused when IT locked it)."""
        from counter_app.errors import ConfigError

        option = OPTIONS_BY_KEY.get(key)
        if option is None:
            raise ConfigError(f"Không có tùy chọn {key}.")
        if key in self.locked:
            raise ConfigError(
                f"Tùy chọn «{option.label_vi}» đã bị bộ phận CNTT khóa.",
                "Liên hệ bộ phận CNTT để thay đổi.",
                code="config_locked",
            )
        try:
            value = _coerce(option, value)
        except ValueError as exc:
            raise ConfigError(f"Giá trị không hợp lệ cho «{option.label_vi}»: {exc}") from exc
        self.values[key] = value
        if key == "office.timezone":
            clock.set_office_zone(value)
        self.origins[key] = "user"
        self._user_raw[key] = value
        self.save_user()

    def save_user(self) -> None:
        nested: dict[str, Any] = {}
        for key, value in sorted(self._user_raw.items()):
            section, _, name = key.rpartition(".")
            nested.setdefault(section, {})[name] = value
        atomic_write_text(self.paths.user_config, tomli_w.dumps(nested))

    def describe(self) -> list[dict[str, Any]]:
        """Each option with its value, origin and lock (secrets masked): for diagnostics."""
        rows = []
        for option in OPTIONS:
            value = self.values[option.key]
            if option.secret and value:
                value = "••••••"
            rows.append(
                {
                    "key": option.key,
                    "label": option.label_vi,
                    "value": value,
                    "origin": self.origins[option.key],
                    "locked": option.key in self.locked,
                }
            )
        return rows


def _why_unreadable(exc: Exception) -> str:
    """The reader's reason in Vietnamese, with the place in the file where TOML says one."""
    if isinstance(exc, tomllib.TOMLDecodeError):
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        if where:
            return f"sai cú pháp TOML ở dòng {where[1]}, cột {where[2]}"
        return "sai cú pháp TOML"
    if isinstance(exc, UnicodeDecodeError):
        return "tệp không phải văn bản UTF-8"
    return f"lỗi đọc tệp: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)


def _read_toml(path: Path, issues: list[ConfigIssue]) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        issues.append(
            ConfigIssue(
                str(path),
                "*",
                f"Không đọc được tệp cấu hình ({_why_unreadable(exc)}); dùng giá trị mặc định.",
            )
        )
        log.warning("config file %s unreadable: %s", path, exc)
        return None


def _apply(config: Config, raw: dict[str, Any], origin: str, path: Path) -> dict[str, Any]:
    accepted: dict[str, Any] = {}
    for key, value in _flatten(raw).items():
        if key.startswith("lock."):
            continue
        option = OPTIONS_BY_KEY.get(key)
        if option is None:
            config.issues.append(ConfigIssue(str(path), key, "Tùy chọn không xác định; bỏ qua."))
            continue
        if origin == "user" and key in config.locked:
            config.issues.append(
                ConfigIssue(str(path), key, "Tùy chọn đã bị CNTT khóa; bỏ qua giá trị của người dùng.")
            )
            continue
        try:
            config.values[key] = _coerce(option, value)
        except ValueError as exc:
            config.issues.append(
                ConfigIssue(str(path), key, f"Giá trị không hợp lệ ({exc}); dùng giá trị trước đó.")
            )
            continue
        config.origins[key] = origin
        accepted[key] = config.values[key]
    return accepted


def load_config(paths: AppPaths | None = None) -> Config:
    paths = paths or app_paths()
    config = Config(paths=paths)
    for option in OPTIONS:
        config.values[option.key] = option.default
        config.origins[option.key] = "default"
    machine = _read_toml(paths.machine_config, config.issues)
    if machine:
        lock = machine.get("lock", {})
        if lock.get("all") is True:
            config.locked = set(OPTIONS_BY_KEY)
        else:
            config.locked = {k for k in lock.get("options", []) if k in OPTIONS_BY_KEY}
        _apply(config, machine, "machine", paths.machine_config)
    config.locked |= {o.key for o in OPTIONS if o.machine_only}  # IT's alone, whatever the lock says
    user = _read_toml(paths.user_config, config.issues)
    if user:
        config._user_raw = _apply(config, user, "user", paths.user_config)
    # The office's zone is the process's: every entry point (window, CLI) reads the config first.
    clock.set_office_zone(config.values["office.timezone"])
    guard.set_max_pixels(config.values["limits.max_image_pixels"])
    return config
