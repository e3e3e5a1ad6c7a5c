"""Vietnamese names of every event kind and every state a report or screen may show.

Reports and screens never print a raw `dossier_created` or `waiting_citizen`: they look the
name up here; `tests/unit/test_event_labels.py` checks that every kind in
`counter_app.events.EVENT_KINDS` and every dossier and portal state has one.
"""

from __future__ import annotations

from collections.abc import Mapping

from counter_app.applicant import ApplicantKind, RepresentativeRole
from counter_app.read_models import STATE_LABELS

EVENT_LABELS_VI: Mapping[str, str] = {
    "dossier_created": "Tạo hồ sơ",
    "citizen_identified": "Xác định người nộp hồ sơ",
    "citizen_guided": "Hướng dẫn công dân dùng VNeID",
    "procedure_chosen": "Chọn thủ tục",
    "page_scanned": "Quét một trang",
    "page_replaced": "Thay một trang",
    "pages_reordered": "Sắp xếp lại trang",
    "page_moved": "Chuyển trang sang thành phần khác",
    "component_digitized": "Tạo PDF một thành phần",
    "component_reused": "Tái sử dụng thành phần đã số hóa",
    "component_not_provided": "Thành phần không nộp",
    "dossier_signed": "Ký số hồ sơ",
    "account_checked": "Tra cứu tài khoản công dân",
    "account_created": "Tạo tài khoản công dân",
    "submission_queued": "Đưa vào hàng đợi gửi",
    "submitted": "Cổng tiếp nhận",
    "submission_failed": "Gửi lên cổng không thành công",
    "submission_retried": "Gửi lại lên cổng",
    "submission_cancelled": "Hủy gửi lên cổng",
    "progress_queued": "Đưa cập nhật tiến độ vào hàng đợi gửi",
    "progress_reported": "Cổng nhận cập nhật tiến độ",
    "progress_failed": "Gửi cập nhật tiến độ không thành công",
    "progress_retried": "Gửi lại cập nhật tiến độ",
    "progress_cancelled": "Hủy gửi cập nhật tiến độ",
    "fee_paid": "Nộp phí, lệ phí",
    "receipt_printed": "In phiếu tiếp nhận",
    "status_changed": "Đổi trạng thái",
    "result_attached": "Có kết quả điện tử",
    "dossier_finished": "Giải quyết xong",
    "needs_supplement": "Yêu cầu bổ sung hồ sơ",
    "dossier_cancelled": "Hủy hồ sơ",
    "officer_login": "Cán bộ đăng nhập",
    "config_changed": "Đổi cấu hình",
    "supervisor_unlocked": "Lãnh đạo mở xem toàn bộ phận",
    "pdf_sanitised": "Gỡ nội dung chủ động khỏi tệp PDF nhập vào",
    "digitized_black_and_white": "Số hóa thành phần ở chế độ đen trắng/xám",
    "form_printed": "In phiếu (Mẫu 02, 03, 06 hoặc in lại)",
    "appointment_computed": "Tính ngày hẹn theo lịch làm việc",
    "appointment_mismatch": "Ngày hẹn của cổng khác ngày hẹn tại quầy",
    "dossier_viewed": "Xem hồ sơ",
    "citizen_exported": "Trích xuất dữ liệu công dân",
    "citizen_erased": "Xóa dữ liệu công dân",
    "dossier_purged": "Xóa dữ liệu hồ sơ hết thời hạn lưu",
    "satisfaction_rated": "Công dân đánh giá mức độ hài lòng",
    "satisfaction_skipped": "Công dân bỏ qua đánh giá",
}

# The back office's states as the portal reports them (portal_contract.models.DOSSIER_STATUSES).
PORTAL_STATE_LABELS_VI: Mapping[str, str] = {
    "received": "Cổng đã tiếp nhận",
    "processing": "Đang giải quyết",
    "waiting_citizen": "Chờ công dân bổ sung",
    "result_ready": "Đã có kết quả",
    "finished": "Đã trả kết quả",
    "cancelled": "Đã hủy",
}


# The `applicant_kind` and `representative_role` of `citizen_identified` (counter_app.applicant).
APPLICANT_KIND_LABELS_VI: Mapping[str, str] = {kind.value: kind.label for kind in ApplicantKind}
REPRESENTATIVE_ROLE_LABELS_VI: Mapping[str, str] = {role.value: role.label for role in RepresentativeRole}


def applicant_kind_label(kind: str | None) -> str:
    """The Vietnamese name of an applicant kind; an event without one (before issue #25) is an individual's."""
    return APPLICANT_KIND_LABELS_VI.get(kind or ApplicantKind.INDIVIDUAL.value, "Loại khác")


def event_label(kind: str) -> str:
    """The Vietnamese name of an event kind; an unknown kind is named as such, not printed raw."""
    return EVENT_LABELS_VI.get(kind, "Sự kiện khác")


def status_label(state: str) -> str:
    """The Vietnamese name of a stored state value: a dossier's (`counter_app.read_models.STATE_LABELS`,
    the one set) or a portal status."""
    for known, label in STATE_LABELS.items():
        if known.value == state:
            return label
    return PORTAL_STATE_LABELS_VI.get(state, "Trạng thái khác")
