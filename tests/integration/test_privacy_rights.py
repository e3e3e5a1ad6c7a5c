"""A citizen's data exported and erased, and retention purging only what the portal acknowledged.

Real SQLite files, the real data key and workspace, the CLI in-process; the portal's answer is
recorded with `record_filed` as the outbox does (no portal is needed to test what stays on disk).
After an erase the whole data folder is searched for the citizen's name and ID number in every
encoding the plaintext test searches, in the raw bytes and in everything the data key still
opens, and for the exact sealed bytes the citizen's files and record had before.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from common import clock
from counter_app.citizen import parse_citizen_payload
from counter_app.cli import main
from counter_app.context import AppContext
from counter_app.dossier import ComponentStatus, PageMeta
from counter_app.events import iter_events
from counter_app.privacy.purge import RetentionWorker, purge
from counter_app.privacy.retention import RetentionPolicy, purge_schedule
from counter_app.storage.crypto import DecryptionError
from counter_app.supervisor_pin import hash_pin
from counter_app.workflow import Workflow
from tests.integration.test_dossier_plaintext import (
    ID_NUMBER,
    NAME,
    PAYLOAD,
    leaks,
    needles,
)

OTHER = "001201009999||Phạm Văn Khác Người|01012001|Nam|Phường Một, Hà Nội|01012022"
BIRTH = "1.001193"
KEYS = ("to_khai_khai_sinh", "giay_chung_sinh", "giay_chung_nhan_ket_hon")


def page_with_the_name_on_it(citizen) -> bytes:
    """A PNG whose uncompressed text chunk carries the citizen's name and number."""
    import io

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_itxt("Comment", f"{citizen.full_name} {citizen.id_number}")
    buf = io.BytesIO()
    Image.new("RGB", (64, 90), "white").save(buf, "PNG", dpi=(200, 200), pnginfo=info)
    return buf.getvalue()


def intake(wf: Workflow, payload: str, *, filed: bool = True, code: str = "000.00.01.H31-261125-0009"):
    """One dossier taken to `filed` (acknowledged by the portal) or left `queued`."""
    citizen = parse_citizen_payload(payload)
    d = wf.start()
    wf.identify(d, citizen, method="qr_image")
    wf.choose_procedure(d, BIRTH)
    for key in KEYS:
        wf.add_page(d, key, page_with_the_name_on_it(citizen), PageMeta(64, 90, 200, "color"))
    wf.complete_capture(d)
    for c in d.components:
        if c.status is ComponentStatus.CAPTURED:
            wf.attach_pdf(
                d, c.key, f"%PDF-1.7 /Author ({citizen.full_name}) /Subject ({citizen.id_number})".encode()
            )
    wf.complete_pdfs(d)
    for c in d.components:
        if c.status is ComponentStatus.DIGITIZED:
            wf.attach_signed(d, c.key, f"%PDF-1.7 signed for {citizen.full_name}".encode())
    wf.complete_signing(d, level="B-B", signer="Cán bộ Demo")
    wf.queue(d, job_id=None, idempotency_key=f"idem-{d.local_ref}")
    if filed:
        wf.record_filed(d, code, "2026-11-26")
        wf.record_receipt(
            d, f"%PDF receipt {citizen.full_name} {citizen.id_number}".encode(), output="printer"
        )
    return d


def run(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out.splitlines()[-1]) if out.strip() else {}), err


