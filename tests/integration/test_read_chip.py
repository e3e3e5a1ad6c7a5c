"""`counter-app read-chip` against a chip on a real PC/SC stack: pcscd, the vpcd virtual reader
and pyscard, as at a counter; the card itself is emulated (tests/virtual_emrtd.py says why)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.synthetic_idcard import synthetic_citizen
from tests.virtual_emrtd import (
    BRAINPOOL_P256R1,
    MODP_1024_160,
    PACE_DH_GM_AES_128,
    PACE_ECDH_GM_3DES,
    PACE_ECDH_GM_AES_128,
    PACE_ECDH_IM_AES_128,
    SECP256R1,
    EmrtdCard,
    Issuer,
    PaceOffer,
    make_card,
    td1_mrz,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def reader(card_reader):
    return card_reader


@pytest.fixture
def issuer(card_issuer):
    return card_issuer


def read_chip(tmp_path: Path, *args: str) -> tuple[int, dict]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "--data-dir", str(tmp_path / "data"), "read-chip", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )
    assert "Traceback" not in done.stderr, done.stderr
    out = done.stdout.strip() or done.stderr.strip()
    return done.returncode, json.loads(out.splitlines()[-1])


def key_args(card) -> list[str]:
    return [
        "--document-number",
        card.citizen.id_number,
        "--birth",
        card.citizen.date_of_birth.isoformat(),
        "--expiry",
        card.expiry.isoformat() if card.expiry else "none",
    ]


def test_the_chip_gives_the_citizen_signed_by_the_issuer(reader, issuer, tmp_path):
    citizen = synthetic_citizen(random.Random(11))
    card = make_card(citizen, issuer)
    reader.insert(EmrtdCard(card))
    code, out = read_chip(tmp_path, *key_args(card), "--csca", str(issuer.write_csca(tmp_path / "csca")))
    assert code == 0, out
    assert out["ok"] is True and out["passive_auth"] == "ok"
    assert out["id_number"] == citizen.id_number
    assert out["full_name"] == citizen.full_name  # with its diacritics, from DG13
    assert out["date_of_birth"] == citizen.date_of_birth.isoformat()
    assert out["sex"] == citizen.sex
    assert out["address"] == citizen.address
    assert out["issue_date"] == citizen.issue_date.isoformat()
    assert out["expiry_date"] == (card.expiry.isoformat() if card.expiry else None)
    assert out["father_name"] == "Nguyễn Văn Ba" and out["mother_name"] == "Trần Thị Bốn"
    assert out["face_image"] == "image/jpeg"
    assert out["data_groups"] == [1, 2, 13]
    assert out["access"] == "bac"  # this card has no EF.CardAccess: BAC, as every card before PACE


@pytest.mark.parametrize("pace", [None, PaceOffer()], ids=["bac-card", "pace-card"])
def test_the_mrz_lines_open_the_chip_too(reader, issuer, tmp_path, pace):
    card = make_card(synthetic_citizen(random.Random(12)), issuer)
    reader.insert(EmrtdCard(card, pace=pace))
    mrz = td1_mrz(card.citizen, card.expiry)
    code, out = read_chip(tmp_path, "--mrz", mrz[:30], mrz[30:60], mrz[60:], "--csca", str(tmp_path / "none"))
    assert code == 0, out
    assert out["id_number"] == card.citizen.id_number
    assert out["passive_auth"] == "no_csca"  # nothing proven either way, and said so
    assert out["access"] == ("pace" if pace else "bac")


def test_altered_chip_data_fails_passive_authentication(reader, issuer, tmp_path):
    card = make_card(synthetic_citizen(random.Random(13)), issuer, tamper_dg13=True)
    reader.insert(EmrtdCard(card))
    code, out = read_chip(tmp_path, *key_args(card), "--csca", str(issuer.write_csca(tmp_path / "csca")))
    assert code == 2
    assert out["ok"] is False and out["passive_auth"] == "failed"
    assert any("DG13" in reason for reason in out["passive_auth_reasons"])


def test_a_card_from_another_issuer_fails(reader, issuer, tmp_path):
    card = make_card(synthetic_citizen(random.Random(14)), Issuer.create("Forged CSCA"))
    reader.insert(EmrtdCard(card))
    code, out = read_chip(tmp_path, *key_args(card), "--csca", str(issuer.write_csca(tmp_path / "csca")))
    assert code == 2 and out["passive_auth"] == "failed"


def test_wrong_printed_data_does_not_open_the_chip(reader, issuer, tmp_path):
    card = make_card(synthetic_citizen(random.Random(15)), issuer)
    reader.insert(EmrtdCard(card))
    args = key_args(card)
    args[3] = date(1999, 9, 9).isoformat()  # a wrong birth date
    code, out = read_chip(tmp_path, *args)
    assert code == 2 and out["error"]["code"] == "chip_access_denied"
    assert "không khớp" in out["error"]["message"]


def test_no_card_on_the_reader_is_a_known_error(reader, tmp_path):
    reader.remove()
    code, out = read_chip(
        tmp_path,
        "--document-number",
        "001099012345",
        "--birth",
        "1999-01-01",
        "--expiry",
        "2039-01-01",
        "--wait",
        "0.5",
    )
    assert code == 2 and out["error"]["code"] == "chip_no_card"


def test_a_card_lifted_mid_read_is_a_known_error(reader, issuer, tmp_path):
    card = make_card(synthetic_citizen(random.Random(16)), issuer)
    reader.insert(EmrtdCard(card, lifted_after=12))  # BAC done, DG1 read, then gone
    code, out = read_chip(tmp_path, *key_args(card))
    assert code == 2 and out["error"]["code"] == "chip_card_removed"
    assert "nhấc khỏi đầu đọc" in out["error"]["message"]


@pytest.mark.parametrize(
    "offer",
    [
        PaceOffer(PACE_ECDH_GM_AES_128, BRAINPOOL_P256R1),
        PaceOffer(PACE_ECDH_GM_AES_128, SECP256R1),
        PaceOffer(PACE_ECDH_GM_3DES, BRAINPOOL_P256R1),
        PaceOffer(PACE_DH_GM_AES_128, MODP_1024_160),
    ],
    ids=["aes-brainpool", "aes-p256", "3des-brainpool", "dh-aes-modp1024"],
)
def test_a_card_offering_pace_is_opened_with_pace(reader, issuer, tmp_path, offer):
    """The card lists PACE in EF.CardAccess and keeps BAC too: the reader takes PACE."""
    citizen = synthetic_citizen(random.Random(17))
    card = EmrtdCard(make_card(citizen, issuer), pace=offer)
    reader.insert(card)
    code, out = read_chip(tmp_path, *key_args(card.data), "--csca", str(issuer.write_csca(tmp_path / "csca")))
    assert code == 0, out
    assert out["access"] == "pace" and card.pace_runs == 1
    assert out["passive_auth"] == "ok"
    assert out["full_name"] == citizen.full_name and out["id_number"] == citizen.id_number
    assert out["data_groups"] == [1, 2, 13]


@pytest.mark.parametrize("keeps_bac", [False, True], ids=["pace-only", "pace-and-bac"])
def test_wrong_printed_data_does_not_open_a_pace_card(reader, issuer, tmp_path, keeps_bac):
    """Refused by PACE (and by BAC too, where the card keeps it): BAC's words, not a protocol code."""
    card = EmrtdCard(make_card(synthetic_citizen(random.Random(18)), issuer), pace=PaceOffer(), bac=keeps_bac)
    reader.insert(card)
    args = key_args(card.data)
    args[5] = date(2041, 2, 3).isoformat()  # a wrong expiry date
    code, out = read_chip(tmp_path, *args)
    assert code == 2 and out["error"]["code"] == "chip_access_denied", out
    assert "không khớp" in out["error"]["message"]
    assert card.pace_runs == 1


