"""The procedure catalog (thủ tục hành chính): loading and diacritics-insensitive ranked search.

The catalog is data, `resources/procedures.json`, replaceable by IT without touching code. The
first file found wins: an explicit path (or the `catalog.path` option, when the configuration
declares it), then `$COUNTER_APP_CATALOG`, then `procedures.json` beside the machine-wide
configuration, then in the user configuration folder, then the bundled one. The bundled catalog is illustrative (`verified: false` on every entry): codes, fees and
components were written from the regulations named in each entry's `source`, not checked
against the national procedure database.

    catalog = load_catalog()
    catalog.get("1.001193")                  # -> Procedure
    catalog.search("dang ky khai sinh")       # ranked, best first; "Đăng ký khai sinh" comes first

Search folds case and diacritics (đ/Đ -> d), so what the officer types without an input method
still matches. Ranking, best first: exact code, code prefix, exact name, name starting with the
query, the query as a phrase inside the name, every query word starting a word of the name,
then every query word found in the name, field or component names; ties go to the shorter name
(the generic procedure before its variants). Everything is folded once at load, so a search over
the whole catalog takes microseconds.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from counter_app.applicant import ApplicantKind, RepresentativeRole
from counter_app.errors import KnownError
from office_calendar import DEFAULT_CUTOFF, cutoff_of

ENV_CATALOG = "COUNTER_APP_CATALOG"
CATALOG_FILE = "procedures.json"
BUNDLED_CATALOG = Path(__file__).resolve().parents[1] / "resources" / CATALOG_FILE

PAPER_FORMS: dict[str, str] = {
    "original": "Bản chính",
    "certified_copy": "Bản sao có chứng thực",
    "photocopy": "Bản chụp / bản sao",
}
ONLINE_LEVELS = ("toàn trình", "một phần")
_WORD_RE = re.compile(r"[0-9a-z]+")


class CatalogError(KnownError):
    code = "catalog_invalid"


def fold(text: str) -> str:
    """Lower case without diacritics, đ -> d: the form both the query and the catalog are compared in."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def _words(folded: str) -> list[str]:
    return _WORD_RE.findall(folded)


@dataclass(frozen=True)
class ComponentSpec:
    """One component (thành phần hồ sơ) a procedure asks for."""

    key: str
    name: str
    required: bool
    paper_form: str  # original | certified_copy | photocopy
    reusable: bool
    note: str = ""

    @property
    def paper_form_label(self) -> str:
        return PAPER_FORMS[self.paper_form]

    def as_cli_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "required": self.required, "reusable": self.reusable}


# The authorisation document an authorised representative brings (the key the catalogue's entries use).
AUTHORISATION = ComponentSpec(
    key="van_ban_uy_quyen",
    name="Văn bản ủy quyền (khi nộp thay)",
    required=True,
    paper_form="original",
    reusable=False,
    note="Chủ hồ sơ ủy quyền cho người nộp thay; miễn chứng thực nếu người được ủy quyền là ông, bà, cha,"
    " mẹ, con, vợ, chồng, anh, chị, em ruột.",
)


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    components: tuple[ComponentSpec, ...]
    processing_days: int
    fee: int  # VND; 0 when free
    online_level: str  # "toàn trình" | "một phần"
    result: str
    level: str = "xã"
    processing_note: str = ""
    fee_note: str = ""
    note: str = ""
    source: str = ""
    verified: bool = False
    # Received after this office time: the limit counts from the next working day (the 15:00 rule);
    # the entry's `cutoff` ("HH:MM" or null for none), else the catalogue's, else 15:00.
    cutoff: time | None = DEFAULT_CUTOFF
    processing_days_online: int | None = None  # a shorter limit for online dossiers, where set
    # Who may file it (the entry's `applicant_kinds`); an individual only unless the entry says more.
    applicant_kinds: tuple[ApplicantKind, ...] = (ApplicantKind.INDIVIDUAL,)

    def accepts(self, kind: ApplicantKind) -> bool:
        return kind in self.applicant_kinds

    def require_applicant_kind(self, kind: ApplicantKind) -> None:
        """Refuse an applicant kind this procedure is not for (the catalogue's `applicant_kinds`)."""
        if not self.accepts(kind):
            accepted = ", ".join(k.label.lower() for k in self.applicant_kinds)
            raise CatalogError(
                f"Thủ tục {self.code} «{self.name}» không nhận hồ sơ của {kind.label.lower()}.",
                f"Thủ tục này chỉ dành cho: {accepted}. Chọn thủ tục khác hoặc đổi loại người nộp hồ sơ.",
                code="applicant_kind_not_accepted",
            )

    def components_for(self, role: RepresentativeRole | None) -> tuple[ComponentSpec, ...]:
        """The components of a dossier whose representative acts in `role`: someone authorised
        brings the authorisation document (văn bản ủy quyền), scanned and signed like any other,
        required whether or not the procedure's entry lists it (issue #25)."""
        if role is not RepresentativeRole.AUTHORISED:
            return self.components
        if any(c.key == AUTHORISATION.key for c in self.components):
            return tuple(
                replace(c, required=True) if c.key == AUTHORISATION.key else c for c in self.components
            )
        return (*self.components, AUTHORISATION)

    def time_limit(self, online: bool) -> int:
        """Working days to the appointment; online dossiers get the catalogue's shorter limit."""
        if online and self.processing_days_online is not None:
            return self.processing_days_online
        return self.processing_days

    def component(self, key: str) -> ComponentSpec:
        for spec in self.components:
            if spec.key == key:
                return spec
        if key == AUTHORISATION.key:  # added to this dossier for its authorised representative
            return AUTHORISATION
        raise CatalogError(
            f"Thủ tục {self.code} không có thành phần hồ sơ «{key}».",
            "Chọn một thành phần trong danh sách của thủ tục.",
            code="component_unknown",
        )

    @property
    def required_components(self) -> tuple[ComponentSpec, ...]:
        return tuple(c for c in self.components if c.required)

    def as_cli_dict(self) -> dict[str, object]:
        """The JSON line of `counter-app procedures` (docs/cli.md)."""
        return {
            "code": self.code,
            "name": self.name,
            "processing_days": self.processing_days,
            "fee": self.fee,
            "online_level": self.online_level,
            "components": [c.as_cli_dict() for c in self.components],
        }


