"""The portal contract's data: what the counter sends and what the portal answers.

These dataclasses are the Python face of `docs/portal-api.yaml`; the client serialises them,
the sandbox parses them with the same code, so both sides agree by construction. `from_dict`
raises `ContractError` (a ValueError) naming the offending field, never KeyError/TypeError.
Dates are ISO 8601 strings on the wire (`YYYY-MM-DD`, times with offset).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

API_PREFIX = "/api/v1"
IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"

# Channels for KPI purposes (domain.md §5, KenhThucHien).
CHANNEL_IN_PERSON = 1
CHANNEL_ONLINE = 2
CHANNEL_POST = 3

PAYMENT_METHODS = ("none", "cash", "online", "bank_transfer")
RETURN_METHODS = ("at_counter", "public_post", "online")
COPY_TYPES = ("original", "certified_copy", "photocopy", "electronic_copy")

# A filed dossier's life in the back office (`status(code)`). `waiting_citizen`: a supplement was
# requested (Mẫu 02) and the time limit is paused; `cancelled`: withdrawn or refused after filing.
DOSSIER_STATUSES = ("received", "processing", "waiting_citizen", "result_ready", "finished", "cancelled")
TERMINAL_STATUSES = frozenset({"finished", "cancelled"})


class ContractError(ValueError):
    """A message does not follow the contract; `field` names where."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def _req(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict):
        raise ContractError(where or "body", "phải là một đối tượng JSON")
    if key not in data or data[key] is None:
        raise ContractError(f"{where}{key}", "thiếu trường bắt buộc")
    value = data[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ContractError(f"{where}{key}", "sai kiểu dữ liệu")
    return value


def _opt(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any) -> Any:
    if not isinstance(data, dict):
        raise ContractError(where or "body", "phải là một đối tượng JSON")
    if data.get(key) is None:
        return default
    return _req(data, key, kind, where)


# Who a dossier is filed for (issue #25) and who may act for them at the counter.
APPLICANT_KINDS = ("individual", "organisation", "agency", "foreigner")
REPRESENTATIVE_ROLES = ("authorised", "guardian", "staff")


def _id_number(data: dict[str, Any], where: str) -> str:
    id_number = _req(data, "id_number", str, where)
    if not (id_number.isdigit() and len(id_number) in (9, 12)):
        raise ContractError(f"{where}id_number", "số định danh phải gồm 12 (hoặc 9) chữ số")
    return id_number


@dataclass(frozen=True)
class Representative:
    """The person at the counter acting for the applicant (authorised person, guardian, staff)."""

    id_number: str
    full_name: str
    role: str  # REPRESENTATIVE_ROLES

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "applicant.representative.") -> Representative:
        role = _req(data, "role", str, where)
        if role not in REPRESENTATIVE_ROLES:
            raise ContractError(f"{where}role", f"phải là một trong {', '.join(REPRESENTATIVE_ROLES)}")
        return cls(_id_number(data, where), _req(data, "full_name", str, where), role)


# The field that identifies each kind besides `individual` (whose `id_number` does).
_KIND_IDENTIFIER = {"organisation": "tax_code", "agency": "agency_code", "foreigner": "passport_number"}


