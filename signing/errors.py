"""Known errors of the signing library: `common.errors.KnownError` with signing codes.

`code` is stable, `message` and `hint` are Vietnamese for the officer. Each subclass carries a
default message and hint, so callers raise `PinIncorrectError()` and the officer sees the same
words from the CLI and the UI.
"""

from __future__ import annotations

from common.errors import KnownError


class SigningError(KnownError):
    """A token, certificate or signature failure the officer can understand and act on."""

    code = "signing_error"
    default_message = "Không ký số được."
    default_hint = "Kiểm tra thiết bị ký số (USB token) rồi thử lại."


class ModuleNotFoundOnDiskError(SigningError):
    code = "token_module_not_found"
    default_message = "Không tìm thấy thư viện PKCS#11 của thiết bị ký số."
    default_hint = (
        "Cài phần mềm quản lý token của nhà cung cấp chữ ký số (CA), hoặc chỉ đường dẫn tới tệp .dll/.so."
    )


class ModuleLoadError(SigningError):
    """The module file exists but could not be loaded; the message names the file and the cause."""

    code = "token_module_load_failed"
    default_message = "Không nạp được thư viện PKCS#11 của thiết bị ký số."
    default_hint = "Cài lại phần mềm token của nhà cung cấp chữ ký số (CA) bản 64-bit."


class TokenAbsentError(SigningError):
    code = "token_absent"
    default_message = "Chưa cắm thiết bị ký số (USB token) hoặc máy không nhận ra token."
    default_hint = "Cắm USB token vào máy, chờ đèn token sáng rồi thử lại."


class TokenRemovedError(SigningError):
    code = "token_removed"
    default_message = "USB token đã bị rút ra trong khi đang ký."
    default_hint = (
        "Các tệp đã ký xong được giữ nguyên; cắm lại token rồi bấm «Ký tiếp» để ký các tệp còn lại."
    )


class PinIncorrectError(SigningError):
    code = "pin_incorrect"
    default_message = "Mã PIN không đúng."
    default_hint = (
        "Nhập lại mã PIN cẩn thận: sau vài lần sai liên tiếp token sẽ bị khóa. "
        "Phần mềm không tự động thử lại."
    )


class PinLockedError(SigningError):
    code = "pin_locked"
    default_message = "Mã PIN của token đã bị khóa do nhập sai quá số lần cho phép."
    default_hint = (
        "Mang token đến nhà cung cấp chữ ký số (CA) để mở khóa; không thể ký cho đến khi được mở khóa."
    )


class PinFinalTryError(SigningError):
    """Raised instead of logging in when the caller did not accept the final-try risk (scripts)."""

    code = "pin_final_try"
    default_message = "Token chỉ còn MỘT lần nhập mã PIN; nhập sai lần nữa token sẽ bị khóa."
    default_hint = "Kiểm tra thật kỹ mã PIN rồi xác nhận ký (dòng lệnh: thêm --allow-final-try)."


class PinRequiredError(SigningError):
    code = "pin_required"
    default_message = "Chưa nhập mã PIN của token."
    default_hint = "Nhập mã PIN của USB token để ký."


class PinChangeRequiredError(SigningError):
    code = "pin_change_required"
    default_message = "Token yêu cầu đổi mã PIN mặc định trước khi ký."
    default_hint = "Đổi mã PIN bằng phần mềm quản lý token của nhà cung cấp chữ ký số (CA) rồi thử lại."


class CertificateNotFoundError(SigningError):
    code = "certificate_not_found"
    default_message = "Không tìm thấy chứng thư số dùng để ký trên token."
    default_hint = (
        "Kiểm tra đúng token của mình đang được cắm; nếu vẫn lỗi, liên hệ nhà cung cấp chữ ký số (CA)."
    )


class KeyNotFoundError(SigningError):
    code = "key_not_found"
    default_message = "Không tìm thấy khóa bí mật đi kèm chứng thư số trên token."
    default_hint = "Token có thể chưa được cấp khóa đúng; liên hệ nhà cung cấp chữ ký số (CA)."


class CertificateNotChoosableError(SigningError):
    """Expired, not yet valid or not for signing: the reason is in the message."""

    code = "certificate_not_usable"
    default_message = "Chứng thư số này không dùng để ký được."
    default_hint = "Chọn chứng thư số khác còn hiệu lực, hoặc liên hệ nhà cung cấp chữ ký số (CA) để gia hạn."


class CertificateExpiredError(CertificateNotChoosableError):
    code = "certificate_expired"
    default_message = "Chứng thư số đã hết hạn."
    default_hint = "Liên hệ nhà cung cấp chữ ký số (CA) để gia hạn chứng thư số."


class CertificateNotYetValidError(CertificateNotChoosableError):
    code = "certificate_not_yet_valid"
    default_message = "Chứng thư số chưa đến ngày có hiệu lực."
    default_hint = "Kiểm tra đồng hồ của máy tính; nếu đúng, chờ đến ngày chứng thư có hiệu lực."


class CertificateNotForSigningError(CertificateNotChoosableError):
    code = "certificate_not_for_signing"
    default_message = "Chứng thư số này không được cấp cho mục đích ký số."
    default_hint = "Chọn chứng thư số dùng để ký (có mục đích «chữ ký số»)."


class CertificateRevokedError(CertificateNotChoosableError):
    code = "certificate_revoked"
    default_message = "Chứng thư số đã bị thu hồi: không được dùng để ký."
    default_hint = "Liên hệ nhà cung cấp chữ ký số (CA) để được cấp chứng thư mới."


class TimestampUnavailableError(SigningError):
    code = "tsa_unreachable"
    default_message = "Không kết nối được máy chủ cấp dấu thời gian (TSA)."
    default_hint = "Kiểm tra mạng và địa chỉ máy chủ dấu thời gian, hoặc chọn ký ở mức cơ bản (B-B) không có dấu thời gian."


class RevocationUnavailableError(SigningError):
    code = "revocation_unavailable"
    default_message = "Không lấy được thông tin thu hồi chứng thư (OCSP/CRL) để ký ở mức B-LT."
    default_hint = "Kiểm tra kết nối mạng, hoặc chọn ký ở mức B-T hay B-B."


class InputPdfError(SigningError):
    code = "pdf_invalid"
    default_message = "Tệp PDF không đọc được hoặc bị hỏng."
    default_hint = "Số hóa lại tài liệu này rồi ký lại."


class SigningCancelledError(SigningError):
    code = "signing_cancelled"
    default_message = "Đã hủy việc ký số."
    default_hint = "Các tệp đã ký xong được giữ nguyên; bấm «Ký tiếp» để ký các tệp còn lại."


class TokenOperationError(SigningError):
    """A PKCS#11 failure without a more specific meaning; the cause is kept for diagnostics."""

    code = "token_error"
    default_message = "Thiết bị ký số báo lỗi khi ký."
    default_hint = "Rút token ra, cắm lại rồi thử lại; nếu vẫn lỗi, liên hệ nhà cung cấp chữ ký số (CA)."


class PinWarning:
    """Not an error: a warning shown before the PIN dialog (count low, final try)."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


PIN_COUNT_LOW = PinWarning(
    "pin_count_low",
    "Đã có lần nhập sai mã PIN kể từ lần đăng nhập thành công gần nhất. Hãy nhập thật cẩn thận.",
)
PIN_FINAL_TRY = PinWarning(
    "pin_final_try",
    "CẢNH BÁO: chỉ còn MỘT lần nhập mã PIN. Nhập sai lần nữa token sẽ bị khóa và phải mang đến CA để mở.",
)