def kpi_lines(capsys) -> list[str]:
    assert main(["kpi", "--by", "day", "--from", "2000-01-01", "--to", "2100-12-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(json.loads(line)["received"] for line in lines)  # not vacuous
    return lines


def every_opened_plaintext(ctx: AppContext) -> list[bytes]:
    """Everything the data key still opens: workspace files and sealed rows."""
    seen = [ctx.workspace.read(ref, name) for ref in _refs(ctx) for name in ctx.workspace.names(ref)]
    conn = ctx.db.connection()
    for row in conn.execute("SELECT id_tag, payload_enc FROM citizens"):
        seen.append(ctx.data_key.open(bytes(row["payload_enc"]), f"citizens:{row['id_tag']}"))
    for row in conn.execute("SELECT idempotency_key, payload FROM outbox_jobs"):
        if row["payload"].startswith("sealed:"):
            import base64

            blob = base64.b64decode(row["payload"][len("sealed:") :])
            try:
                seen.append(ctx.data_key.open(blob, f"outbox:{row['idempotency_key']}"))
            except DecryptionError:
                seen.append(blob)
        else:
            seen.append(row["payload"].encode())
    return seen


def _refs(ctx: AppContext) -> list[str]:
    root = ctx.workspace.root
    return sorted(p.name for p in root.iterdir()) if root.is_dir() else []


def all_bytes(root: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def test_erase_leaves_no_trace_of_the_citizen_but_keeps_kpi_and_audit(isolated_dirs, capsys):
    ctx = AppContext.open()
    wf = Workflow(ctx)
    mine = intake(wf, PAYLOAD)
    second = intake(wf, PAYLOAD, code="000.00.01.H31-261125-0010")
    other = intake(wf, OTHER, code="000.00.01.H31-261125-0011")
    sealed_before = [
        p.read_bytes()
        for ref in (mine.local_ref, second.local_ref)
        for p in ctx.workspace.folder(ref).rglob("*.enc")
    ]
    sealed_before.append(
        bytes(
            ctx.db.connection()
            .execute("SELECT payload_enc FROM citizens WHERE id = ?", (mine.citizen.id,))
            .fetchone()[0]
        )
    )
    # Not vacuous: before the erase the search finds the citizen in what the key opens.
    assert any(NAME.encode() in blob for blob in every_opened_plaintext(ctx))
    kpi_before = kpi_lines(capsys)
    ctx.close()

    code, out, err = run(capsys, "privacy", "erase", "--citizen", ID_NUMBER)
    assert code == 0, err
    assert out["dossiers"] == 2 and out["files"] >= 14 and out["bytes"] > 0

    ctx = AppContext.open()
    try:
        assert leaks(isolated_dirs) == []
        opened = every_opened_plaintext(ctx)
        for label, needle in needles().items():
            assert not any(needle in blob for blob in opened), label
        assert Workflow(ctx).repo.find_citizen(ID_NUMBER) is None
        assert not ctx.workspace.folder(mine.local_ref).exists()
        assert ctx.workspace.names(other.local_ref)  # the other citizen keeps theirs
        assert (
            Workflow(ctx).citizen_of(Workflow(ctx).open(other.local_ref)).full_name == "Phạm Văn Khác Người"
        )
        erased = [e for e in iter_events(ctx.db, kinds=("citizen_erased",))]
        assert erased[-1].payload["dossiers"] == [mine.local_ref, second.local_ref]
        assert ID_NUMBER not in json.dumps(erased[-1].payload)
    finally:
        ctx.close()
    everything = all_bytes(isolated_dirs)
    assert not [i for i, blob in enumerate(sealed_before) if blob in everything]
    code, audit, _ = run(capsys, "audit", "verify")
    assert code == 0 and audit["ok"] is True
    assert kpi_lines(capsys) == kpi_before


def test_erase_refuses_a_dossier_still_on_its_way(isolated_dirs, capsys):
    ctx = AppContext.open()
    queued = intake(Workflow(ctx), PAYLOAD, filed=False)
    ctx.close()
    code, _, err = run(capsys, "privacy", "erase", "--citizen", ID_NUMBER)
    assert code == 2 and json.loads(err)["error"]["code"] == "privacy_dossier_in_flight"
    assert queued.local_ref in json.loads(err)["error"]["message"]


def test_export_holds_every_file_and_the_citizens_data(isolated_dirs, tmp_path, capsys):
    ctx = AppContext.open()
    wf = Workflow(ctx)
    dossiers = [intake(wf, PAYLOAD), intake(wf, PAYLOAD, filed=False)]
    intake(wf, OTHER)
    expected = {
        f"{d.local_ref}/{n}": ctx.workspace.read(d.local_ref, n)
        for d in dossiers
        for n in ctx.workspace.names(d.local_ref)
    }
    ctx.close()

    out_zip = tmp_path / "xuat.zip"
    code, out, err = run(capsys, "privacy", "export", "--citizen", ID_NUMBER, "--out", str(out_zip))
    assert code == 0, err
    assert out == {"dossiers": 2, "files": len(expected), "bytes": out_zip.stat().st_size}
    with zipfile.ZipFile(out_zip) as archive:
        names = set(archive.namelist())
        assert names == set(expected) | {"citizen.json"}
        for name, data in expected.items():
            assert archive.read(name) == data
        record = json.loads(archive.read("citizen.json"))
    assert record["citizen"]["id_number"] == ID_NUMBER and record["citizen"]["full_name"] == NAME
    assert [d["local_ref"] for d in record["dossiers"]] == [d.local_ref for d in dossiers]
    assert record["dossiers"][0]["portal_code"] == "000.00.01.H31-261125-0009"
    assert any(e["what"] == "dossier_created" for e in record["dossiers"][0]["events"])
    ctx = AppContext.open()
    try:
        exported = list(iter_events(ctx.db, kinds=("citizen_exported",)))
        assert exported[-1].payload["dossiers"] == [d.local_ref for d in dossiers]
    finally:
        ctx.close()


def test_export_and_erase_need_the_supervisor_pin_where_one_is_set(
    isolated_dirs, tmp_path, capsys, monkeypatch
):
    machine = isolated_dirs / "machine" / "config.toml"
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text(f'[office]\nsupervisor_pin = "{hash_pin("482913")}"\n', encoding="utf-8")
    ctx = AppContext.open()
    intake(Workflow(ctx), PAYLOAD)
    ctx.close()
    out_zip = tmp_path / "x.zip"
    for extra, expected in (
        ([], "supervisor_pin_required"),
        (["--supervisor-pin", "111111"], "supervisor_pin_wrong"),
    ):
        code, _, err = run(capsys, "privacy", "export", "--citizen", ID_NUMBER, "--out", str(out_zip), *extra)
        assert code == 2 and json.loads(err)["error"]["code"] == expected
        code, _, err = run(capsys, "privacy", "erase", "--citizen", ID_NUMBER, *extra)
        assert code == 2 and json.loads(err)["error"]["code"] == expected
    assert not out_zip.exists()
    code, out, _ = run(
        capsys,
        "privacy",
        "export",
        "--citizen",
        ID_NUMBER,
        "--out",
        str(out_zip),
        "--supervisor-pin",
        "482913",
    )
    assert code == 0 and out["dossiers"] == 1
    monkeypatch.setenv("PRIVACY_TEST_PIN", "482913")  # a script keeps the PIN out of the process list
    code, out, _ = run(
        capsys, "privacy", "erase", "--citizen", ID_NUMBER, "--supervisor-pin-env", "PRIVACY_TEST_PIN"
    )
    assert code == 0 and out["dossiers"] == 1
    ctx = AppContext.open()
    try:
        kinds = [
            (e.kind, e.payload.get("authorised_by"))
            for e in iter_events(ctx.db, kinds=("citizen_exported", "citizen_erased"))
        ]
        assert kinds == [("citizen_exported", "pin"), ("citizen_erased", "pin")]
    finally:
        ctx.close()


DAY0 = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # 10:00 in Hà Nội


def at(days: int) -> clock.OfficeClock:
    return clock.fixed(DAY0 + timedelta(days=days))


def test_purge_respects_acknowledgement_and_periods(isolated_dirs, capsys):
    machine = isolated_dirs / "machine" / "config.toml"
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text(
        '[privacy]\nretention_days = 30\n[privacy.retention_by_procedure]\n"1.001193" = 60\n',
        encoding="utf-8",
    )
    # A user file cannot shorten or lengthen what IT set.
    with clock.use(at(0)):
        ctx = AppContext.open()
        user_path = ctx.paths.user_config
        user_path.parent.mkdir(parents=True, exist_ok=True)
        user_path.write_text("[privacy]\nretention_days = 1\n", encoding="utf-8")
        ctx.close()
        ctx = AppContext.open()
        assert (
            ctx.config.get("privacy.retention_days") == 30 and "privacy.retention_days" in ctx.config.locked
        )
        wf = Workflow(ctx)
        filed = intake(wf, PAYLOAD)
        waiting = intake(wf, OTHER, filed=False)
        cancelled = wf.start()
        wf.identify(cancelled, parse_citizen_payload(OTHER), method="manual")
        wf.cancel(cancelled, "công dân rút hồ sơ")
    policy = RetentionPolicy.from_config(ctx.config)
    schedule = {s.local_ref: s for s in purge_schedule(ctx.db, policy)}
    assert schedule[filed.local_ref].purge_on == DAY0.date() + timedelta(
        days=60
    )  # the procedure's own period
    assert schedule[cancelled.local_ref].purge_on == DAY0.date() + timedelta(days=30)
    assert schedule[waiting.local_ref].purge_on is None

    kpi_before = kpi_lines(capsys)
    with clock.use(at(29)):
        assert purge(ctx).dossiers == 0
    with clock.use(at(30)):
        assert purge(ctx, dry_run=True).dossiers == 1
        assert purge(ctx).as_dict()["dossiers"] == 1  # the cancelled one
    with clock.use(at(59)):
        assert purge(ctx).dossiers == 0
        code, out, _ = run(capsys, "privacy", "purge", "--dry-run")
        assert code == 0 and out == {"dossiers": 0, "files": 0, "bytes": 0}
    with clock.use(at(60)):
        code, dry, _ = run(capsys, "privacy", "purge", "--dry-run")
        assert code == 0 and dry["dossiers"] == 1 and dry["files"] >= 7
        assert ctx.workspace.names(filed.local_ref)  # a dry run removes nothing
        code, out, _ = run(capsys, "privacy", "purge")
        assert out == dry
    assert not ctx.workspace.folder(filed.local_ref).exists()
    assert Workflow(ctx).repo.find_citizen(ID_NUMBER) is None
    with clock.use(at(5000)):
        assert purge(ctx).dossiers == 0  # never: the portal has not acknowledged it
        assert ctx.workspace.names(waiting.local_ref)
        # The waiting dossier's citizen keeps the record it still needs.
        assert (
            Workflow(ctx).citizen_of(Workflow(ctx).open(waiting.local_ref)).full_name == "Phạm Văn Khác Người"
        )
    assert kpi_lines(capsys) == kpi_before
    purged = [e.dossier_ref for e in iter_events(ctx.db, kinds=("dossier_purged",))]
    assert purged == [cancelled.local_ref, filed.local_ref]
    ctx.close()
    code, audit, _ = run(capsys, "audit", "verify")
    assert audit["ok"] is True


def test_the_worker_purges_at_start_and_once_each_office_day(isolated_dirs):
    machine = isolated_dirs / "machine" / "config.toml"
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text("[privacy]\nretention_days = 0\n", encoding="utf-8")
    with clock.use(at(0)):
        ctx = AppContext.open()
        wf = Workflow(ctx)
        first = intake(wf, PAYLOAD)
        worker = RetentionWorker(ctx)
        assert worker.run_once().dossiers == 1  # at start
        assert not ctx.workspace.folder(first.local_ref).exists()
        intake(wf, OTHER)
        assert worker.run_once() is None  # the same office day: not again
    with clock.use(at(1)):
        assert worker.run_once().dossiers == 1
    ctx.close()


def test_purged_dossier_keeps_its_pseudonymous_row(isolated_dirs):
    machine = isolated_dirs / "machine" / "config.toml"
    machine.parent.mkdir(parents=True, exist_ok=True)
    machine.write_text("[privacy]\nretention_days = 0\n", encoding="utf-8")
    ctx = AppContext.open()
    d = intake(Workflow(ctx), PAYLOAD)
    purge(ctx)
    conn = sqlite3.connect(ctx.paths.database)
    row = conn.execute(
        "SELECT portal_code, procedure_code, citizen_id, state FROM dossiers WHERE local_ref = ?",
        (d.local_ref,),
    ).fetchone()
    conn.close()
    assert row == ("000.00.01.H31-261125-0009", BIRTH, None, "receipt_printed")
    wf = Workflow(ctx)
    with pytest.raises(Exception) as caught:
        wf.citizen_of(wf.open(d.local_ref))
    assert getattr(caught.value, "code", "") == "dossier_purged"
    assert all(c.pages == [] and c.signed_name is None for c in wf.open(d.local_ref).components)
    ctx.close()


@pytest.mark.parametrize("verb", ["purge"])
def test_purge_on_an_empty_folder_prints_zeros(isolated_dirs, capsys, verb):
    code, out, _ = run(capsys, "privacy", verb)
    assert code == 0 and out == {"dossiers": 0, "files": 0, "bytes": 0}


def test_viewing_and_reprinting_are_in_the_access_log_and_the_audit_chain(isolated_dirs, capsys):
    from counter_app.forms.printing import print_form
    from counter_app.intake.service import IntakeService
    from counter_app.privacy.access import access_log

    ctx = AppContext.open()
    d = intake(Workflow(ctx), PAYLOAD)
    with IntakeService(ctx) as service:
        service.open(d.local_ref)  # the intake's own reloads are not an access
        service.view(d.local_ref)
    print_form(Workflow(ctx), Workflow(ctx).open(d.local_ref), "01")  # Mẫu 01 again: a reprint
    entries = access_log(ctx.db)
    assert [(e.label, e.dossiers, e.officer) for e in entries] == [
        ("In lại phiếu", (d.local_ref,), "demo"),
        ("Xem hồ sơ", (d.local_ref,), "demo"),
    ]
    assert entries[0].when.date() == clock.today()
    ctx.close()
    code, audit, _ = run(capsys, "audit", "verify")
    assert code == 0 and audit["ok"] is True
