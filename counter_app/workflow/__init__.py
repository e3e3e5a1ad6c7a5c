"""The intake workflow: a passive state machine over one dossier, persisted at every step.

    draft → citizen_identified → procedure_chosen → components_captured → pdfs_built → signed
          → queued → filed → receipt_printed;      plus needs_supplement and cancelled.

The workflow never talks to a device, a token or the network and never shows anything: the
window (or `counter-app intake --headless`) does the work and tells the workflow what happened;
the workflow checks the move is allowed, stores it and writes the events the KPI figures come
from. Every call is one SQLite transaction (rows and events together) and reloads the dossier,
so after a crash, a power cut or a restart `open(local_ref)` gives back exactly the state and
every page that was stored. A page image is written (sealed, fsynced) to the workspace before
its row is recorded; a page file whose row never made it is adopted again by `open()`.

API (all methods take and update the `Dossier` in place, and raise `WorkflowError`, a known
error, for a move the current state does not allow)::

    wf = Workflow(ctx)                                   # ctx = AppContext.open()
    d = wf.start(channel=Channel.IN_PERSON)              # draft; dossier_created + status_changed
    wf.identify(d, citizen_id, method="qr_camera", civil_servant=False)
    wf.identify_applicant(d, applicant, representative=rep, method="manual")   # any kind (counter_app.applicant)
    wf.applicant_of(d); wf.representative_of(d)
    wf.earlier_dossiers(d)                               # returning citizen: list of DossierSummary
    wf.choose_procedure(d, "1.001193")                   # components created from the catalog
    wf.reusable_components(d)                            # signed components of earlier dossiers
    wf.reuse_component(d, "giay_chung_nhan_ket_hon", reusable.component_id)
    wf.add_page(d, "to_khai_khai_sinh", png_bytes, PageMeta(2480, 3508, 300, "color"))
    wf.remove_page(d, "to_khai_khai_sinh", seq=2); wf.page_image(d, page)
    wf.insert_page(d, key, png_bytes, meta, before_seq=3)   # a page the feeder skipped
    wf.replace_page(d, key, seq, turned_bytes, meta)        # rotate / re-scan, same place
    wf.reorder_pages(d, key, [3, 1, 2])                     # pages keep their files; one transaction
    wf.move_page(d, key, seq, other_key, position=0)        # filed under the wrong paper; both rebuilt
    wf.mark_not_provided(d, key); wf.mark_original_seen(d, key)
    wf.complete_capture(d)                               # components_captured
    wf.attach_pdf(d, key, pdf_bytes, duration_ms=...)    # per captured component
    wf.complete_pdfs(d)                                  # pdfs_built
    wf.attach_signed(d, key, signed_pdf_bytes)           # per component
    wf.complete_signing(d, level="B-B", signer="…", duration_ms=...)   # signed
    wf.record_fee_paid(d, amount, "cash" | "online" | ...)
    wf.queue(d, enqueue=lambda conn: outbox.enqueue_in(conn, ref, request),   # job + queued: one commit
             return_method="at_counter")
    # filed: by the outbox, in the transaction that records the portal's answer (record_sent);
    wf.record_filed(d, portal_code, appointment_date)    # the same for an answer got another way
    wf.store_receipt(d, receipt_pdf_bytes)               # kept sealed; shown is not printed
    wf.record_receipt(d, pdf, output="printer" | "file") # receipt_printed once printed or saved
    wf.record_account(d, info.to_dict()); wf.require_account(d)   # filing needs the account settled
    wf.record_guided(d, "vneid"); wf.request_supplement(d, reason); wf.resume_capture(d)
    wf.cancel(d, reason)
    wf.open(local_ref)      # after a restart: adopts leftover pages
    wf.today(); wf.citizen_of(d); wf.procedure_of(d); wf.read_file(d, name)

Each state change writes `status_changed` with the time spent in the state it leaves; each step
writes its own event (EVENT_KINDS in counter_app.events) with the time since the state began
unless the caller measured the step itself (`duration_ms`). No event carries personal data.
"""

from __future__ import annotations

from counter_app.dossier import EDITABLE_STATES, Dossier
from counter_app.workflow.applicants import ApplicantSteps
from counter_app.workflow.base import IDENTIFY_METHODS, WorkflowBase
from counter_app.workflow.capture import CaptureSteps, page_name
from counter_app.workflow.filing import FilingSteps
from counter_app.workflow.page_order import PageOrderSteps


class Workflow(ApplicantSteps, PageOrderSteps, CaptureSteps, FilingSteps, WorkflowBase):
    """The whole intake workflow over one application context (see the module docstring)."""

    def open(self, local_ref: str) -> Dossier:
        """The dossier as stored, with the pages whose file reached the disk but not the database
        adopted. A queued dossier the portal accepted meanwhile is already `filed`: the outbox
        records the answer and files the dossier in one transaction, whichever process sent it."""
        dossier = self.repo.load(local_ref)
        if dossier.state in EDITABLE_STATES:
            self._adopt_orphan_pages(dossier)
        return dossier


__all__ = ["IDENTIFY_METHODS", "Workflow", "page_name"]
