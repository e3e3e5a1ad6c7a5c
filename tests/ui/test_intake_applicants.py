"""Every kind of applicant through the window (issue #25): an individual, an organisation, a state
agency and a foreigner, each with and without a representative where the kind allows it, goes
from the citizen step to a filed dossier and a saved receipt that names who it is for and who
brought it; a wrong tax code and a wrong passport MRZ are refused in words.

Real peers only: the window's intake section, the SQLite database of a per-test data folder, page
files rendered by tests/synthetic.py imported through «Nhập từ tệp…», the PDF builder, the demo
signing keystore, the outbox worker filing to the sandbox portal over loopback (its own listing
says what it stored), and the receipt read back with pdftotext. The organisations, agencies and
passports are the synthetic ones of tests/synthetic_applicants.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from counter_app.applicant import ApplicantKind, RepresentativeRole
from counter_app.context import AppContext
from counter_app.dossier import DossierState
from counter_app.services import BackgroundServices
from tests.synthetic_applicants import AGENCY, ORGANISATION, PASSPORT, tax_code, wrong_check_digit
from tests.ui.intake_driver import STEP_MS, Officer
from tests.ui.test_intake_flow import open_section, sign_with_demo_keystore, speed_up
from tests.ui.test_intake_real_peers import stored_at_portal, submitted_events, text_of
from ui.intake import IntakeSection
from ui.intake.guidance_link import guidance_step

S = DossierState
K = ApplicantKind
R = RepresentativeRole
COPY_CERTIFICATION = "2.000908"  # Chứng thực bản sao từ bản chính: every kind of applicant may file it
BIRTH = "1.001193"  # an individual's only
REPRESENTATIVE = {  # the synthetic person at the counter, typed as on the card
    "id_number": "001203004567",
    "full_name": "Nguyễn Văn An",
    "birth": "15/04/2003",
    "sex": "Nam",
    "address": "Số 1 phố Mẫu, phường Thử Nghiệm, Hà Nội",
    "issue": "01/05/2021",
}
REPRESENTED = {  # an individual someone files for (e.g. an elderly parent)
    "id_number": "001152000123",
    "full_name": "Trần Thị Bình",
    "birth": "02/09/1952",
    "sex": "Nữ",
    "address": "Số 3 ngõ Thử, phường Mẫu, Hà Nội",
    "issue": "10/10/2021",
}


@pytest.fixture
def services(ctx: AppContext) -> Iterator[BackgroundServices]:
    """Demo mode: the outbox worker filing to the sandbox started on loopback; the demo keystore signs."""
    speed_up(ctx)
    running = BackgroundServices(ctx).start()
    assert not running.errors, running.errors
    yield running
    running.stop()


def type_card(form, person: dict[str, str]) -> None:
    """The card's fields typed into an ID form (QTest types ASCII only; insert() is what typing does)."""
    QTest.keyClicks(form.id_number, person["id_number"])
    form.full_name.insert(person["full_name"])
    QTest.keyClicks(form.date_of_birth, person["birth"])
    form.sex.setCurrentText(person["sex"])
    form.address.insert(person["address"])
    QTest.keyClicks(form.issue_date, person["issue"])


