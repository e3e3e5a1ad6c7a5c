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
from tests.virtual_emrtd import EmrtdCard, Issuer, make_card, td1_mrz

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


def test_the_mrz_lines_open_the_chip_too(reader, issuer, tmp_path):
    card = make_card(synthetic_citizen(random.Random(12)), issuer)
    reader.insert(EmrtdCard(card))
    mrz = td1_mrz(card.citizen, card.expiry)
    code, out = read_chip(tmp_path, "--mrz", mrz[:30], mrz[30:60], mrz[60:], "--csca", str(tmp_path / "none"))
    assert code == 0, out
    assert out["id_number"] == card.citizen.id_number
    assert out["passive_auth"] == "no_csca"  # nothing proven either way, and said so


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
