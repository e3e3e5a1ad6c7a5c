"""Who a dossier is filed for (chủ hồ sơ), and who brought it to the counter when that is someone else.

The counter receives for "cá nhân, tổ chức" alike (issue #25):

- an **individual**: a Vietnamese citizen, identified by the ID card (`CitizenId`);
- an **organisation** (doanh nghiệp, hợp tác xã...): its enterprise tax code (mã số thuế, 10 digits, or
  10 + "-" + a 3-digit branch suffix), name and head-office address;
- a **state agency** (cơ quan nhà nước): its code (mã định danh điện tử of QCVN 102:2016, such as
  `000.00.01.H31`, or its 7-digit budget-relation code, mã đơn vị có quan hệ với ngân sách), name, address;
- a **foreigner**: the passport's data page (ICAO 9303 TD3 MRZ): number, nationality, name, birth date, sex.

A `Representative` is the person at the counter acting for the applicant (authorised person, guardian,
the organisation's staff), identified by their own ID card. An organisation's or agency's data is not
personal data; an individual's, a foreigner's and a representative's are (`counter_app.privacy`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from counter_app.citizen import CitizenId
from counter_app.citizen_checks import refuse_bad_text
from counter_app.errors import KnownError


class ApplicantError(KnownError):
    code = "applicant_invalid"


class ApplicantKind(str, Enum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"
    AGENCY = "agency"
    FOREIGNER = "foreigner"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def personal(self) -> bool:
        """The applicant's own data is personal data (sealed at rest, purged by retention)."""
        return self in (ApplicantKind.INDIVIDUAL, ApplicantKind.FOREIGNER)


_KIND_LABELS = {
    ApplicantKind.INDIVIDUAL: "Cá nhân (công dân Việt Nam)",
    ApplicantKind.ORGANISATION: "Tổ chức, doanh nghiệp",
    ApplicantKind.AGENCY: "Cơ quan nhà nước",
    ApplicantKind.FOREIGNER: "Người nước ngoài",
}


class RepresentativeRole(str, Enum):
    AUTHORISED = "authorised"  # người được ủy quyền
    GUARDIAN = "guardian"  # người giám hộ, cha mẹ của người chưa thành niên
    STAFF = "staff"  # nhân viên của tổ chức, cơ quan

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    RepresentativeRole.AUTHORISED: "người được ủy quyền",
    RepresentativeRole.GUARDIAN: "người giám hộ",
    RepresentativeRole.STAFF: "nhân viên của tổ chức",
}


@dataclass(frozen=True)
class Organisation:
    tax_code: str  # 10 digits, or 10 + "-" + 3-digit branch suffix
    name: str
    address: str


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    address: str


@dataclass(frozen=True)
class Foreigner:
    passport_number: str
    nationality: str  # ISO 3166-1 alpha-3
    full_name: str
    date_of_birth: date | None
    sex: str  # "Nam", "Nữ" or ""
    passport_expiry: date | None = None


@dataclass(frozen=True)
class Applicant:
    """The dossier's owner: exactly one of `citizen`, `organisation`, `agency`, `foreigner`, by `kind`."""

    kind: ApplicantKind
    citizen: CitizenId | None = None
    organisation: Organisation | None = None
    agency: Agency | None = None
    foreigner: Foreigner | None = None

    @classmethod
    def individual(cls, citizen: CitizenId) -> Applicant:
        return cls(ApplicantKind.INDIVIDUAL, citizen=citizen)

    @property
    def name(self) -> str:
        if self.citizen is not None:
            return self.citizen.full_name
        if self.organisation is not None:
            return self.organisation.name
        if self.agency is not None:
            return self.agency.name
        return self.foreigner.full_name if self.foreigner else ""

    @property
    def identifier(self) -> str:
        """ID number, tax code, agency code or passport number."""
        if self.citizen is not None:
            return self.citizen.id_number
        if self.organisation is not None:
            return self.organisation.tax_code
        if self.agency is not None:
            return self.agency.code
        return self.foreigner.passport_number if self.foreigner else ""

    @property
    def identifier_label(self) -> str:
        return {
            ApplicantKind.INDIVIDUAL: "Số định danh cá nhân",
            ApplicantKind.ORGANISATION: "Mã số thuế",
            ApplicantKind.AGENCY: "Mã cơ quan",
            ApplicantKind.FOREIGNER: "Số hộ chiếu",
        }[self.kind]

    @property
    def address(self) -> str:
        if self.citizen is not None:
            return self.citizen.address
        if self.organisation is not None:
            return self.organisation.address
        return self.agency.address if self.agency else ""

    def data(self) -> dict[str, Any]:
        """The applicant's own fields as JSON (not for individuals: their card stays in `citizens`)."""
        if self.organisation is not None:
            o = self.organisation
            return {"tax_code": o.tax_code, "name": o.name, "address": o.address}
        if self.agency is not None:
            return {"code": self.agency.code, "name": self.agency.name, "address": self.agency.address}
        if self.foreigner is not None:
            f = self.foreigner
            return {
                "passport_number": f.passport_number,
                "nationality": f.nationality,
                "full_name": f.full_name,
                "date_of_birth": f.date_of_birth.isoformat() if f.date_of_birth else None,
                "sex": f.sex,
                "passport_expiry": f.passport_expiry.isoformat() if f.passport_expiry else None,
            }
        return {}

    @classmethod
    def from_data(cls, kind: ApplicantKind | str, data: dict[str, Any]) -> Applicant:
        """The inverse of `data()` for the non-individual kinds."""
        kind = ApplicantKind(kind)
        if kind is ApplicantKind.ORGANISATION:
            return cls(kind, organisation=Organisation(data["tax_code"], data["name"], data["address"]))
        if kind is ApplicantKind.AGENCY:
            return cls(kind, agency=Agency(data["code"], data["name"], data["address"]))
        if kind is ApplicantKind.FOREIGNER:
            return cls(
                kind,
                foreigner=Foreigner(
                    data["passport_number"],
                    data["nationality"],
                    data["full_name"],
                    _iso(data.get("date_of_birth")),
                    data.get("sex", ""),
                    _iso(data.get("passport_expiry")),
                ),
            )
        raise ValueError("an individual applicant is loaded from the citizens table")