@dataclass(frozen=True)
class _Index:
    procedure: Procedure
    code: str
    name: str
    name_words: tuple[str, ...]
    other_words: frozenset[str]


@dataclass
class Catalog:
    procedures: tuple[Procedure, ...]
    path: Path
    notice: str = ""
    cutoff: time | None = DEFAULT_CUTOFF  # the catalogue's default for the 15:00 rule
    _by_code: dict[str, Procedure] = field(init=False, repr=False)
    _index: tuple[_Index, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code = {p.code: p for p in self.procedures}
        index = []
        for p in self.procedures:
            others = " ".join([p.field, p.result, *(c.name for c in p.components)])
            name = fold(p.name)
            index.append(_Index(p, fold(p.code), name, tuple(_words(name)), frozenset(_words(fold(others)))))
        self._index = tuple(index)

    def __len__(self) -> int:
        return len(self.procedures)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self.procedures)

    def get(self, code: str) -> Procedure:
        procedure = self._by_code.get(code.strip())
        if procedure is None:
            raise CatalogError(
                f"Không có thủ tục mã «{code}» trong danh mục.",
                "Tìm thủ tục theo tên (không cần gõ dấu) bằng lệnh `counter-app procedures --search`.",
                code="procedure_unknown",
            )
        return procedure

    def search(self, text: str, limit: int | None = None) -> list[Procedure]:
        """Procedures matching `text`, best first; an empty query lists the whole catalog."""
        query = " ".join(_words(fold(text)))
        if not query:
            return list(self.procedures[:limit] if limit else self.procedures)
        scored = []
        for position, entry in enumerate(self._index):
            score = _score(entry, query)
            if score:
                scored.append((-score, len(entry.name), position, entry.procedure))
        scored.sort(key=lambda item: item[:3])
        found = [item[3] for item in scored]
        return found[:limit] if limit else found


def _score(entry: _Index, query: str) -> int:
    code_query = query.replace(" ", ".")
    if entry.code == code_query or entry.code == query:
        return 100
    if entry.code.startswith(code_query) and any(ch.isdigit() for ch in query):
        return 90
    name_text = " ".join(entry.name_words)
    if name_text == query:
        return 80
    if name_text.startswith(query):
        return 70
    if f" {query}" in f" {name_text}":
        return 60
    words = query.split()
    if all(any(w.startswith(q) for w in entry.name_words) for q in words):
        return 50
    everything = set(entry.name_words) | entry.other_words
    if all(any(w.startswith(q) for w in everything) for q in words):
        return 20
    return 0


def _component(data: dict, where: str) -> ComponentSpec:
    form = data.get("paper_form", "original")
    if form not in PAPER_FORMS:
        raise ValueError(f"{where}: paper_form «{form}» không thuộc {', '.join(PAPER_FORMS)}")
    return ComponentSpec(
        key=str(data["key"]),
        name=str(data["name"]),
        required=bool(data.get("required", True)),
        paper_form=form,
        reusable=bool(data.get("reusable", False)),
        note=str(data.get("note", "")),
    )


