"""The applicant and the representative in one or two lines, as the officer reads them on the citizen
step and on the filing step's review (Qt-free: `tr` is Qt's translator in the window)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from counter_app.applicant import Applicant, ApplicantKind, Representative

Translate = Callable[[str], str]

KIND_WORDS = {
    ApplicantKind.INDIVIDUAL: "cá nhân",
    ApplicantKind.ORGANISATION: "tổ chức, doanh nghiệp",
    ApplicantKind.AGENCY: "cơ quan nhà nước",
    ApplicantKind.FOREIGNER: "người nước ngoài",
}
IDENTIFIERS = {
    ApplicantKind.INDIVIDUAL: "số định danh",
    ApplicantKind.ORGANISATION: "mã số thuế",
    ApplicantKind.AGENCY: "mã cơ quan",
    ApplicantKind.FOREIGNER: "hộ chiếu",
}


def _same(text: str) -> str:
    return text


def applicant_line(applicant: Applicant, tr: Translate = _same) -> str:
    """«Chủ hồ sơ (tổ chức, doanh nghiệp): <b>Công ty …</b> — mã số thuế 0109900015»."""
    identifier = applicant.identifier
    if applicant.foreigner is not None:
        identifier = f"{identifier}, {tr('quốc tịch')} {applicant.foreigner.nationality}"
    return tr("Chủ hồ sơ ({kind}): <b>{name}</b> — {what} {identifier}").format(
        kind=tr(KIND_WORDS[applicant.kind]),
        name=escape(applicant.name),
        what=tr(IDENTIFIERS[applicant.kind]),
        identifier=escape(identifier),
    )


def representative_line(representative: Representative, tr: Translate = _same) -> str:
    """«Người nộp thay (người được ủy quyền): <b>Nguyễn Văn An</b> — số định danh 0012…»."""
    citizen = representative.citizen
    return tr("Người nộp thay ({role}): <b>{name}</b> — số định danh {number}").format(
        role=tr(representative.role.label),
        name=escape(citizen.full_name),
        number=citizen.id_number,
    )


def summary_html(applicant: Applicant, representative: Representative | None, tr: Translate = _same) -> str:
    lines = [applicant_line(applicant, tr)]
    if representative is not None:
        lines.append(representative_line(representative, tr))
    return "<br>".join(lines)
