"""PAdES B-T and B-LT against a loopback RFC 3161 TSA (`openssl ts`) and a loopback CRL."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from signing.errors import TimestampUnavailableError
from signing.provider import sign_with_token
from signing.session import SigningSettings
from signing.verify import load_trust_roots, verify_pdf
from tests.softhsm import (
    RSA_HOLDER,
    RSA_ID,
    SoftHsmToken,
    extract_signatures,
    make_pdf,
    openssl_cms_verify,
    pdfsig,
    shared_token,
    write_key_and_cert,
)
from tests.tsa_server import running_tsa


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory: pytest.TempPathFactory) -> SoftHsmToken:
    return shared_token(tmp_path_factory)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_b_t_embeds_a_timestamp_from_the_tsa_with_one_stamper_for_the_batch(softhsm_token, tmp_path):
    files = [make_pdf(tmp_path / f"tp{i}.pdf") for i in range(2)]
    with running_tsa(tmp_path / "tsa", softhsm_token.ca) as tsa:
        result = sign_with_token(
            softhsm_token.module, files, tmp_path / "out", SigningSettings(level="B-T", tsa_url=tsa.url),
            pin=softhsm_token.pin, cert_id=bytes.fromhex(RSA_ID),
        )  # fmt: skip
        assert tsa.requests["/tsa"] == 3  # one probe before login, then one per file
    assert result.summary()["level"] == "B-T" and result.summary()["signed"] == 2
    roots = load_trust_roots([softhsm_token.ca.pem_path])
    for row in result.files:
        out = Path(row.out)
        (status,) = verify_pdf(out, roots)
        assert status.level == "B-T" and status.valid and status.trusted
        stamped = dt.datetime.fromisoformat(status.time)
        assert abs(stamped - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=5)
        assert "Signature is Valid" in pdfsig(out)
        signed, cms = extract_signatures(out)[0]
        assert openssl_cms_verify(signed, cms, softhsm_token.ca.pem_path, tmp_path).returncode == 0


def test_unreachable_tsa_stops_before_any_file_is_signed(softhsm_token, tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/tsa"
    with pytest.raises(TimestampUnavailableError) as info:
        sign_with_token(
            softhsm_token.module, [make_pdf(tmp_path / "a.pdf")], tmp_path / "out",
            SigningSettings(level="B-T", tsa_url=url), pin=softhsm_token.pin, cert_id=bytes.fromhex(RSA_ID),
        )  # fmt: skip
    assert info.value.code == "tsa_unreachable" and "B-B" in info.value.hint
    assert not (tmp_path / "out").exists()


def test_b_t_without_a_tsa_is_refused_with_a_choice(softhsm_token, tmp_path):
    with pytest.raises(TimestampUnavailableError) as info:
        sign_with_token(
            softhsm_token.module, [make_pdf(tmp_path / "a.pdf")], tmp_path / "out", SigningSettings(level="B-T"),
            pin=softhsm_token.pin, cert_id=bytes.fromhex(RSA_ID),
        )  # fmt: skip
    assert info.value.code == "tsa_not_configured"


@pytest.mark.slow
def test_b_lt_embeds_revocation_information_fetched_from_the_crl(softhsm_token, tmp_path):
    with running_tsa(tmp_path / "tsa", softhsm_token.ca, crl_der=softhsm_token.ca.crl()) as tsa:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = softhsm_token.ca.issue(key.public_key(), RSA_HOLDER, crl_url=f"{tsa.base_url}/ca.crl")
        write_key_and_cert(softhsm_token, "05", "B-LT " + RSA_HOLDER, key, cert)
        files = [make_pdf(tmp_path / f"tp{i}.pdf") for i in range(2)]
        result = sign_with_token(
            softhsm_token.module, files, tmp_path / "out",
            SigningSettings(level="B-LT", tsa_url=tsa.url), pin=softhsm_token.pin, cert_id=bytes.fromhex("05"),
        )  # fmt: skip
        assert tsa.requests["/ca.crl"] >= 1
    assert [f.ok for f in result.files] == [True, True], result.files
    for row in result.files:
        out = Path(row.out)
        (status,) = verify_pdf(out, load_trust_roots([softhsm_token.ca.pem_path]))
        assert status.level == "B-LT" and status.valid and status.trusted
        assert "Signature is Valid" in pdfsig(out)
        assert b"/CRLs" in out.read_bytes()  # the fetched CRL sits in the document security store


@pytest.mark.slow
def test_revoked_certificate_is_refused_at_b_lt(softhsm_token, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with running_tsa(tmp_path / "tsa", softhsm_token.ca) as tsa:
        cert = softhsm_token.ca.issue(key.public_key(), "Bùi Bị Thu Hồi", crl_url=f"{tsa.base_url}/ca.crl")
        tsa.crl_der = softhsm_token.ca.crl(revoked=(cert.serial_number,))
        write_key_and_cert(softhsm_token, "06", "Bùi Bị Thu Hồi", key, cert)
        files = [make_pdf(tmp_path / f"tp{i}.pdf") for i in range(2)]
        result = sign_with_token(
            softhsm_token.module, files, tmp_path / "out",
            SigningSettings(level="B-LT", tsa_url=tsa.url), pin=softhsm_token.pin, cert_id=bytes.fromhex("06"),
        )  # fmt: skip
    assert result.stopped["code"] == "certificate_revoked"
    assert [f.ok for f in result.files] == [False, False]
    assert not list((tmp_path / "out").iterdir())
