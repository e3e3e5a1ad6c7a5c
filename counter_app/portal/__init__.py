"""Filing online on the citizen's behalf: the portal adapters, and the durable outbox.

No Qt here. The core talks to a portal through a `PortalAdapter` (`adapters.py`, picked by
`portal.adapter`, found through the `mot_cua_so.portal_adapters` entry points; how to write one:
docs/portal-adapters.md): `reference` speaks `docs/portal-api.yaml` (`client.py`, the sandbox
implements it), `opencps` speaks OpenCPS v2 (`opencps.py`, codes mapped by `mapping.py`).
`dvcqg.py` reports to the national portal's one-door sync, including each later status change
of a filed dossier (`progress.py`: outbox jobs of kind `progress`, queued with the change).
`conformance.py` checks any adapter against any server.

How the workflow uses it (the data is `portal_contract.models`, shared with the sandbox)::

    from counter_app.portal.connect import connect_portal
    from counter_app.portal.outbox import Outbox
    from counter_app.portal.worker import OutboxWorker
    from portal_contract.models import Applicant, ComponentUpload, SubmissionRequest

    portal = connect_portal(ctx)            # a PortalAdapter (portal.adapter); starts the in-process sandbox on
                                            # loopback when `portal.url` is empty (demo mode),
                                            # through `counter_app.embedded` (the entry point
                                            # plugs the sandbox in: the core never imports it)
    outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)
    worker = OutboxWorker(outbox, portal.client).start()   # a plain thread; resumes `sending` jobs

    request = SubmissionRequest(
        office_code=ctx.config.get("office.code"),
        local_ref=dossier_ref,
        procedure_code="1.001193",
        applicant=Applicant(id_number="001203004567", full_name="Nguyễn Văn An", address="..."),
        components=(
            # the signed PDF, read at send time from the dossier's encrypted workspace ...
            ComponentUpload(key="to_khai_khai_sinh", name="Tờ khai đăng ký khai sinh",
                            file_name="to_khai.pdf", workspace_name="signed/to_khai.pdf",
                            sha256=hexdigest, size=n, pages=1),   # key = the catalog's key
            # ... or from a plain file
            ComponentUpload(key="giay_chung_sinh", name="Giấy chứng sinh", file_name="gcs.pdf",
                            path="/abs/gcs.pdf"),
        ),
        channel=2, fee=0, payment_method="none",        # none | cash | online | bank_transfer
        return_method="at_counter",                     # at_counter | public_post | online
    )
    job = outbox.enqueue_submission(dossier_ref, request)  # -> OutboxJob (state "queued"),
                                                           #    event `submission_queued`
    job = outbox.wait_settled(job.id, timeout_s=30)        # sent | needs_attention | cancelled
    if job.state == "sent":
        job.portal_code, job.result.appointment_date       # the dossier row is `filed` in the same commit
    # else: provisional receipt with the local reference; the code arrives later
    # (outbox.add_listener(fn) is called on every state change, from the worker thread).

    portal.close()                                          # stops the in-process sandbox if any

The queue for the window / supervisor: `outbox.jobs(states=())` -> [OutboxJob] (`.state`,
`.state_label` in Vietnamese from `outbox.STATE_LABELS`, `.attempts`, `.last_error` =
{"code", "message", "hint"?, "portal_code"?, "field"?}, `.portal_code`, `.next_attempt_at`);
`outbox.retry(job_id, request=None)` (optionally a corrected request) keeps the job's idempotency key;
`outbox.cancel(job_id)`; `worker.wake()` after a retry from another process.

Receipts and the other counter forms: `counter_app.forms.assemble.form_data(wf, dossier,
request=..., result=result_or_None)` then `render_form("01", data, "A4" | "A5" | "thermal80")`;
`counter_app.forms.printing.print_form` does both for a stored dossier and marks reprints.

Accounts (domain.md §5)::

    accounts = AccountService(portal.client, ctx.events)
    info = accounts.check(dossier_ref, id_number)          # AccountInfo(found=...), event account_checked
    info = accounts.create(dossier_ref, AccountRequest(applicant, consent=True))
        # raises AccountCreationUnsupported when the portal cannot: then
    accounts.record_guided(dossier_ref)                     # event citizen_guided {"guided_to": "VNeID"}

Errors are known errors (`counter_app.portal.errors`): PortalUnavailable (portal_down),
PortalTimeout, PortalThrottled (429), PortalRejected (4xx, the portal's own message),
PortalAuthError, PortalTLSError, PortalBadResponse, AccountCreationUnsupported,
ComponentFileError. Every mutating call carries an `Idempotency-Key`; the outbox keeps one key
per job for its whole life, so a crash mid-send never files a dossier twice.

Procedure codes the sandbox knows are listed in `sandbox/catalog.py` (with their required
components and processing days); an unknown code is rejected with the portal's message.
"""