def _procedure(data: dict, number: int, default_cutoff: time | None) -> Procedure:
    where = f"thủ tục thứ {number} ({data.get('code', '?')})"
    components = tuple(_component(c, where) for c in data.get("components", []))
    keys = [c.key for c in components]
    if len(set(keys)) != len(keys):
        raise ValueError(f"{where}: trùng khóa thành phần hồ sơ")
    level = str(data.get("online_level", "một phần"))
    if level not in ONLINE_LEVELS:
        raise ValueError(f"{where}: online_level «{level}» không thuộc {', '.join(ONLINE_LEVELS)}")
    fee = int(data.get("fee", 0))
    days = int(data["processing_days"])
    online_days = data.get("processing_days_online")
    online_days = None if online_days is None else int(online_days)
    if fee < 0 or days < 0 or (online_days or 0) < 0:
        raise ValueError(f"{where}: lệ phí và thời hạn không được âm")
    try:
        cutoff = cutoff_of(data, default_cutoff)
    except ValueError as exc:
        raise ValueError(f"{where}: cutoff {exc}") from None
    try:
        kinds = tuple(ApplicantKind(k) for k in data.get("applicant_kinds", ["individual"]))
    except ValueError as exc:
        raise ValueError(f"{where}: applicant_kinds {exc}") from None
    if not kinds:
        raise ValueError(f"{where}: applicant_kinds không được rỗng")
    return Procedure(
        code=str(data["code"]),
        name=unicodedata.normalize("NFC", str(data["name"])),
        field=str(data.get("field", "")),
        components=components,
        processing_days=days,
        fee=fee,
        online_level=level,
        result=str(data.get("result", "")),
        level=str(data.get("level", "xã")),
        processing_note=str(data.get("processing_note", "")),
        fee_note=str(data.get("fee_note", "")),
        note=str(data.get("note", "")),
        source=str(data.get("source", "")),
        verified=bool(data.get("verified", False)),
        cutoff=cutoff,
        processing_days_online=online_days,
        applicant_kinds=kinds,
    )


def parse_catalog(data: dict, path: Path) -> Catalog:
    try:
        default_cutoff = cutoff_of(data, DEFAULT_CUTOFF)
        procedures = tuple(_procedure(p, n, default_cutoff) for n, p in enumerate(data["procedures"], 1))
    except (KeyError, TypeError, ValueError) as exc:
        detail = f"thiếu trường {exc}" if isinstance(exc, KeyError) else str(exc)
        raise CatalogError(
            f"Danh mục thủ tục {path} không hợp lệ: {detail}.",
            "Sửa tệp danh mục theo mẫu resources/procedures.json, hoặc xóa tệp để dùng danh mục kèm theo.",
        ) from exc
    codes = [p.code for p in procedures]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogError(
            f"Danh mục thủ tục {path} có mã trùng: {', '.join(duplicates)}.",
            "Mỗi thủ tục phải có một mã riêng.",
        )
    return Catalog(procedures, path, str(data.get("notice", "")), default_cutoff)


def candidate_paths(config_dir: Path | None = None, machine_config: Path | None = None) -> list[Path]:
    """Where a catalog is looked for, first found wins (see the module docstring)."""
    found: list[Path] = []
    env = os.environ.get(ENV_CATALOG)
    if env:
        found.append(Path(env))
    if machine_config is not None:
        found.append(machine_config.parent / CATALOG_FILE)
    if config_dir is not None:
        found.append(config_dir / CATALOG_FILE)
    found.append(BUNDLED_CATALOG)
    return found


def load_catalog(path: Path | None = None, *, search_paths: Iterable[Path] | None = None) -> Catalog:
    """The catalog from `path`, or the first existing file of `search_paths` (default: `candidate_paths()`
    for the current application paths)."""
    if path is None:
        if search_paths is None:
            from counter_app.paths import app_paths

            paths = app_paths()
            search_paths = candidate_paths(paths.config_dir, paths.machine_config)
        path = next((p for p in search_paths if p.is_file()), BUNDLED_CATALOG)
    return _load_file(Path(path).resolve(), Path(path).stat().st_mtime_ns if Path(path).exists() else 0)


def configured_catalog(paths: Any, config: Any = None) -> Catalog:
    """The catalog for these application paths and configuration (see the module docstring)."""
    explicit = config.values.get("catalog.path") if config is not None else None
    if explicit:
        return load_catalog(Path(explicit))  # named by IT: a missing file is an error, not a fallback
    return load_catalog(search_paths=candidate_paths(paths.config_dir, paths.machine_config))


@lru_cache(maxsize=4)
def _load_file(path: Path, _mtime: int) -> Catalog:
    # Keyed on the modification time so IT replacing the file is seen without a restart.
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CatalogError(
            f"Không tìm thấy danh mục thủ tục: {path}.",
            "Kiểm tra cài đặt ứng dụng hoặc đường dẫn danh mục do bộ phận CNTT cấu hình.",
            code="catalog_missing",
        ) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogError(
            f"Không đọc được danh mục thủ tục {path}: {exc}.",
            "Sửa tệp danh mục (JSON, mã hóa UTF-8) hoặc xóa tệp để dùng danh mục kèm theo.",
        ) from exc
    return parse_catalog(data, path)