def choose_kind(
    qtbot, section: IntakeSection, kind: ApplicantKind, represented: bool, role: R | None
) -> None:
    """Alt+P to the kind, ↓ to the one wanted; Alt+T ticks «Người nộp thay»; the role chosen."""
    choice = section.citizen.applicant
    qtbot.keyClick(section.citizen.capture.form.id_number, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert choice.kind.hasFocus()
    while choice.current_kind() is not kind:
        qtbot.keyClick(choice.kind, Qt.Key.Key_Down)
    if represented and not choice.proxy.isChecked():
        qtbot.keyClick(choice.kind, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert choice.represented() is represented
    if role is not None:
        choice.role.setCurrentIndex(choice.role.findData(role.value))


def fill_applicant(section: IntakeSection, kind: ApplicantKind, represented: bool) -> None:
    forms = section.citizen.applicant.forms
    if kind is K.ORGANISATION:
        QTest.keyClicks(forms[kind].code, ORGANISATION["tax_code"])
        forms[kind].name.insert(ORGANISATION["name"])
        forms[kind].address.insert(ORGANISATION["address"])
    elif kind is K.AGENCY:
        QTest.keyClicks(forms[kind].code, AGENCY["code"])
        forms[kind].name.insert(AGENCY["name"])
        forms[kind].address.insert(AGENCY["address"])
    elif kind is K.FOREIGNER:
        forms[kind].mrz.insertPlainText("\n".join(PASSPORT))  # pasted, as from the MRZ reader's text
    elif represented:
        type_card(forms[kind].form, REPRESENTED)


def identify(qtbot, section: IntakeSection, kind: ApplicantKind, represented: bool, role: R | None) -> None:
    """The applicant's form first, then the card of the person at the counter (Enter confirms)."""
    choose_kind(qtbot, section, kind, represented, role)
    fill_applicant(section, kind, represented)
    if section.citizen.applicant.needs_card():
        card = section.citizen.capture.form
        type_card(card, REPRESENTATIVE if represented else REPRESENTED)
        qtbot.keyClick(card.issue_date, Qt.Key.Key_Return)
    else:  # a foreigner alone: Enter after the zone's second line
        qtbot.keyClick(section.citizen.applicant.forms[kind].mrz, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: section.dossier is not None and section.dossier.state is S.CITIZEN_IDENTIFIED, timeout=STEP_MS
    )
    qtbot.waitUntil(lambda: not section.busy, timeout=STEP_MS)
    assert section.strip.error.isHidden(), section.strip.error.text()


def expected_on_receipt(kind: ApplicantKind, represented: bool) -> list[str]:
    words = {
        K.ORGANISATION: [ORGANISATION["name"], ORGANISATION["tax_code"]],
        K.AGENCY: [AGENCY["name"], AGENCY["code"]],
        K.FOREIGNER: ["TESUTO HANAKO", "X9912345"],
        K.INDIVIDUAL: [REPRESENTED["full_name"], REPRESENTED["id_number"]],
    }[kind]
    if represented:
        words += [REPRESENTATIVE["full_name"], REPRESENTATIVE["id_number"]]
    return words


CASES = [
    (K.INDIVIDUAL, False, None),
    (K.INDIVIDUAL, True, R.GUARDIAN),
    (K.ORGANISATION, True, R.STAFF),
    (K.AGENCY, True, R.AUTHORISED),
    (K.FOREIGNER, False, None),
    (K.FOREIGNER, True, R.AUTHORISED),
]


@pytest.mark.parametrize(("kind", "represented", "role"), CASES, ids=lambda v: getattr(v, "value", str(v)))
def test_each_applicant_kind_is_filed_once_with_its_receipt(
    qtbot, ctx, services, tmp_path, kind, represented, role
) -> None:
    section = open_section(qtbot, ctx, lambda: services)
    officer = Officer(section, lambda condition, ms: qtbot.waitUntil(lambda: bool(condition()), timeout=ms))
    identify(qtbot, section, kind, represented, role)
    dossier = section.dossier
    assert dossier.applicant_kind is kind
    assert dossier.representative_role is role
    qtbot.waitUntil(lambda: not section.citizen.citizen_loading, timeout=STEP_MS)
    for word in expected_on_receipt(kind, represented)[:1]:
        assert word in section.citizen.summary.text()

    officer.choose_procedure("chung thuc ban sao tu ban chinh", COPY_CERTIFICATION)
    shown = section.procedure.details.text()  # the list the officer read before choosing
    assert ("Văn bản ủy quyền" in shown) is (role is R.AUTHORISED)
    required = [c.key for c in section.dossier.components if c.required]
    # Someone authorised brings the authorisation: a component to scan like any other.
    assert ("van_ban_uy_quyen" in required) is (role is R.AUTHORISED)
    officer.import_every_required(tmp_path)
    officer.build_pdfs()
    sign_with_demo_keystore(qtbot, section)
    qtbot.waitUntil(lambda: bool(section.submit.applicant_line.text()), timeout=STEP_MS)
    for word in expected_on_receipt(kind, represented)[::2]:  # the names: the review before filing
        assert word in section.submit.applicant_line.text()
    officer.file()
    officer.await_receipt()
    receipt = tmp_path / "phieu.pdf"
    officer.save_receipt(receipt)
    assert section.dossier.state is S.RECEIPT_PRINTED
    text = " ".join(text_of(receipt).split())
    for word in expected_on_receipt(kind, represented):
        assert word in text, (word, text)
    assert section.dossier.portal_code in text
    assert ("Văn bản ủy quyền" in text) is (role is R.AUTHORISED)
    # The citizen's screen names the person at the counter; an organisation learns to file alone.
    _step, details, who = guidance_step(section.wf, section.dossier, 0)
    assert who["name"] == (
        REPRESENTATIVE["full_name"] if represented else expected_on_receipt(kind, False)[0]
    )
    assert details.get("represented", False) is represented
    _step, details, _who = guidance_step(section.wf, section.dossier, 4)
    assert details["organisation"] is (kind in (K.ORGANISATION, K.AGENCY))

    local_ref = section.dossier.local_ref
    section.tasks.wait()
    assert services.portal.is_sandbox
    assert len(stored_at_portal(services.portal.url, local_ref)) == 1  # filed exactly once
    assert submitted_events(ctx, local_ref) == 1


def test_the_procedure_list_offers_only_what_the_applicant_may_file(qtbot, ctx, services) -> None:
    section = open_section(qtbot, ctx, lambda: services)
    identify(qtbot, section, K.ORGANISATION, True, R.STAFF)
    page = section.procedure
    qtbot.waitUntil(lambda: section.stack.currentWidget() is page, timeout=STEP_MS)
    QTest.keyClicks(page.search, "dang ky khai sinh")
    codes = [page.results.item(r).data(Qt.ItemDataRole.UserRole) for r in range(page.results.count())]
    assert BIRTH not in codes
    assert page.kind_note.isVisible() and "tổ chức, doanh nghiệp" in page.kind_note.text()
    page.search.clear()
    QTest.keyClicks(page.search, "chung thuc ban sao")
    assert page.results.item(0).data(Qt.ItemDataRole.UserRole) == COPY_CERTIFICATION
    section.tasks.wait()


def test_a_wrong_tax_code_is_refused_in_words(qtbot, ctx) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    choose_kind(qtbot, section, K.ORGANISATION, True, R.STAFF)
    form = section.citizen.applicant.forms[K.ORGANISATION]
    QTest.keyClicks(form.code, wrong_check_digit(tax_code("010990001")))
    # Said as it is typed, under the field: the 10th digit is the check digit.
    assert form.code_note.isVisible() and "sai chữ số kiểm tra" in form.code_note.text()
    form.name.insert(ORGANISATION["name"])
    form.address.insert(ORGANISATION["address"])
    type_card(section.citizen.capture.form, REPRESENTATIVE)
    qtbot.keyClick(section.citizen.capture.form.issue_date, Qt.Key.Key_Return)
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert section.dossier is None and not section.busy  # nothing started
    assert "Mã số thuế" in form.code_note.text() and form.code.hasFocus()
    form.code.clear()
    QTest.keyClicks(form.code, "01099")
    form.code.editingFinished.emit()  # the officer leaves a code too short
    assert "không đúng dạng" in form.code_note.text()
    form.code.clear()
    QTest.keyClicks(form.code, ORGANISATION["tax_code"])
    assert "✓" in form.code_note.text()
    section.tasks.wait()


def test_a_wrong_passport_mrz_is_refused_in_words(qtbot, ctx) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    choose_kind(qtbot, section, K.FOREIGNER, False, None)
    assert not section.citizen.capture.isVisible()  # a foreigner alone has no card to read
    form = section.citizen.applicant.forms[K.FOREIGNER]
    line1, line2 = PASSPORT
    broken = line2[:3] + ("8" if line2[3] != "8" else "7") + line2[4:]  # one digit of the number
    form.mrz.insertPlainText(f"{line1}\n{broken}")
    assert "chữ số kiểm tra sai" in form.note.text() and not form.parsed.text()
    qtbot.keyClick(form.mrz, Qt.Key.Key_Return)
    assert section.dossier is None and not section.busy
    form.mrz.clear()
    form.mrz.insertPlainText("P<JPNTESUTO<<HANAKO\nX9912345")
    qtbot.keyClick(form.mrz, Qt.Key.Key_Return)  # too short: a new line, nothing confirmed
    section.citizen.applicant.confirm.click()
    assert "2 dòng" in form.note.text() and section.dossier is None
    form.mrz.clear()
    form.mrz.insertPlainText("\n".join(PASSPORT))
    assert "TESUTO HANAKO" in form.parsed.text() and "JPN" in form.parsed.text()
    section.tasks.wait()


def test_a_representative_card_without_the_applicant_asks_for_the_applicant(qtbot, ctx) -> None:
    """The card read first: the officer is told what is missing, nothing is started."""
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    choose_kind(qtbot, section, K.INDIVIDUAL, True, R.AUTHORISED)
    card = section.citizen.capture.form
    type_card(card, REPRESENTATIVE)
    qtbot.keyClick(card.issue_date, Qt.Key.Key_Return)
    choice = section.citizen.applicant
    assert section.dossier is None and "Nhập thông tin chủ hồ sơ" in choice.hint.text()
    applicant = choice.forms[K.INDIVIDUAL].form
    assert applicant.id_number.hasFocus()
    type_card(applicant, REPRESENTED)  # then Enter: the dossier starts with both
    qtbot.keyClick(applicant.issue_date, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dossier is not None and not section.busy, timeout=STEP_MS)
    assert section.dossier.representative_role is R.AUTHORISED
    assert section.wf.citizen_of(section.dossier).id_number == REPRESENTED["id_number"]
    section.tasks.wait()


def test_a_reopened_dossier_shows_its_applicant_and_representative(qtbot, ctx) -> None:
    speed_up(ctx)
    section = open_section(qtbot, ctx, lambda: None)
    identify(qtbot, section, K.ORGANISATION, True, R.AUTHORISED)
    ref = section.dossier.local_ref
    section.new_dossier()
    choice = section.citizen.applicant
    assert choice.current_kind() is K.INDIVIDUAL and choice.forms[K.ORGANISATION].is_empty()
    section.open_dossier(ref)
    qtbot.waitUntil(lambda: section.dossier is not None and not section.busy, timeout=STEP_MS)
    section.go(0)
    qtbot.waitUntil(lambda: not section.citizen.citizen_loading, timeout=STEP_MS)
    assert choice.current_kind() is K.ORGANISATION and choice.current_role() is R.AUTHORISED
    assert choice.forms[K.ORGANISATION].name.text() == ORGANISATION["name"]
    assert section.citizen.capture.form.full_name.text() == REPRESENTATIVE["full_name"]
    summary = section.citizen.summary.text()
    assert ORGANISATION["name"] in summary and "người được ủy quyền" in summary
    section.tasks.wait()


def test_on_a_narrow_screen_the_applicants_form_goes_under_the_card(qtbot, ctx) -> None:
    """1280×720 at 125 % is 1024 logical pixels: beside the card, both forms were too narrow to read."""
    section = open_section(qtbot, ctx, lambda: None)
    choose_kind(qtbot, section, K.ORGANISATION, True, R.STAFF)
    page, box = section.citizen, section.citizen.applicant.box

    def where() -> str:
        card = page.capture.fields.geometry()
        at = box.mapTo(page, box.rect().topLeft())
        capture = page.capture.mapTo(page, card.topLeft())
        return "beside" if at.x() > capture.x() + card.width() - 1 else "under"

    qtbot.waitUntil(lambda: where() == "beside", timeout=5000)
    section.resize(880, 600)
    qtbot.waitUntil(lambda: where() == "under", timeout=5000)
    section.resize(1280, 800)
    qtbot.waitUntil(lambda: where() == "beside", timeout=5000)
    section.tasks.wait()
