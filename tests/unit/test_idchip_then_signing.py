"""Reading a chip, then signing, in one process: the chip's SOD is CMS read with asn1crypto, as
pyHanko's signatures are, and reading it first once broke every later signature (asn1crypto froze
its table of CMS attribute names before pyHanko's timestamp attributes were added). A fresh
interpreter, so that nothing else imported pyHanko first."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys
from pathlib import Path

from tests.synthetic_idcard import synthetic_citizen
from tests.virtual_emrtd import Issuer, make_card

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import pickle, sys
from idchip import passive_auth
files = pickle.load(open(sys.argv[1], "rb"))
result = passive_auth.check(files[0x011D], {1: files[0x0101], 2: files[0x0102], 13: files[0x010D]}, None)
assert result.status == "no_csca", result
from signing.demo import ensure_demo_keystore
from signing.provider import sign_with_demo
from signing.session import SigningSettings
from tests.softhsm import make_pdf
from pathlib import Path
folder = Path(sys.argv[2])
run = sign_with_demo(folder / "demo", [make_pdf(folder / "in.pdf")], folder / "out", SigningSettings(stamp=True))
assert run.summary()["failed"] == 0, run.summary()
print("signed after the chip")
"""


def test_a_chip_read_first_does_not_break_signing(tmp_path: Path) -> None:
    card = make_card(synthetic_citizen(random.Random(31)), Issuer.create())
    files = tmp_path / "card.pkl"
    files.write_bytes(pickle.dumps(card.files))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(files), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "signed after the chip" in done.stdout