@dataclass(frozen=True)
class Applicant:
    """The dossier's owner (chủ hồ sơ): a citizen (`id_number`), an organisation (`tax_code`), a
    state agency (`agency_code`) or a foreigner (`passport_number`, `nationality`); `full_name` is
    the person's or the organisation's name. `representative`: who filed it for them, if anyone."""

    id_number: str
    full_name: str
    date_of_birth: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    kind: str = "individual"
    tax_code: str = ""
    agency_code: str = ""
    passport_number: str = ""
    nationality: str = ""  # ISO 3166-1 alpha-3
    representative: Representative | None = None

    @property
    def identifier(self) -> str:
        """The ID number, tax code, agency code or passport number, by kind."""
        return getattr(self, _KIND_IDENTIFIER[self.kind]) if self.kind in _KIND_IDENTIFIER else self.id_number

    def to_dict(self) -> dict[str, Any]:
        """The wire form: an individual without a representative is exactly the pre-#25 object
        plus `kind`; other kinds carry their own identifier fields."""
        data: dict[str, Any] = {
            "id_number": self.id_number,
            "full_name": self.full_name,
            "date_of_birth": self.date_of_birth,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
            "kind": self.kind,
        }
        if self.kind == "foreigner":
            data.update(passport_number=self.passport_number, nationality=self.nationality)
        elif self.kind in _KIND_IDENTIFIER:
            data[_KIND_IDENTIFIER[self.kind]] = self.identifier
        if self.representative is not None:
            data["representative"] = self.representative.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "applicant.") -> Applicant:
        kind = _opt(data, "kind", str, where, "individual")
        if kind not in APPLICANT_KINDS:
            raise ContractError(f"{where}kind", f"phải là một trong {', '.join(APPLICANT_KINDS)}")
        if kind == "individual":
            id_number = _id_number(data, where)
        else:
            id_number = _opt(data, "id_number", str, where, "")
            field_name = _KIND_IDENTIFIER[kind]
            if not _req(data, field_name, str, where).strip():
                raise ContractError(f"{where}{field_name}", "không được để trống")
        nationality = _opt(data, "nationality", str, where, "")
        if kind == "foreigner" and not (
            len(nationality) == 3 and nationality.isalpha() and nationality.isupper()
        ):
            raise ContractError(f"{where}nationality", "mã quốc gia ISO 3166-1 alpha-3 (3 chữ in hoa)")
        representative = data.get("representative") if isinstance(data, dict) else None
        return cls(
            id_number=id_number,
            full_name=_req(data, "full_name", str, where),
            date_of_birth=_opt(data, "date_of_birth", str, where, ""),
            address=_opt(data, "address", str, where, ""),
            phone=_opt(data, "phone", str, where, ""),
            email=_opt(data, "email", str, where, ""),
            kind=kind,
            tax_code=_opt(data, "tax_code", str, where, ""),
            agency_code=_opt(data, "agency_code", str, where, ""),
            passport_number=_opt(data, "passport_number", str, where, ""),
            nationality=nationality,
            representative=Representative.from_dict(representative, f"{where}representative.")
            if representative is not None
            else None,
        )


@dataclass(frozen=True)
class ComponentUpload:
    """One component (thành phần hồ sơ) and where its signed PDF is read from at send time.

    `workspace_name` is a file of the dossier's encrypted workspace; `path` a plain file. Only
    the metadata travels in JSON; the bytes go in the multipart part named `part`.
    """

    key: str
    name: str
    file_name: str
    copy_type: str = "electronic_copy"
    copies: int = 1
    pages: int = 0
    reused: bool = False
    sha256: str = ""
    size: int = 0
    workspace_name: str | None = None
    path: str | None = None

    def wire(self, part: str) -> dict[str, Any]:
        """The JSON the portal sees (no local file locations)."""
        return {
            "key": self.key,
            "name": self.name,
            "file_name": self.file_name,
            "copy_type": self.copy_type,
            "copies": self.copies,
            "pages": self.pages,
            "reused": self.reused,
            "sha256": self.sha256,
            "size": self.size,
            "part": part,
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "component.") -> ComponentUpload:
        copy_type = _opt(data, "copy_type", str, where, "electronic_copy")
        if copy_type not in COPY_TYPES:
            raise ContractError(f"{where}copy_type", f"phải là một trong {', '.join(COPY_TYPES)}")
        return cls(
            key=_req(data, "key", str, where),
            name=_req(data, "name", str, where),
            file_name=_req(data, "file_name", str, where),
            copy_type=copy_type,
            copies=_opt(data, "copies", int, where, 1),
            pages=_opt(data, "pages", int, where, 0),
            reused=_opt(data, "reused", bool, where, False),
            sha256=_opt(data, "sha256", str, where, ""),
            size=_opt(data, "size", int, where, 0),
            workspace_name=_opt(data, "workspace_name", str, where, None),
            path=_opt(data, "path", str, where, None),
        )


