"""The chip read from the identification step (F6) through pcscd, the vpcd virtual reader and
pyscard; the card is emulated (tests/virtual_emrtd.py says why)."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import Qt

from idchip.access import card_expiry
from tests.synthetic_idcard import synthetic_citizen
from tests.virtual_emrtd import EmrtdCard, Issuer, PaceOffer, make_card
from ui.tasks import TaskRunner
from ui.widgets.id_capture import IdCaptureWidget


def _widget(qtbot, ctx) -> IdCaptureWidget:
    widget = IdCaptureWidget(ctx, TaskRunner(), autostart_camera=False)
    qtbot.addWidget(widget)
    widget.resize(1200, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _qr_read(widget: IdCaptureWidget, citizen) -> None:
    """The QR gave the citizen (as the camera or handheld reader does): the form is filled."""
    widget._accept(citizen, "qr_reader")


@pytest.mark.parametrize("pace", [None, PaceOffer()], ids=["bac-card", "pace-card"])
def test_f6_reads_the_chip_with_the_estimated_expiry(qtbot, ctx, card_reader, card_issuer, pace):
    """One key press, whichever access the card offers; the method recorded is the same."""
    citizen = synthetic_citizen(random.Random(21))
    expiry = card_expiry(citizen.date_of_birth, citizen.issue_date)
    card = make_card(citizen, card_issuer)
    chip = EmrtdCard(card, pace=pace)
    card_reader.insert(chip)
    card_issuer.write_csca(ctx.paths.data_dir / "csca")
    widget = _widget(qtbot, ctx)
    _qr_read(widget, citizen)
    assert widget.chip.expiry.text() == (f"{expiry:%d/%m/%Y}" if expiry else "không thời hạn")
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    with qtbot.waitSignal(widget.citizen_read, timeout=30_000) as got:
        qtbot.keyClick(widget, Qt.Key.Key_F6)
    read, method = got.args
    assert method == "chip_pa_ok"  # the dossier records that the issuer's signature was checked
    assert chip.pace_runs == (1 if pace else 0)
    assert read.full_name == citizen.full_name and read.id_number == citizen.id_number
    assert not [w for w in read.warnings if w.code == "chip_not_verified"]
    assert "đã xác thực" in widget.chip.status.text()
    assert widget.chip.face.isVisible()


def test_a_forged_chip_is_refused_in_words(qtbot, ctx, card_reader, card_issuer):
    citizen = synthetic_citizen(random.Random(22))
    card = make_card(citizen, Issuer.create("Forged CSCA"))
    card_reader.insert(EmrtdCard(card))
    card_issuer.write_csca(ctx.paths.data_dir / "csca")
    widget = _widget(qtbot, ctx)
    _qr_read(widget, citizen)
    reads = []
    widget.citizen_read.connect(lambda *args: reads.append(args))
    with qtbot.waitSignal(widget.chip.failed, timeout=30_000) as got:
        widget.chip.button.click()
    assert got.args[0].code == "chip_not_authentic"
    assert "không khớp chữ ký" in widget.status.text()
    assert reads == []  # the forged identity never reaches the dossier


def test_without_the_number_it_says_what_is_missing(qtbot, ctx):
    widget = _widget(qtbot, ctx)
    widget.chip.button.click()
    assert "Chưa đủ thông tin để mở chip" in widget.status.text()
