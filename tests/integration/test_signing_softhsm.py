"""PAdES signing through a real PKCS#11 module (SoftHSM2), checked by independent validators.

Every signed file is checked by pdfsig (poppler), pyHanko's validator with the test CA as the
only trust root, and `openssl cms -verify` over the byte ranges extracted with pikepdf.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from common import clock
from common.errors import is_known_error
from signing.errors import (
    CertificateExpiredError,
    CertificateNotForSigningError,
    PinIncorrectError,
    SigningError,
)
from signing.modules import open_module
from signing.provider import sign_with_token
from signing.session import SigningSettings
from signing.tokens import list_tokens
from signing.verify import load_trust_roots, verify_pdf
from tests.softhsm import (
    CA_ID,
    EC_HOLDER,
    EC_ID,
    ENCRYPT_ONLY_ID,
    EXPIRED_ID,
    RSA_HOLDER,
    RSA_ID,
    SoftHsmToken,
    extract_signatures,
    make_pdf,
    openssl_cms_verify,
    pdfsig,
    shared_token,
)


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


def _inputs(folder: Path, count: int) -> list[Path]:
    return [make_pdf(folder / f"thanh-phan-{i}.pdf", pages=2) for i in range(count)]


def _sign(
    token: SoftHsmToken,
    files: list[Path],
    out: Path,
    cert_id: str,
    scan_time: object = None,
    **settings: object,
) -> object:
    return sign_with_token(
        token.module, files, out, SigningSettings(**settings), pin=token.pin, cert_id=bytes.fromhex(cert_id),
        scan_time=scan_time,
    )  # fmt: skip


def _assert_valid_everywhere(path: Path, token: SoftHsmToken, holder: str, tmp_path: Path) -> None:
    report = pdfsig(path)
    assert "Signature is Valid" in report, report
    assert "Total document signed" in report, report
    assert "ETSI.CAdES.detached" in report
    assert holder in report
    (status,) = verify_pdf(path, load_trust_roots([token.ca.pem_path]))[-1:]
    assert (status.valid, status.intact, status.trusted, status.covers_whole_file) == (True, True, True, True)
    assert status.signer == holder
    signed, cms = extract_signatures(path)[-1]
    done = openssl_cms_verify(signed, cms, token.ca.pem_path, tmp_path)
    assert done.returncode == 0, done.stderr


def test_batch_is_signed_in_one_login_and_every_validator_accepts_it(softhsm_token, tmp_path):
    files = _inputs(tmp_path / "in", 3)
    originals = [f.read_bytes() for f in files]
    progress: list[tuple[int, int]] = []
    result = sign_with_token(
        softhsm_token.module,
        files,
        tmp_path / "out",
        SigningSettings(),
        pin=softhsm_token.pin,
        cert_id=bytes.fromhex(RSA_ID),
        progress=lambda done, total, _r: progress.append((done, total)),
    )
    summary = result.summary()
    assert summary["signed"] == 3 and summary["logins"] == 1 and summary["level"] == "B-B"
    assert summary["signer"] == RSA_HOLDER
    assert progress == [(1, 3), (2, 3), (3, 3)]
    for original, src, row in zip(originals, files, result.files, strict=True):
        assert src.read_bytes() == original  # the input is never touched
        _assert_valid_everywhere(Path(row.out), softhsm_token, RSA_HOLDER, tmp_path)
    assert not list((tmp_path / "out").glob("*.part"))


def test_ecdsa_p256_key_signs(softhsm_token, tmp_path):
    result = _sign(softhsm_token, _inputs(tmp_path / "in", 1), tmp_path / "out", EC_ID)
    _assert_valid_everywhere(Path(result.files[0].out), softhsm_token, EC_HOLDER, tmp_path)


def test_one_flipped_byte_fails_all_three_validators(softhsm_token, tmp_path):
    result = _sign(softhsm_token, _inputs(tmp_path / "in", 1), tmp_path / "out", RSA_ID)
    signed = Path(result.files[0].out)
    data = bytearray(signed.read_bytes())
    at = data.index(b"Page 1 of 2")  # inside the signed page content
    data[at] ^= 0x01
    signed.write_bytes(bytes(data))

    report = pdfsig(signed)
    assert "Signature is Valid" not in report
    (status,) = verify_pdf(signed, load_trust_roots([softhsm_token.ca.pem_path]))
    assert not status.intact and not status.valid
    content, cms = extract_signatures(signed)[0]
    assert openssl_cms_verify(content, cms, softhsm_token.ca.pem_path, tmp_path).returncode != 0


def test_second_signature_keeps_the_first_valid(softhsm_token, tmp_path):
    first = _sign(softhsm_token, _inputs(tmp_path / "in", 1), tmp_path / "once", RSA_ID)
    second = _sign(softhsm_token, [Path(first.files[0].out)], tmp_path / "twice", EC_ID)
    twice = Path(second.files[0].out)
    report = pdfsig(twice)
    assert report.count("Signature is Valid") == 2, report
    statuses = verify_pdf(twice, load_trust_roots([softhsm_token.ca.pem_path]))
    assert [s.signer for s in statuses] == [RSA_HOLDER, EC_HOLDER]
    assert all(s.valid and s.intact and s.trusted for s in statuses)
    assert [s.covers_whole_file for s in statuses] == [False, True]
    assert [s.field for s in statuses] == ["ChuKySo1", "ChuKySo2"]


def test_wrong_pin_is_a_known_error_and_is_not_retried(softhsm_token, tmp_path, monkeypatch):
    import signing.provider as provider

    opened: list[object] = []
    real_find = provider.find_token

    class CountingToken:
        """Delegates to the real SoftHSM2 token, counting login attempts."""

        def __init__(self, token: object) -> None:
            self._token = token

        def __getattr__(self, name: str) -> object:
            return getattr(self._token, name)

        def open(self, **kwargs: object) -> object:
            opened.append(kwargs)
            return self._token.open(**kwargs)

    monkeypatch.setattr(provider, "find_token", lambda lib, label=None: CountingToken(real_find(lib, label)))
    files = _inputs(tmp_path / "in", 2)
    with pytest.raises(PinIncorrectError) as info:
        sign_with_token(softhsm_token.module, files, tmp_path / "out", SigningSettings(), pin="000000")
    assert is_known_error(info.value) and info.value.code == "pin_incorrect"
    assert "PIN" in info.value.message
    assert len(opened) == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("cert_id", "error"),
    [(EXPIRED_ID, CertificateExpiredError), (ENCRYPT_ONLY_ID, CertificateNotForSigningError)],
)
def test_unusable_certificate_is_refused_before_signing(softhsm_token, tmp_path, cert_id, error):
    with pytest.raises(error) as info:
        _sign(softhsm_token, _inputs(tmp_path / "in", 1), tmp_path / "out", cert_id)
    assert is_known_error(info.value)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_listing_shows_every_certificate_with_why_it_cannot_be_chosen(softhsm_token):
    (token,) = list_tokens(open_module(softhsm_token.module), softhsm_token.module)
    assert token.label == softhsm_token.label and token.pin.state == "ok"
    certs = {c.cert_id: c for c in token.certificates}
    assert set(certs) == {RSA_ID, EC_ID, EXPIRED_ID, ENCRYPT_ONLY_ID, CA_ID}
    assert certs[RSA_ID].holder == RSA_HOLDER and certs[RSA_ID].choosable
    assert certs[RSA_ID].organisation == "UBND Phường Thử Nghiệm"
    assert certs[RSA_ID].issuer == "CA Thử Nghiệm Một Cửa Số"
    assert certs[RSA_ID].key_algorithm == "RSA-2048"
    assert {"digital_signature", "content_commitment"} <= set(certs[RSA_ID].key_usage)
    assert certs[EC_ID].choosable and certs[EC_ID].key_algorithm == "ECDSA-secp256r1"
    assert not certs[EXPIRED_ID].choosable and "hết hạn" in certs[EXPIRED_ID].reasons[0]
    assert not certs[ENCRYPT_ONLY_ID].choosable
    assert not certs[CA_ID].choosable and "CA" in certs[CA_ID].reasons[0]


def test_several_usable_certificates_need_an_explicit_choice(softhsm_token, tmp_path):
    with pytest.raises(SigningError) as info:
        sign_with_token(
            softhsm_token.module,
            _inputs(tmp_path / "in", 1),
            tmp_path / "out",
            SigningSettings(),
            pin=softhsm_token.pin,
        )
    assert info.value.code == "certificate_ambiguous"


def test_visible_stamp_shows_name_and_scan_time_with_diacritics(softhsm_token, tmp_path):
    import datetime as dt
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt: poppler-utils)")
    scan_time = dt.datetime(2026, 3, 9, 8, 45, tzinfo=clock.zone())  # office time
    result = _sign(
        softhsm_token,
        _inputs(tmp_path / "in", 1),
        tmp_path / "out",
        RSA_ID,
        stamp=True,
        scan_time=scan_time,
    )
    out = Path(result.files[0].out)
    _assert_valid_everywhere(out, softhsm_token, RSA_HOLDER, tmp_path)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Người số hóa: {RSA_HOLDER}" in text
    assert "Thời điểm số hóa: 08:45 09/03/2026" in text
    # Top left: pdftotext -bbox gives the word positions; the stamp words sit in the top-left quarter.
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in bbox.splitlines() if ">Người" in line)
    x_min = float(line.split('xMin="')[1].split('"')[0])
    y_min = float(line.split('yMin="')[1].split('"')[0])
    assert x_min < 150 and y_min < 150
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    stamp_font = next(line for line in fonts.splitlines() if "Noto" in line or "DejaVu" in line)
    assert " yes yes yes " in stamp_font  # embedded, subset, with a Unicode map
    # Rendered by poppler, the top-left box of page 1 now carries ink that the original lacks.
    original = tmp_path / "in" / "thanh-phan-0.pdf"
    assert _ink(out, tmp_path / "signed") > _ink(original, tmp_path / "plain") + 500


def _ink(pdf: Path, prefix: Path) -> int:
    """Dark pixels in the top-left 300x100 pt of page 1, rendered at 72 dpi by pdftoppm."""
    import subprocess

    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-gray", "-x", "0", "-y", "0", "-W", "300", "-H", "100",
         str(pdf), str(prefix)],
        check=True, capture_output=True,
    )  # fmt: skip
    (image_path,) = prefix.parent.glob(f"{prefix.name}*.pgm")
    with Image.open(image_path) as image:
        return sum(image.point(lambda value: 255 if value < 128 else 0).histogram()[255:])


def test_batch_runs_on_the_single_token_thread(softhsm_token, tmp_path):
    import threading

    from signing.executor import TokenExecutor

    threads: set[str] = set()
    with TokenExecutor() as executor:
        futures = [
            executor.submit(
                sign_with_token, softhsm_token.module, _inputs(tmp_path / f"in{n}", 2), tmp_path / f"out{n}",
                SigningSettings(), pin=softhsm_token.pin, cert_id=bytes.fromhex(RSA_ID),
                progress=lambda *_: threads.add(threading.current_thread().name),
            )
            for n in range(2)
        ]  # fmt: skip
        results = [f.result(timeout=120) for f in futures]
    assert [r.summary()["signed"] for r in results] == [2, 2]
    assert len(threads) == 1 and threads.pop().startswith("token")
