"""Known errors of the scanner library: `common.errors.KnownError` with scanner codes.

`code` is stable, `message` and `hint` are Vietnamese for the officer.
"""

from __future__ import annotations

from common.errors import KnownError


class ScannerError(KnownError):
    """A scanning or page clean-up failure the officer can understand and act on."""

    code = "scanner_error"


# Device errors: every failure of a capture backend (SANE, eSCL, TWAIN, WIA, camera, files)
# maps to one of these, so the officer sees the same words whatever the scanner.


class DeviceError(ScannerError):
    """A capture device failed; subclasses carry a default Vietnamese message and hint."""

    code = "device_error"
    default_message = "Thiết bị quét gặp lỗi."
    default_hint = "Kiểm tra thiết bị rồi thử quét lại; nếu vẫn lỗi, khởi động lại máy quét."

    def __init__(
        self,
        message: str | None = None,
        hint: str | None = None,
        *,
        code: str | None = None,
        device: str = "",
    ) -> None:
        super().__init__(message, hint, code=code)
        self.device = device


class NoDeviceError(DeviceError):
    code = "no_device"
    default_message = "Không tìm thấy máy quét hoặc camera."
    default_hint = "Cắm cáp USB hoặc bật máy quét, chờ vài giây rồi bấm «Tìm lại thiết bị»."


class DeviceBusyError(DeviceError):
    code = "device_busy"
    default_message = "Máy quét đang bận (một chương trình khác đang dùng)."
    default_hint = "Đóng chương trình quét khác hoặc chờ lượt quét trước xong rồi thử lại."


class PaperJamError(DeviceError):
    code = "paper_jam"
    default_message = "Kẹt giấy trong khay nạp."
    default_hint = "Mở nắp khay nạp, gỡ tờ giấy bị kẹt, vuốt phẳng rồi quét lại từ trang bị kẹt."


class CoverOpenError(DeviceError):
    code = "cover_open"
    default_message = "Nắp máy quét đang mở."
    default_hint = "Đóng nắp máy quét (hoặc nắp khay nạp) rồi thử lại."


class FeederEmptyError(DeviceError):
    code = "feeder_empty"
    default_message = "Khay nạp giấy không có giấy."
    default_hint = "Đặt tài liệu vào khay nạp (mặt cần quét theo hướng dẫn trên máy) rồi thử lại."


class DeviceDisconnectedError(DeviceError):
    """The device went away mid-batch; the pages already received are kept on disk."""

    code = "device_disconnected"
    default_message = "Mất kết nối với máy quét giữa chừng."
    default_hint = (
        "Các trang đã nhận vẫn được giữ. Kiểm tra cáp hoặc mạng, bật lại máy quét "
        "rồi quét tiếp từ trang còn thiếu."
    )

    def __init__(
        self,
        message: str | None = None,
        hint: str | None = None,
        *,
        code: str | None = None,
        device: str = "",
        pages_received: int = 0,
    ) -> None:
        super().__init__(message, hint, code=code, device=device)
        self.pages_received = pages_received


class UnsupportedSettingError(DeviceError):
    code = "unsupported_setting"
    default_message = "Máy quét không hỗ trợ thiết lập đã chọn."
    default_hint = "Chọn nguồn giấy, chế độ màu hoặc độ phân giải khác trong danh sách máy quét hỗ trợ."


class ScanCancelledError(DeviceError):
    code = "scan_cancelled"
    default_message = "Đã hủy lượt quét."
    default_hint = "Các trang đã nhận trước khi hủy vẫn được giữ."


class BackendUnavailableError(DeviceError):
    code = "backend_unavailable"
    default_message = "Không dùng được loại thiết bị này trên máy tính này."
    default_hint = "Xem mục «Chẩn đoán» để biết thư viện hoặc trình điều khiển còn thiếu."


class ImportFileError(DeviceError):
    code = "file_unreadable"
    default_message = "Không đọc được tệp ảnh hoặc PDF."
    default_hint = "Chọn tệp JPEG, PNG, TIFF hoặc PDF còn nguyên vẹn."
