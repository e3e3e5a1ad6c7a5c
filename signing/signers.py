"""pyHanko signers bound to our token session, and an RFC 3161 client reused across a batch.

pyHanko's PKCS11Signer hands the raw signature to asyncio's default thread pool; PKCS#11
modules dislike being called from another thread than the one holding the session, so the
token signer here signs inline, on the token executor thread. It also passes the PIN again
for keys marked CKA_ALWAYS_AUTHENTICATE (SafeNet-style: a second login per signature), and
counts the time spent inside the token so our own overhead can be measured.
"""

from __future__ import annotations

import time

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.sign.pkcs11 import PKCS11Signer
from pyhanko.sign.timestamps import TimeStamper, TimestampRequestError

from signing.errors import TimestampUnavailableError
from signing.tokens import TokenLogin, pkcs11_errors


def to_asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


class TokenSigner(PKCS11Signer):
    """A PKCS11Signer that signs on the calling thread with an already-found key."""

    def __init__(self, token_login: TokenLogin) -> None:
        super().__init__(
            token_login.session,
            signing_cert=to_asn1(token_login.cert),
            ca_chain=[to_asn1(c) for c in token_login.chain],
            key_id=token_login.cert_id,
            use_raw_mechanism=token_login.use_raw_ecdsa,
            base_sign_kwargs={"pin": token_login.pin} if token_login.always_authenticate else None,
        )
        self._key_handle = token_login.key
        self._loaded = True
        self.token_seconds = 0.0
        self.token_operations = 0

    async def ensure_objects_loaded(self) -> None:
        return None

    async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run: bool = False) -> bytes:
        if dry_run:
            return self.estimate_raw_signature_size_bytes() * b"0"
        spec = self._select_pkcs11_signing_params(digest_algorithm, sign_kwargs=self.sign_kwargs(data))
        if spec.pre_sign_transform is not None:
            data = spec.pre_sign_transform(data)
        started = time.perf_counter()
        with pkcs11_errors():
            signature = self._key_handle.sign(data, **spec.sign_kwargs)  # type: ignore[union-attr]
        self.token_seconds += time.perf_counter() - started
        self.token_operations += 1
        if spec.post_sign_transform is not None:
            signature = spec.post_sign_transform(signature)
        return signature


class HttpTimeStamper(TimeStamper):
    """RFC 3161 over HTTP with one keep-alive httpx client for the whole batch.

    Synchronous on purpose: the batch runs on the token thread, one file at a time, and
    pyHanko's aiohttp client cannot outlive the event loop of a single file.
    """

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        import httpx

        super().__init__()
        self.url = url
        self._client = httpx.Client(timeout=timeout)

    def close(self) -> None:
        self._client.close()

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        import httpx

        try:
            response = self._client.post(
                self.url, content=req.dump(), headers={"Content-Type": "application/timestamp-query"}
            )
        except httpx.HTTPError as exc:
            raise TimestampUnavailableError(
                f"Không kết nối được máy chủ cấp dấu thời gian {self.url}: {exc}"
            ) from exc
        if response.status_code != 200 or not response.content:
            raise TimestampUnavailableError(
                f"Máy chủ dấu thời gian {self.url} trả lời lỗi HTTP {response.status_code}."
            )
        try:
            return tsp.TimeStampResp.load(response.content)
        except ValueError as exc:
            raise TimestampUnavailableError(
                f"Máy chủ dấu thời gian {self.url} trả lời sai định dạng."
            ) from exc

    def probe(self) -> None:
        """One real request before the batch, so an unreachable TSA is known before any file is signed."""
        import asyncio

        try:
            # pyHanko asks for one real "dummy" timestamp to size the signature; fetching it here
            # makes the probe serve as that request too.
            asyncio.run(self.async_dummy_response("sha256"))
        except TimestampRequestError as exc:
            raise TimestampUnavailableError(
                f"Máy chủ dấu thời gian {self.url} từ chối yêu cầu: {exc}"
            ) from exc
