"""The code mapping table IT edits: our procedure/component codes and statuses -> a portal's.

A TOML file (`portal.mapping`; the bundled sample is `resources/portal/opencps-mapping.toml`,
explained in Vietnamese in docs/portal-adapters.md). Read once when the adapter opens; a missing
entry stops only the dossier that needs it, with a message naming what IT must add.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from counter_app.errors import KnownError
from counter_app.portal.errors import PortalBadResponse, PortalRejected

# The one-door systems write dates without an offset, in Vietnam's time.
VN_TZ = timezone(timedelta(hours=7))

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "portal"
SAMPLE_OPENCPS = SAMPLE_DIR / "opencps-mapping.toml"


class MappingFileError(KnownError):
    code = "portal_mapping_invalid"


@dataclass(frozen=True)
class ProcedureMapping:
    service_code: str
    template_no: str
    parts: dict[str, str]  # our component key -> the portal's part number


@dataclass(frozen=True)
class CodeMapping:
    path: Path
    server: dict[str, str]
    statuses: dict[str, str]  # the portal's status -> ours (portal_contract DOSSIER_STATUSES)
    procedures: dict[str, ProcedureMapping]

    @classmethod
    def load(cls, path: str | Path | None = None) -> CodeMapping:
        where = Path(path).expanduser() if path else SAMPLE_OPENCPS
        try:
            data: dict[str, Any] = tomllib.loads(where.read_text(encoding="utf-8"))
            procedures = {
                str(code): ProcedureMapping(
                    service_code=str(entry["service_code"]),
                    template_no=str(entry.get("template_no", "")),
                    parts={str(k): str(v) for k, v in entry.get("parts", {}).items()},
                )
                for code, entry in data.get("procedures", {}).items()
            }
            return cls(
                where,
                {str(k): str(v) for k, v in data.get("server", {}).items()},
                {str(k): str(v) for k, v in data.get("status", {}).items()},
                procedures,
            )
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, AttributeError) as exc:
            raise MappingFileError(
                f"Không đọc được bảng ánh xạ mã cổng {where}: {exc}",
                "Sửa tệp theo hướng dẫn docs/portal-adapters.md (mục Bảng ánh xạ) hoặc để trống"
                " tùy chọn portal.mapping để dùng bảng mẫu.",
            ) from exc

    def procedure(self, code: str) -> ProcedureMapping:
        found = self.procedures.get(code)
        if found is None:
            raise PortalRejected(
                f"Thủ tục «{code}» chưa có trong bảng ánh xạ mã của cổng ({self.path.name}).",
                f'Bộ phận CNTT thêm mục [procedures."{code}"] vào {self.path}, rồi gửi lại hồ sơ.',
                code="portal_mapping_missing",
                field="procedure_code",
            )
        return found

    def part(self, code: str, component_key: str) -> str:
        part = self.procedure(code).parts.get(component_key)
        if part is None:
            raise PortalRejected(
                f"Thành phần «{component_key}» của thủ tục «{code}» chưa có mã trên cổng.",
                f'Bộ phận CNTT thêm dòng {component_key} = "..." vào [procedures."{code}".parts]'
                f" trong {self.path}, rồi gửi lại hồ sơ.",
                code="portal_mapping_missing",
                field="components",
            )
        return part

    def status(self, theirs: str) -> str:
        # An unknown status of theirs is shown as still being processed rather than failing the poll.
        return self.statuses.get(theirs, "processing")


def system_date(value: str, date_format: str, system: str) -> str:
    """A date the portal system wrote in `date_format` (Vietnam's time), as ISO 8601; a date that
    is not one is the system's bad answer, named as `system`'s."""
    try:
        return datetime.strptime(value, date_format).replace(tzinfo=VN_TZ).isoformat()
    except (TypeError, ValueError) as exc:
        raise PortalBadResponse(
            f"{system} trả về ngày không đúng định dạng: {value!r}.",
            "Báo bộ phận CNTT kèm thời điểm gửi; hồ sơ vẫn được giữ.",
        ) from exc
