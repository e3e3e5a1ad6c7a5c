"""Printing a counter form for a dossier: the data filled from the dossier (`assemble`), the
first print recorded, and any later print marked "BẢN IN LẠI" and logged as a `form_printed`
event with `reprint: true`.

Which dossier may have which form: Mẫu 01 and 06 once the dossier is queued for filing (the
log book has its number then), Mẫu 02 while it waits for a supplement, Mẫu 03 once cancelled.
A first Mẫu 01 is recorded as the dossier's receipt (`receipt_printed`, what the KPIs count);
a provisional receipt and the final one are different documents, each printed "first" once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from common import clock
from counter_app.dossier import FILED_STATES, Dossier, DossierState
from counter_app.errors import KnownError
from counter_app.forms import FORM_NAMES, render_form
from counter_app.forms.assemble import form_data
from counter_app.forms.layout import SIZES
from counter_app.portal.outbox import Outbox
from counter_app.read_models import state_label

S = DossierState
_FILING = (S.QUEUED, S.FILED, S.RECEIPT_PRINTED)
ALLOWED = {"01": _FILING, "02": (S.NEEDS_SUPPLEMENT,), "03": (S.CANCELLED,), "06": _FILING}
_ISSUING_EVENT = {"02": "needs_supplement", "03": "dossier_cancelled"}


def stored_name(form: str) -> str:
    """The workspace name of a form's first print (sealed like every dossier file)."""
    return f"forms/mau-{form}.pdf"


class FormNotApplicable(KnownError):
    code = "form_not_applicable"


@dataclass(frozen=True)
class PrintedForm:
    local_ref: str
    form: str
    size: str  # a4 | a5 | 80mm
    pdf: bytes
    reprint: bool
    provisional: bool


def layout_of(size: str) -> str:
    """The CLI's and the config's size name (a4, a5, 80mm) as a layout."""
    try:
        return SIZES[size.lower()]
    except KeyError:
        raise KnownError(
            f"Không có khổ giấy «{size}».", "Chọn một trong: a4, a5, 80mm.", code="form_size_unknown"
        ) from None


def find_dossier(wf: Any, code: str) -> Dossier:
    """A dossier by its local reference or by the portal's dossier code."""
    row = (
        wf.ctx.db.connection()
        .execute("SELECT local_ref FROM dossiers WHERE local_ref = ? OR portal_code = ?", (code, code))
        .fetchone()
    )
    return wf.open(row[0] if row else code)  # an unknown code: the workflow's "not found"


def _events(wf: Any, local_ref: str, kinds: tuple[str, ...]) -> list[tuple[str, str, dict]]:
    rows = wf.ctx.db.connection().execute(
        f"SELECT kind, ts, payload FROM events WHERE dossier_ref = ? AND kind IN ({','.join('?' * len(kinds))})"
        " ORDER BY seq",
        (local_ref, *kinds),
    )
    return [(kind, ts, json.loads(payload)) for kind, ts, payload in rows]


def printed_before(wf: Any, local_ref: str, form: str, provisional: bool) -> bool:
    """Whether this document was printed already: for Mẫu 02 / 03, since the officer last asked
    for a supplement or refused (a new request is a new document, not a reprint)."""
    issuing = _ISSUING_EVENT.get(form, "")
    printed = False
    for kind, _ts, payload in _events(wf, local_ref, ("receipt_printed", "form_printed", issuing)):
        same = bool(payload.get("provisional", False)) == provisional
        if kind == issuing:
            printed = False
        elif kind == "receipt_printed":
            printed = printed or (form == "01" and same)
        elif payload.get("form") == form and (form != "01" or same):
            printed = True
    return printed


def _submission(wf: Any, dossier: Dossier, services: Any) -> tuple[Any, Any]:
    """The outbox's submission and, once the dossier is filed, the portal's answer."""
    outbox = getattr(services, "outbox", None) if services is not None else None
    if outbox is None:
        ctx = wf.ctx
        outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
    job = outbox.latest_for(dossier.local_ref)
    if job is None:
        return None, None
    return outbox.request_of(job), job.result if dossier.state in FILED_STATES else None


def _issue(wf: Any, dossier: Dossier, form: str) -> tuple[str, dt.datetime | None]:
    """Mẫu 02 / 03: the officer's reason and when it was given (the form's date)."""
    kind = _ISSUING_EVENT.get(form)
    if kind is None:
        return "", None
    found = _events(wf, dossier.local_ref, (kind,))
    if not found:
        return "", None
    _kind, ts, payload = found[-1]
    return str(payload.get("reason", "")), clock.local(dt.datetime.fromisoformat(ts))


def print_form(
    wf: Any, dossier: Dossier, form: str = "01", size: str = "a4", *, services: Any = None
) -> PrintedForm:
    """Form `form` for `dossier` at `size` (a4, a5, 80mm): recorded when first printed, marked
    and logged as a reprint after."""
    if form not in ALLOWED:
        raise KnownError(f"Không có mẫu «{form}».", "Chọn một trong: 01, 02, 03, 06.", code="form_unknown")
    layout = layout_of(size)
    if dossier.state not in ALLOWED[form]:
        raise FormNotApplicable(
            f"Hồ sơ {dossier.local_ref} đang ở trạng thái «{state_label(dossier.state)}»: không lập được "
            f"{FORM_NAMES[form]} (Mẫu {form}).",
            "Mẫu 01 và 06 dành cho hồ sơ đã nộp; Mẫu 02 cho hồ sơ chờ bổ sung; Mẫu 03 cho hồ sơ đã từ chối (hủy).",
        )
    request, result = _submission(wf, dossier, services) if form in ("01", "06") else (None, None)
    provisional = form == "01" and result is None and not dossier.portal_code
    reprint = printed_before(wf, dossier.local_ref, form, provisional)
    reason, issued_at = _issue(wf, dossier, form)
    now = clock.now()
    data = form_data(
        wf,
        dossier,
        request=request,
        result=result,
        reason=reason,
        issued_at=issued_at,
        printed_at=now if reprint or provisional else None,
        reprint=reprint,
    )
    pdf = render_form(form, data, layout)
    if form == "01" and not reprint:
        # Handed over as the file the caller writes (`counter-app receipt --out`).
        wf.record_receipt(dossier, pdf, output="file")
    else:
        if not reprint:
            wf.ctx.workspace.write(dossier.local_ref, stored_name(form), pdf)
        wf.ctx.events.append(
            "form_printed",
            dossier_ref=dossier.local_ref,
            payload={"form": form, "reprint": reprint, "size": size.lower(), "provisional": provisional},
        )
    return PrintedForm(dossier.local_ref, form, size.lower(), pdf, reprint, provisional)
