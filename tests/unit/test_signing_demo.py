"""The demo keystore: generated on first use, reused, and unmistakably not legally valid."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

from common import clock
from signing.certs import DEMO_MARK, describe_certificate
from signing.demo import ensure_demo_keystore, load_demo_certificate
from signing.provider import sign_with_demo
from signing.session import SigningSettings
from signing.verify import verify_pdf
from tests.softhsm import make_pdf, pdfsig


def test_keystore_is_generated_once_and_labelled(tmp_path):
    path = ensure_demo_keystore(tmp_path / "demo")
    first = path.read_bytes()
    assert ensure_demo_keystore(tmp_path / "demo").read_bytes() == first  # reused, not regenerated
    cert = load_demo_certificate(path)
    organisation = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    assert organisation == DEMO_MARK == "CHỨNG THƯ DEMO — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"
    info = describe_certificate(cert)
    assert info.demo and info.choosable
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature


def test_demo_signature_validates_but_is_never_trusted_and_the_stamp_says_demo(tmp_path):
    import datetime as dt
    import subprocess

    src = make_pdf(tmp_path / "in.pdf")
    scan_time = dt.datetime(2026, 1, 5, 9, 30, tzinfo=clock.zone())
    result = sign_with_demo(
        tmp_path / "demo",
        [src],
        tmp_path / "out",
        SigningSettings(stamp=True, office="Bộ phận Một cửa xã An Bình, UBND XÃ AN BÌNH"),
        scan_time=scan_time,
    )
    assert result.summary()["demo"] is True and result.summary()["logins"] == 0
    out = tmp_path / "out" / "in.pdf"
    assert "Signature is Valid" in pdfsig(out)
    (status,) = verify_pdf(out)
    assert status.valid and status.intact and not status.trusted
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert DEMO_MARK in text and "Người số hóa: Cán bộ Một cửa (DEMO)" in text
    # The office and its governing body (office.name, office.agency), as the forms print them.
    assert "Đơn vị: Bộ phận Một cửa xã An Bình, UBND XÃ AN BÌNH" in text
    subprocess.run(["pdftoppm", "-r", "110", "-f", "1", "-l", "1", "-png", str(out), str(tmp_path / "page")])


def test_inputs_with_the_same_name_get_distinct_outputs(tmp_path):
    first = make_pdf(tmp_path / "a" / "giay-to.pdf", pages=1)
    second = make_pdf(tmp_path / "b" / "giay-to.pdf", pages=3)
    result = sign_with_demo(tmp_path / "demo", [first, second], tmp_path / "out", SigningSettings())
    outs = [row.out for row in result.files]
    assert outs == [str(tmp_path / "out" / "giay-to.pdf"), str(tmp_path / "out" / "giay-to-2.pdf")]
    assert "Pages:           3" in subprocess_run(["pdfinfo", outs[1]])


def subprocess_run(args: list[str]) -> str:
    import subprocess

    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_the_demo_key_is_opened_once_per_process_and_signs_as_pyhanko_would(tmp_path):
    from pyhanko.sign.signers import SimpleSigner

    from signing.demo import DEMO_PASSPHRASE, demo_signer

    signer = demo_signer(tmp_path / "demo")
    assert demo_signer(tmp_path / "demo") is signer  # no second decryption of the keystore
    reference = SimpleSigner.load_pkcs12(
        str(tmp_path / "demo" / "demo-signer.p12"), passphrase=DEMO_PASSPHRASE
    )
    data = b"the signed attributes of a dossier"
    assert signer.sign_raw(data, "sha256") == reference.sign_raw(data, "sha256")  # PKCS#1 v1.5: deterministic
    assert signer.signing_cert.dump() == reference.signing_cert.dump()


def test_a_regenerated_demo_keystore_is_opened_afresh(tmp_path):
    from signing.demo import demo_signer

    first = demo_signer(tmp_path / "demo")
    (tmp_path / "demo" / "demo-signer.p12").unlink()  # IT deletes it, as the error message advises
    second = demo_signer(tmp_path / "demo")
    assert second is not first
    fresh = load_demo_certificate(tmp_path / "demo" / "demo-signer.p12")
    assert second.signing_cert.dump() == fresh.public_bytes(Encoding.DER) != first.signing_cert.dump()