@dataclass(frozen=True)
class SubmissionRequest:
    """Everything `submit` sends: dossier metadata, procedure, channel, components, fee, return."""

    office_code: str
    local_ref: str
    procedure_code: str
    applicant: Applicant
    components: tuple[ComponentUpload, ...]
    channel: int = CHANNEL_ONLINE
    fee: int = 0
    payment_method: str = "none"
    return_method: str = "at_counter"
    return_address: str = ""
    sets: int = 1
    officer: str = ""
    account_id: str = ""
    note: str = ""
    received_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["applicant"] = self.applicant.to_dict()
        data["components"] = [c.to_dict() for c in self.components]
        return data

    def wire(self) -> dict[str, Any]:
        """The metadata part of the multipart request (components name their file parts)."""
        data = self.to_dict()
        data["components"] = [c.wire(f"file{i}") for i, c in enumerate(self.components)]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionRequest:
        channel = _opt(data, "channel", int, "", CHANNEL_ONLINE)
        if channel not in (CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POST):
            raise ContractError("channel", "kênh phải là 1, 2 hoặc 3")
        payment = _opt(data, "payment_method", str, "", "none")
        if payment not in PAYMENT_METHODS:
            raise ContractError("payment_method", f"phải là một trong {', '.join(PAYMENT_METHODS)}")
        return_method = _opt(data, "return_method", str, "", "at_counter")
        if return_method not in RETURN_METHODS:
            raise ContractError("return_method", f"phải là một trong {', '.join(RETURN_METHODS)}")
        return_address = _opt(data, "return_address", str, "", "")
        if return_method == "public_post" and not return_address.strip():
            raise ContractError("return_address", "trả qua bưu chính công ích cần địa chỉ nhận")
        fee = _opt(data, "fee", int, "", 0)
        if fee < 0:
            raise ContractError("fee", "lệ phí không được âm")
        raw_components = _req(data, "components", list, "")
        components = tuple(
            ComponentUpload.from_dict(c, f"components[{i}].") for i, c in enumerate(raw_components)
        )
        return cls(
            office_code=_req(data, "office_code", str, ""),
            local_ref=_req(data, "local_ref", str, ""),
            procedure_code=_req(data, "procedure_code", str, ""),
            applicant=Applicant.from_dict(_req(data, "applicant", dict, "")),
            components=components,
            channel=channel,
            fee=fee,
            payment_method=payment,
            return_method=return_method,
            return_address=return_address,
            sets=_opt(data, "sets", int, "", 1),
            officer=_opt(data, "officer", str, "", ""),
            account_id=_opt(data, "account_id", str, "", ""),
            note=_opt(data, "note", str, "", ""),
            received_at=_opt(data, "received_at", str, "", ""),
        )


@dataclass(frozen=True)
class SubmissionResult:
    """The portal's answer to `submit`: its dossier code and the appointment date."""

    dossier_code: str
    received_at: str
    appointment_date: str
    status: str = "received"
    procedure_code: str = ""
    processing_days: int = 0
    replayed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionResult:
        return cls(
            dossier_code=_req(data, "dossier_code", str, ""),
            received_at=_req(data, "received_at", str, ""),
            appointment_date=_req(data, "appointment_date", str, ""),
            status=_opt(data, "status", str, "", "received"),
            procedure_code=_opt(data, "procedure_code", str, "", ""),
            processing_days=_opt(data, "processing_days", int, "", 0),
            replayed=_opt(data, "replayed", bool, "", False),
        )


