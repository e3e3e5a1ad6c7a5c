"""The notice shown to the citizen before the card is read: what is processed, why, how long, by whom.

The province may replace the bundled text with its own (`privacy.notice` in the machine file);
`{office}` and `{days}` in it are filled in with the office's name and the retention period, so
the text stays true when IT changes either.
"""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.config import Config

TITLE = "Thông báo về xử lý dữ liệu cá nhân"
DEFAULT_NOTICE = "\n".join(
    (
        "Dữ liệu được xử lý: thông tin trên căn cước (số định danh, họ tên, ngày sinh, giới tính, nơi cư trú),"
        " ảnh thẻ và bản quét giấy tờ trong hồ sơ của ông/bà.",
        "Mục đích: tiếp nhận, số hóa, ký số và nộp trực tuyến hồ sơ ông/bà yêu cầu; không dùng vào việc khác.",
        "Thời gian lưu tại quầy: được mã hóa trên máy này đến khi cổng dịch vụ công tiếp nhận hồ sơ, thêm"
        " {days} ngày rồi tự động xóa; hồ sơ được lưu tiếp trên hệ thống giải quyết thủ tục hành chính.",
        "Bên xử lý: {office}. Chỉ cán bộ có thẩm quyền được xem; mọi lần xem, in lại, trích xuất đều được ghi lại.",
        "Ông/bà có quyền được biết, nhận bản sao và yêu cầu xóa dữ liệu lưu tại quầy (Luật Bảo vệ dữ liệu"
        " cá nhân số 91/2025/QH15, Nghị định số 356/2025/NĐ-CP).",
    )
)


@dataclass(frozen=True)
class Notice:
    title: str
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def privacy_notice(config: Config) -> Notice:
    """The notice for this office: the province's text if IT set one, else the bundled one."""
    template = str(config.get("privacy.notice") or "").strip() or DEFAULT_NOTICE
    # Plain replacement, not str.format: a province's text may contain other braces.
    text = template.replace("{office}", str(config.get("office.name"))).replace(
        "{days}", str(config.get("privacy.retention_days"))
    )
    return Notice(TITLE, tuple(line.strip() for line in text.splitlines() if line.strip()))