@dataclass(frozen=True)
class Representative:
    """The person at the counter acting for the applicant, identified by their own ID card."""

    citizen: CitizenId
    role: RepresentativeRole

    @property
    def line(self) -> str:
        """«Người nộp thay: …, vai trò …», as the forms print it."""
        return f"Người nộp thay: {self.citizen.full_name} (số định danh {self.citizen.id_number}), vai trò {self.role.label}"


# -- building and checking the applicant ------------------------------------------------------------


def organisation(tax_code: str, name: str, address: str) -> Applicant:
    """An organisation applicant; a tax code that is not one (format or check digit) is refused."""
    return Applicant(
        ApplicantKind.ORGANISATION,
        organisation=Organisation(check_tax_code(tax_code), *_name_and_address(name, address, "tổ chức")),
    )


def agency(code: str, name: str, address: str) -> Applicant:
    return Applicant(
        ApplicantKind.AGENCY,
        agency=Agency(check_agency_code(code), *_name_and_address(name, address, "cơ quan")),
    )


def foreigner_from_mrz(lines: str, *, today: date | None = None) -> Applicant:
    """A foreign applicant from the two MRZ lines of the passport's data page (check digits verified)."""
    from scanner.barcodes.mrz import MrzError, parse_td3

    try:
        mrz = parse_td3(lines, today=today)
    except MrzError as exc:
        raise ApplicantError(exc.message, exc.hint, code="passport_mrz_invalid") from exc
    nationality = check_nationality(_ICAO_ONLY.get(mrz.nationality, mrz.nationality))
    return Applicant(
        ApplicantKind.FOREIGNER,
        foreigner=Foreigner(
            passport_number=mrz.document_number,
            nationality=nationality,
            full_name=mrz.full_name,
            date_of_birth=mrz.birth_date,
            sex={"M": "Nam", "F": "Nữ"}.get(mrz.sex, ""),
            passport_expiry=mrz.expiry_date,
        ),
    )


def check_tax_code(text: str) -> str:
    """The tax code as printed (`0100233488` or `0100233488-001`); refuse a wrong one with a clear message."""
    from stdnum.exceptions import InvalidChecksum, ValidationError
    from stdnum.vn import mst

    cleaned = "".join(text.split())
    try:
        # python-stdnum checks length, digits, the branch suffix and the check digit (weights
        # 31, 29, 23, 19, 17, 13, 7, 5, 3, modulo 11, as the tax registration rules set them).
        return str(mst.format(mst.validate(cleaned)))
    except InvalidChecksum as exc:
        raise ApplicantError(
            f"Mã số thuế «{cleaned}» sai chữ số kiểm tra (chữ số thứ 10): có thể nhập nhầm một chữ số.",
            "So lại với giấy chứng nhận đăng ký doanh nghiệp hoặc tra cứu mã số thuế, rồi nhập lại.",
            code="tax_code_invalid",
        ) from exc
    except ValidationError as exc:
        raise ApplicantError(
            f"Mã số thuế «{cleaned}» không đúng dạng: phải gồm 10 chữ số, hoặc 10 chữ số, dấu «-»"
            " và 3 chữ số của đơn vị phụ thuộc (ví dụ 0100233488-001).",
            "So lại với giấy chứng nhận đăng ký doanh nghiệp rồi nhập lại.",
            code="tax_code_invalid",
        ) from exc


# QCVN 102:2016/BTTTT identity code of an agency (e.g. 000.00.01.H31, G12.34.56.7x style levels),
# or the 7-digit budget-relation code (mã đơn vị có quan hệ với ngân sách, Thông tư 185/2015/TT-BTC).
_AGENCY_CODE = re.compile(r"[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}|[0-9]{7}")


def check_agency_code(text: str) -> str:
    code = "".join(text.split()).upper()
    if not _AGENCY_CODE.fullmatch(code):
        raise ApplicantError(
            f"Mã cơ quan «{text.strip()}» không đúng dạng.",
            "Nhập mã định danh điện tử của cơ quan (ví dụ 000.00.01.H31) hoặc mã đơn vị quan hệ ngân sách"
            " 7 chữ số.",
            code="agency_code_invalid",
        )
    return code


# ICAO 9303 codes that are not ISO 3166-1 alpha-3: Germany's passports say "D".
_ICAO_ONLY = {"D": "DEU"}


def check_nationality(code: str) -> str:
    """An ISO 3166-1 alpha-3 country code (the passport's nationality); refuse anything else."""
    import iso3166

    if code not in iso3166.countries_by_alpha3:
        raise ApplicantError(
            f"Quốc tịch «{code}» trong mã MRZ không phải mã quốc gia ISO 3166.",
            "So với trang thông tin hộ chiếu rồi nhập lại.",
            code="passport_mrz_invalid",
        )
    return code


def _name_and_address(name: str, address: str, what: str) -> tuple[str, str]:
    name, address = _normalise(name), _normalise(address)
    refuse_bad_text(name, address)
    if not name:
        raise ApplicantError(
            f"Chưa có tên {what}.", f"Nhập tên {what} như trên giấy tờ.", code="applicant_name_missing"
        )
    return name, address


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