def test_a_pace_variant_the_reader_does_not_speak_falls_back_to_bac(reader, issuer, tmp_path):
    """EF.CardAccess lists only PACE with integrated mapping: BAC opens it."""
    card = EmrtdCard(
        make_card(synthetic_citizen(random.Random(19)), issuer), pace=PaceOffer(PACE_ECDH_IM_AES_128)
    )
    reader.insert(card)
    code, out = read_chip(tmp_path, *key_args(card.data))
    assert code == 0, out
    assert out["access"] == "bac" and card.pace_runs == 0


def test_a_card_that_turns_pace_down_is_read_with_bac(reader, issuer, tmp_path):
    """The card lists PACE but answers MSE:Set AT with 6A80: the reader goes on with BAC."""
    card = EmrtdCard(
        make_card(synthetic_citizen(random.Random(20)), issuer), pace=PaceOffer(), refuses_pace=True
    )
    reader.insert(card)
    code, out = read_chip(tmp_path, *key_args(card.data))
    assert code == 0, out
    assert out["access"] == "bac"


def test_a_card_lifted_during_pace_is_a_known_error(reader, issuer, tmp_path):
    card = make_card(synthetic_citizen(random.Random(21)), issuer)
    reader.insert(EmrtdCard(card, pace=PaceOffer(), lifted_after=5))  # gone after the nonce
    code, out = read_chip(tmp_path, *key_args(card))
    assert code == 2 and out["error"]["code"] == "chip_card_removed"
