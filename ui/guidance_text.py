"""What the citizen-facing guidance screen says at each intake step (Qt-free, testable without a window).

The seed letter from Hà Tĩnh (2023) asks counters to move from "doing it for them" to "guiding and
hand-holding" citizens: each step says, in one plain sentence for someone who has never filed online,
what the officer is doing and why, and the last step shows how to file alone next time with VNeID.

This text is shown on a screen the public can see: only the citizen's name and a masked ID number
(`mask_id_number`) ever appear; no date of birth, address or full number is accepted here.

Source strings are Vietnamese; every function takes `tr` (a text → translated text callable, the
identity by default) so the window can pass Qt's translator while tests stay Qt-free. Placeholders
are filled after translation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import qrcode

STEP_WELCOME = "welcome"
STEP_ID = "id"
STEP_PROCEDURE = "procedure"
STEP_SCAN = "scan"
STEP_SIGN = "sign"
STEP_SUBMIT = "submit"
STEP_RECEIPT = "receipt"
STEPS = (STEP_WELCOME, STEP_ID, STEP_PROCEDURE, STEP_SCAN, STEP_SIGN, STEP_SUBMIT, STEP_RECEIPT)

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


# Short names for the step strip at the top of the screen, in STEPS order.
STEP_LABELS = (
    "Chào mừng",
    "Đọc CCCD",
    "Chọn thủ tục",
    "Quét giấy tờ",
    "Ký số",
    "Nộp trực tuyến",
    "Phiếu hẹn",
)

SELF_SERVICE_TITLE = "Lần sau, ông/bà có thể tự nộp trực tuyến"
SELF_SERVICE_STEPS = (
    "Cài ứng dụng VNeID và kích hoạt tài khoản định danh điện tử mức 2 (làm tại công an).",
    "Đăng nhập Cổng dịch vụ công (dichvucong.gov.vn) bằng VNeID, tìm tên thủ tục.",
    "Điền tờ khai, chụp giấy tờ bằng điện thoại, bấm Nộp và theo dõi hồ sơ.",
)
# An organisation or agency files through its own account, never its staff's personal VNeID one.
ORGANISATION_SELF_SERVICE_TITLE = "Lần sau, tổ chức có thể tự nộp trực tuyến"
ORGANISATION_SELF_SERVICE_STEPS = (
    "Người đại diện theo pháp luật đăng ký tài khoản định danh điện tử của tổ chức trên ứng dụng VNeID.",
    "Đăng nhập Cổng dịch vụ công bằng tài khoản của tổ chức (không dùng tài khoản cá nhân), tìm tên thủ tục.",
    "Điền tờ khai, đính kèm giấy tờ đã ký số của tổ chức, bấm Nộp và theo dõi hồ sơ.",
)


@dataclass(frozen=True)
class StepText:
    """Everything the screen shows for one step; `lines` are short facts under the explanation."""

    step: str
    title: str
    explanation: str
    lines: tuple[str, ...] = ()
    your_part: str = ""  # what the citizen does meanwhile: they are learning, not just waiting
    progress: tuple[int, int] | None = None  # (done, total), e.g. pages scanned
    tracking: str = ""  # the QR's text, on the last step only
    self_service: tuple[str, ...] = field(default=())
    self_service_title: str = ""

    @property
    def number(self) -> int:
        """1-based position in STEPS, for "Bước 3/7"."""
        return STEPS.index(self.step) + 1


def mask_id_number(id_number: str) -> str:
    """`001203004567` → `0012******67`: enough for the citizen to recognise it, useless to an onlooker."""
    digits = "".join(id_number.split())
    if len(digits) <= 6:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 6) + digits[-2:]


def mask_passport(number: str) -> str:
    """`X9912345` → `X*****45`: a passport number is shorter than an ID number, so less of it shows."""
    number = "".join(number.split())
    if len(number) <= 4:
        return "*" * len(number)
    return number[:1] + "*" * (len(number) - 3) + number[-2:]


def format_fee(fee: int | None, tr: Translate = _same) -> str:
    """8000 → "8.000 đồng" (Vietnamese thousands separator); 0 → free."""
    if fee is None:
        return tr("cán bộ sẽ báo")
    if fee <= 0:
        return tr("miễn phí")
    return tr("{amount} đồng").format(amount=f"{fee:,}".replace(",", "."))


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def tracking_text(
    dossier_code: str | None, local_ref: str = "", appointment: date | None = None, tr: Translate = _same
) -> str:
    """The text in the tracking QR: the portal dossier code when known, else the local reference."""
    if dossier_code:
        lines = [tr("Mã hồ sơ: {code}").format(code=dossier_code)]
    else:
        lines = [tr("Số tham chiếu: {ref} (mã hồ sơ sẽ được gửi sau)").format(ref=local_ref)]
    if appointment:
        lines.append(tr("Ngày hẹn trả kết quả: {day}").format(day=format_date(appointment)))
    return "\n".join(lines)


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules of `text` with a 2-module margin, True = dark.

    A screen is not a crumpled paper: low error correction keeps the modules few and large. The
    window's white background continues the quiet zone beyond the 2 modules drawn here.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_L, border=2)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    return code.get_matrix()


def _welcome(tr: Translate, office: str = "") -> StepText:
    lines = (tr("Nơi tiếp nhận: {office}").format(office=office),) if office else ()
    return StepText(
        STEP_WELCOME,
        tr("Xin chào ông/bà"),
        tr(
            "Cán bộ sẽ giúp ông/bà nộp hồ sơ trực tuyến ngay tại quầy; màn hình này cho biết từng việc"
            " đang làm để lần sau ông/bà có thể tự làm."
        ),
        lines,
    )


def _citizen(
    tr: Translate,
    name: str = "",
    id_number: str = "",
    applicant: str = "",
    represented: bool = False,
    passport: bool = False,
) -> StepText:
    """`name`/`id_number`: the person at the counter; `applicant`: who the dossier is for when that
    is someone else (an organisation's name, the person represented); `passport`: a foreigner's
    passport number stands in `id_number`."""
    lines = []
    if applicant:
        lines.append(tr("Hồ sơ của: {applicant}").format(applicant=applicant))
    if name:
        label = "Người nộp thay: {name}" if represented else "Họ và tên: {name}"
        lines.append(tr(label).format(name=name))
    if id_number:
        if passport:
            lines.append(tr("Số hộ chiếu: {masked}").format(masked=mask_passport(id_number)))
        else:
            lines.append(tr("Số định danh: {masked}").format(masked=mask_id_number(id_number)))
    if passport:
        title = tr("Đọc hộ chiếu")
        explanation = tr(
            "Cán bộ nhập dòng mã ở cuối trang thông tin hộ chiếu để điền sẵn họ tên, số hộ chiếu và quốc tịch"
            " của ông/bà, không phải viết tay và không sợ ghi nhầm."
        )
    elif represented:
        title = tr("Đọc thẻ căn cước người nộp thay")
        explanation = tr(
            "Cán bộ quét mã QR trên thẻ căn cước của người nộp thay để ghi nhận ai mang hồ sơ đến;"
            " hồ sơ vẫn đứng tên người, tổ chức được nộp thay."
        )
    else:
        title = tr("Đọc thẻ căn cước")
        explanation = tr(
            "Cán bộ quét mã QR trên thẻ căn cước để điền sẵn họ tên và số định danh của ông/bà,"
            " không phải viết tay và không sợ ghi nhầm."
        )
    return StepText(STEP_ID, title, explanation, tuple(lines))


def _procedure(
    tr: Translate, procedure: str = "", fee: int | None = None, processing_days: int | None = None
) -> StepText:
    lines = []
    if procedure:
        lines.append(tr("Thủ tục: {name}").format(name=procedure))
    lines.append(tr("Lệ phí: {fee}").format(fee=format_fee(fee, tr)))
    if processing_days:
        lines.append(tr("Thời hạn giải quyết: {days} ngày làm việc").format(days=processing_days))
    return StepText(
        STEP_PROCEDURE,
        tr("Chọn thủ tục"),
        tr(
            "Cán bộ chọn đúng thủ tục ông/bà cần làm; ông/bà xem lại tên thủ tục, lệ phí và thời hạn"
            " giải quyết dưới đây."
        ),
        tuple(lines),
    )


def _scan(tr: Translate, component: str = "", page: int = 0, pages: int = 0) -> StepText:
    lines = []
    if component:
        lines.append(tr("Giấy tờ: {name}").format(name=component))
    progress = None
    if pages > 0:
        page = max(0, min(page, pages))
        lines.append(tr("Trang {page}/{pages}").format(page=page, pages=pages))
        progress = (page, pages)
    return StepText(
        STEP_SCAN,
        tr("Quét giấy tờ"),
        tr(
            "Từng trang giấy tờ được quét thành bản điện tử để gửi qua mạng, nên cơ quan giải quyết"
            " không cần bản giấy và lần sau giấy tờ này có thể được dùng lại."
        ),
        tuple(lines),
        progress=progress,
    )


def _sign(tr: Translate, documents: int = 0) -> StepText:
    lines = (tr("Số giấy tờ được ký: {count}").format(count=documents),) if documents else ()
    return StepText(
        STEP_SIGN,
        tr("Ký số"),
        tr(
            "Cán bộ ký số để xác nhận bản điện tử đúng với giấy tờ ông/bà mang đến, giống như ký tên"
            " và đóng dấu trên giấy."
        ),
        lines,
    )


def _submit(tr: Translate, queued: bool = False) -> StepText:
    lines = (
        (tr("Đường truyền đang gián đoạn: hồ sơ đã được lưu và sẽ tự gửi ngay khi có mạng."),)
        if queued
        else ()
    )
    return StepText(
        STEP_SUBMIT,
        tr("Nộp trực tuyến"),
        tr(
            "Hồ sơ đứng tên ông/bà đang được gửi lên Cổng dịch vụ công; từ lần sau ông/bà có thể tự làm"
            " việc này trên VNeID hoặc Cổng dịch vụ công."
        ),
        lines,
    )


def _receipt(
    tr: Translate,
    dossier_code: str | None = None,
    local_ref: str = "",
    appointment: date | None = None,
    organisation: bool = False,
) -> StepText:
    lines = []
    if dossier_code:
        lines.append(tr("Mã hồ sơ: {code}").format(code=dossier_code))
    else:
        lines.append(tr("Số tham chiếu: {ref} (mã hồ sơ sẽ được gửi sau)").format(ref=local_ref))
    if appointment:
        lines.append(tr("Ngày hẹn trả kết quả: {day}").format(day=format_date(appointment)))
    return StepText(
        STEP_RECEIPT,
        tr("Phiếu hẹn trả kết quả"),
        tr(
            "Hồ sơ đã được tiếp nhận; ông/bà giữ phiếu hẹn và quét mã QR bằng điện thoại để theo dõi"
            " hồ sơ đến khi có kết quả."
        ),
        tuple(lines),
        tracking=tracking_text(dossier_code, local_ref, appointment, tr),
        self_service=tuple(
            tr(s) for s in (ORGANISATION_SELF_SERVICE_STEPS if organisation else SELF_SERVICE_STEPS)
        ),
        self_service_title=tr(ORGANISATION_SELF_SERVICE_TITLE if organisation else SELF_SERVICE_TITLE),
    )


# "Việc của ông/bà": the citizen's own part in each step, so they learn to do it alone next time.
YOUR_PART = {
    STEP_WELCOME: "Đưa cho cán bộ thẻ căn cước và các giấy tờ ông/bà mang theo.",
    STEP_ID: "Xem họ tên và số định danh trên màn hình; nếu sai, báo ngay cho cán bộ.",
    STEP_PROCEDURE: "Xem đúng thủ tục mình cần làm chưa; có thắc mắc về lệ phí, hãy hỏi cán bộ.",
    STEP_SCAN: "Xem cán bộ quét từng trang: lần sau ông/bà có thể tự chụp giấy tờ bằng điện thoại.",
    STEP_SIGN: "Không cần làm gì: cán bộ tiếp nhận ký bằng chữ ký số của chính mình.",
    STEP_SUBMIT: "Trong lúc chờ, hãy hỏi cán bộ cách tự nộp hồ sơ trên VNeID.",
    STEP_RECEIPT: "",  # the explanation already says it: keep room for the QR and the guide
}

_BUILDERS: dict[str, Callable[..., StepText]] = {
    STEP_WELCOME: _welcome,
    STEP_ID: _citizen,
    STEP_PROCEDURE: _procedure,
    STEP_SCAN: _scan,
    STEP_SIGN: _sign,
    STEP_SUBMIT: _submit,
    STEP_RECEIPT: _receipt,
}


def step_text(step: str, tr: Translate = _same, **details: object) -> StepText:
    """The screen's content for `step` (one of STEPS); an unknown step or detail is a programming error.

    Details per step: welcome(office), id(name, id_number, applicant, represented, passport),
    procedure(procedure, fee, processing_days), scan(component, page, pages), sign(documents),
    submit(queued), receipt(dossier_code, local_ref, appointment, organisation).
    """
    try:
        builder = _BUILDERS[step]
    except KeyError:
        raise ValueError(f"unknown guidance step {step!r}; expected one of {STEPS}") from None
    part = YOUR_PART[step]
    return replace(builder(tr, **details), your_part=tr(part) if part else "")