@dataclass(frozen=True)
class DossierStatus:
    """`status(code)`: where the back office is with the dossier (`DOSSIER_STATUSES`).

    `waiting_citizen_s` is the time spent in completed `waiting_citizen` periods (supplement
    requested: the legal clock stops); an open period started at `waiting_since`. The result
    is attached (`result_attached`) from `result_ready` on; `finished_at` is set once finished.
    Fields after `updated_at` were added later and are optional: an older portal omits them.
    """

    dossier_code: str
    status: str
    received_at: str
    appointment_date: str
    procedure_code: str = ""
    updated_at: str = ""
    result_attached: bool = False
    result_attached_at: str = ""
    finished_at: str = ""
    waiting_citizen_s: float = 0.0
    waiting_since: str = ""
    note: str = ""

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DossierStatus:
        waiting = _opt(data, "waiting_citizen_s", (int, float), "", 0.0)
        if isinstance(waiting, bool) or waiting < 0:
            raise ContractError("waiting_citizen_s", "phải là số giây không âm")
        return cls(
            dossier_code=_req(data, "dossier_code", str, ""),
            status=_req(data, "status", str, ""),
            received_at=_req(data, "received_at", str, ""),
            appointment_date=_req(data, "appointment_date", str, ""),
            procedure_code=_opt(data, "procedure_code", str, "", ""),
            updated_at=_opt(data, "updated_at", str, "", ""),
            result_attached=_opt(data, "result_attached", bool, "", False),
            result_attached_at=_opt(data, "result_attached_at", str, "", ""),
            finished_at=_opt(data, "finished_at", str, "", ""),
            waiting_citizen_s=float(waiting),
            waiting_since=_opt(data, "waiting_since", str, "", ""),
            note=_opt(data, "note", str, "", ""),
        )


@dataclass(frozen=True)
class Capabilities:
    """What this province's portal allows: the client adapts instead of guessing."""

    create_account: bool
    account_provider: str = "VNeID"
    max_file_bytes: int = 20 * 1024 * 1024
    payment_methods: tuple[str, ...] = PAYMENT_METHODS
    return_methods: tuple[str, ...] = RETURN_METHODS
    api_version: str = "1.0"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["payment_methods"] = list(self.payment_methods)
        data["return_methods"] = list(self.return_methods)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Capabilities:
        return cls(
            create_account=_req(data, "create_account", bool, ""),
            account_provider=_opt(data, "account_provider", str, "", "VNeID"),
            max_file_bytes=_opt(data, "max_file_bytes", int, "", 20 * 1024 * 1024),
            payment_methods=tuple(_opt(data, "payment_methods", list, "", list(PAYMENT_METHODS))),
            return_methods=tuple(_opt(data, "return_methods", list, "", list(RETURN_METHODS))),
            api_version=_opt(data, "api_version", str, "", "1.0"),
        )


@dataclass(frozen=True)
class AccountInfo:
    """The citizen's account on the portal, looked up by ID number."""

    found: bool
    account_id: str = ""
    provider: str = ""
    level: int = 0
    created: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AccountInfo:
        return cls(
            found=_req(data, "found", bool, ""),
            account_id=_opt(data, "account_id", str, "", ""),
            provider=_opt(data, "provider", str, "", ""),
            level=_opt(data, "level", int, "", 0),
            created=_opt(data, "created", bool, "", False),
        )


@dataclass(frozen=True)
class AccountRequest:
    """`create_account`: the citizen's consent is mandatory (personal data law)."""

    applicant: Applicant
    consent: bool
    phone: str = ""
    email: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicant": self.applicant.to_dict(),
            "consent": self.consent,
            "phone": self.phone,
            "email": self.email,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AccountRequest:
        consent = _req(data, "consent", bool, "")
        if not consent:
            raise ContractError("consent", "cần sự đồng ý của công dân để tạo tài khoản")
        return cls(
            applicant=Applicant.from_dict(_req(data, "applicant", dict, "")),
            consent=consent,
            phone=_opt(data, "phone", str, "", ""),
            email=_opt(data, "email", str, "", ""),
        )
