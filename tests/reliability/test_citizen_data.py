"""Finding 7 (citizen data) of issue 21: impossible dates and ID digits that contradict the card
stop a headless intake (exit 2, a known error, nothing filed); control characters, bidi overrides
and overlong fields are refused in names and addresses, whatever the route."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
import qrcode

from counter_app.citizen import parse_citizen_payload
from counter_app.citizen_checks import CitizenTextError, CitizenUnconfirmedError, check_for_intake
from counter_app.intake.service import IntakeService
from tests import hostile
from tests.reliability import input_fixtures
from tests.synthetic_idcard import synthetic_citizen

ADDRESS = "Số 12, Ấp Tân Hòa, Xã Phú Mỹ, Huyện Tân Phước, Tiền Giang"
GOOD = f"089202017098|352576714|Lê Văn Lương|23052002|Nam|{ADDRESS}|31122021"
# Born 31/02 (no such day), issued 45/13/2021, and a 4th digit (3: female, 2000s) against "Nam".
IMPOSSIBLE = f"089302017098|352576714|Lê Văn Lương|31022002|Nam|{ADDRESS}|45132021"

# Fixtures shared by the bad-input tests (a module of their own: no conftest.py to share here).
cli = input_fixtures.cli


def qr_png(tmp_path: Path, payload: str) -> Path:
    path = tmp_path / "cccd.png"
    qrcode.make(payload, border=6, box_size=8).save(path)
    return path


@pytest.mark.parametrize(
    "name",
    ["Lê Văn\x1bLương", "Lê Văn\r\nLương", "Lê Văn\u202eLương", "Lê\tVăn Lương", "Lê Văn Lương" * 200],
    ids=["esc", "crlf", "rlo", "tab", "2500-chars"],
)
def test_control_bidi_and_overlong_names_are_refused(name: str) -> None:
    with pytest.raises(CitizenTextError):
        parse_citizen_payload(GOOD.replace("Lê Văn Lương", name))


def test_a_bidi_override_in_the_address_is_refused() -> None:
    with pytest.raises(CitizenTextError):
        parse_citizen_payload(GOOD.replace("Ấp Tân Hòa", "Ấp \u202eaòH nâT"))


def test_noise_around_a_payload_is_still_tolerated() -> None:
    assert parse_citizen_payload(f"\x00{GOOD}\r\n\x1b").full_name == "Lê Văn Lương"


def test_decode_id_refuses_an_esc_in_the_name(cli, tmp_path: Path) -> None:
    path = qr_png(tmp_path, GOOD.replace("Lê Văn Lương", "Lê Văn\x1b[31mLương"))
    run = cli("decode-id", "--no-mrz", str(path))
    assert run.rc == 2
    assert run.lines[0]["error"]["code"] == "citizen_text_invalid"


def test_the_impossible_card_is_read_with_its_warnings() -> None:
    codes = {w.code for w in parse_citizen_payload(IMPOSSIBLE).warnings}
    assert {"birth_date_invalid", "issue_date_invalid", "id_sex_mismatch"} <= codes


def test_a_headless_intake_with_an_impossible_card_stops_before_anything_is_filed(
    cli, tmp_path: Path
) -> None:
    card = qr_png(tmp_path, IMPOSSIBLE)
    page = hostile.write(tmp_path, "page.png", hostile.page_image_png())
    run = cli(
        "intake", "--headless", "--id-image", str(card), "--procedure", "1.001193",
        "--component", f"to_khai_khai_sinh={page}", "--portal", "http://127.0.0.1:9/",
    )  # fmt: skip
    assert run.rc == 2, run.stderr
    assert run.error is not None and run.error["code"] == "citizen_needs_confirmation"
    assert "Ngày sinh" in run.error["message"]
    assert run.lines == []
    receipts = tmp_path / "data" / "receipts"
    assert not receipts.exists() or not any(receipts.iterdir())


def test_the_service_refuses_until_the_officer_confirms(ctx) -> None:
    citizen = parse_citizen_payload(IMPOSSIBLE)
    with IntakeService(ctx) as service:
        with pytest.raises(CitizenUnconfirmedError) as refused:
            service.identify(None, citizen, method="qr_image")
        assert {w.code for w in refused.value.warnings} >= {"birth_date_invalid", "id_sex_mismatch"}
        found = service.identify(None, citizen, method="qr_image", confirmed=True)
        assert found.dossier.citizen is not None


def test_confirmation_never_lets_bad_text_through() -> None:
    citizen = replace(synthetic_citizen(random.Random(5)), full_name="Nguyễn\u202eVăn A")
    with pytest.raises(CitizenTextError):
        check_for_intake(citizen, confirmed=True)
