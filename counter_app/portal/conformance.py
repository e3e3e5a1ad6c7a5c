"""The adapter conformance kit: the same scenarios against any adapter and server.

`counter-app portal conformance --adapter NAME --url URL` (an integrator points it at a staging
server). Every scenario files a synthetic dossier through the adapter, exactly as the outbox would
(one idempotency key per dossier, the same key on every resend), and checks what the core relies
on: a resend with the same key never files twice, a lost answer or a 5xx is a retryable error and
the resend then succeeds, a 401 is either survived (re-authentication) or reported as an
authentication failure without breaking the next call, the receipt data (dossier number,
received time, appointment) is there and `status` reads the dossier back; for an adapter with
`progress_sync`, a status change resent through a lost answer and a 503 is one step.

Network faults are injected on the client side, under the adapter, by `FaultyTransport` (an
httpx transport wrapping the real one), so no cooperation of the server is needed: "lost" sends
the request for real and drops the answer; "5xx"/"401" answer in the server's place without
sending. When the server offers the sandbox's `GET /sandbox/dossiers` the kit also counts what
the server stored, to see a double filing the adapter itself would not notice.
"""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

import httpx

from common import clock
from counter_app.portal.adapters import PortalAdapter, open_adapter
from counter_app.portal.errors import AccountCreationUnsupported, PortalAuthError, PortalError
from counter_app.portal.progress import ProgressUpdate
from portal_contract.models import (
    DOSSIER_STATUSES,
    AccountRequest,
    Applicant,
    ComponentUpload,
    SubmissionRequest,
    SubmissionResult,
)

# A one-page PDF small enough to send many times; every server here checks only the header.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# A synthetic citizen (not a real person), as in the test suite.
SYNTHETIC = Applicant(id_number="001099000017", full_name="Nguyễn Văn Thử", address="Số 1, Xã Mẫu")


class ScenarioFailed(AssertionError):
    """A scenario's expectation was not met; the message is the readable reason."""


class FaultyTransport(httpx.BaseTransport):
    """Wraps the real transport; `arm(kind)` makes the next matching request fail one way."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self._armed: str | None = None
        self._posts_to_skip = 0
        self.injected: list[str] = []

    def arm(self, kind: str, nth_post: int = 1) -> None:
        """ "lost": the `nth_post`-th POST from now; "5xx" or "401": the next request."""
        self._armed = kind
        self._posts_to_skip = nth_post - 1

    def disarm(self) -> None:
        self._armed = None

    @property
    def armed(self) -> bool:
        return self._armed is not None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        kind = self._armed
        if kind in ("5xx", "401"):
            self._armed = None
            self.injected.append(f"{kind} {request.method} {request.url.path}")
            status = 503 if kind == "5xx" else 401
            return httpx.Response(status, json={"error": {"code": "injected", "message": "Injected fault."}})
        response = self.inner.handle_request(request)
        if kind == "lost" and request.method == "POST" and self._posts_to_skip > 0:
            self._posts_to_skip -= 1
        elif kind == "lost" and request.method == "POST":
            self._armed = None
            response.read()  # the server did the work and answered: the answer never arrives
            response.close()
            self.injected.append(f"lost {request.method} {request.url.path}")
            raise httpx.ReadTimeout("answer lost (injected)", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


@dataclass
class Scenario:
    name: str
    passed: bool = False
    reason: str = ""
    ms: int = 0
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "reason": self.reason, "ms": self.ms, **self.detail}


def _expect(condition: bool, reason: str) -> None:
    if not condition:
        raise ScenarioFailed(reason)


class ConformanceKit:
    def __init__(
        self,
        adapter_name: str,
        url: str,
        config: Any,
        components: list[tuple[str, str]],
        procedure_code: str,
        *,
        timeout_s: float = 15.0,
    ) -> None:
        self.adapter_name = adapter_name
        self.url = url.rstrip("/")
        self.components = components  # (key, name) of the procedure's required components
        self.procedure_code = procedure_code
        self.transport = FaultyTransport()
        self.adapter: PortalAdapter = open_adapter(
            config, url, name=adapter_name, timeout_s=timeout_s, transport=self.transport
        )
        self._filed: str = ""  # a dossier number filed by an earlier scenario, for `status`

    # -- helpers --------------------------------------------------------------------------------

    def _request(self) -> SubmissionRequest:
        ref = f"CONF-{uuid.uuid4().hex[:10].upper()}"
        return SubmissionRequest(
            office_code="CONFORMANCE",
            local_ref=ref,
            procedure_code=self.procedure_code,
            applicant=SYNTHETIC,
            components=tuple(
                ComponentUpload(key=key, name=name, file_name=f"{key}.pdf", size=len(_PDF), pages=1)
                for key, name in self.components
            ),
            officer="conformance",
        )

    @staticmethod
    def _open(component: ComponentUpload) -> IO[bytes]:
        return io.BytesIO(_PDF)

    def _submit(self, request: SubmissionRequest, key: str) -> SubmissionResult:
        result = self.adapter.submit(request, key, self._open)
        _expect(bool(result.dossier_code), "the receipt data has no dossier number")
        _expect(bool(result.received_at), "the receipt data has no received time")
        _expect(len(result.appointment_date) == 10, f"appointment {result.appointment_date!r} is not a date")
        self._filed = result.dossier_code
        return result

    def _expect_retryable(self, call: Callable[[], Any], what: str) -> PortalError:
        try:
            call()
        except PortalError as exc:
            _expect(
                exc.retryable, f"{what} gave a non-retryable {exc.code}: the outbox would stop the dossier"
            )
            return exc
        raise ScenarioFailed(f"{what} was not reported as a failure")

    def _stored(self) -> int | None:
        """How many dossiers the server holds, when it offers the sandbox's listing."""
        try:
            response = httpx.get(f"{self.url}/sandbox/dossiers", timeout=5)
            return int(response.json()["count"]) if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return None

    def _once(self, before: int | None, what: str) -> None:
        after = self._stored()
        if before is not None and after is not None:
            _expect(after - before == 1, f"{what}: the server stored {after - before} dossiers for one key")

    # -- scenarios ------------------------------------------------------------------------------

    def capabilities(self) -> dict[str, Any]:
        caps = self.adapter.capabilities()
        return {
            "create_account": caps.create_account,
            "progress_sync": bool(getattr(self.adapter, "progress_sync", False)),
        }

    def lookup(self) -> dict[str, Any]:
        info = self.adapter.find_account(SYNTHETIC.id_number)
        return {"found": info.found}

    def create(self) -> dict[str, Any]:
        try:
            info = self.adapter.create_account(AccountRequest(SYNTHETIC, consent=True), str(uuid.uuid4()))
        except AccountCreationUnsupported as exc:
            _expect(bool(exc.hint), "account creation refused without guidance for the officer")
            return {"outcome": "guide_to_vneid"}
        _expect(info.found, "account creation answered without an account")
        return {"outcome": "created" if info.created else "existing"}

    def submit_twice_one_key(self) -> dict[str, Any]:
        request, key = self._request(), str(uuid.uuid4())
        before = self._stored()
        first = self._submit(request, key)
        second = self._submit(request, key)
        _expect(
            first.dossier_code == second.dossier_code,
            f"the same idempotency key filed two dossiers: {first.dossier_code} and {second.dossier_code}",
        )
        self._once(before, "submit twice with one key")
        return {"dossier_code": first.dossier_code}

    def lost_response(self) -> dict[str, Any]:
        request, key = self._request(), str(uuid.uuid4())
        before = self._stored()
        self.transport.arm("lost")
        self._expect_retryable(lambda: self.adapter.submit(request, key, self._open), "a lost answer")
        resent = self._submit(request, key)
        again = self._submit(request, key)
        _expect(
            resent.dossier_code == again.dossier_code,
            f"after a lost answer the resends filed {resent.dossier_code} and {again.dossier_code}",
        )
        self._once(before, "lost answer then resend")
        return {"dossier_code": resent.dossier_code, "injected": self.transport.injected[-1:]}

    def lost_response_each_step(self) -> dict[str, Any]:
        """Lose the answer of the 1st, 2nd, ... POST of one filing (create, each upload, the
        move to received, ...): whichever step's answer is lost, the resend files exactly once."""
        steps = 0
        for nth in range(1, 16):
            request, key = self._request(), str(uuid.uuid4())
            before = self._stored()
            self.transport.arm("lost", nth_post=nth)
            try:
                self._submit(request, key)
            except PortalError as exc:
                _expect(exc.retryable, f"a lost answer at POST #{nth} gave a non-retryable {exc.code}")
            else:
                if self.transport.armed:  # this filing has fewer POSTs: every step was covered
                    self.transport.disarm()
                    break
                # The adapter got over the lost answer by itself: it must still have filed once.
            first, again = self._submit(request, key), self._submit(request, key)
            _expect(
                first.dossier_code == again.dossier_code,
                f"after losing POST #{nth} the resends filed {first.dossier_code} and {again.dossier_code}",
            )
            self._once(before, f"lost answer at POST #{nth} then resend")
            steps = nth
        return {"steps": steps}

    def server_error(self) -> dict[str, Any]:
        request, key = self._request(), str(uuid.uuid4())
        before = self._stored()
        self.transport.arm("5xx")
        self._expect_retryable(lambda: self.adapter.submit(request, key, self._open), "a 503 answer")
        result = self._submit(request, key)
        self._once(before, "503 then resend")
        return {"dossier_code": result.dossier_code}

    def auth_401(self) -> dict[str, Any]:
        code = self._filed or self._submit(self._request(), str(uuid.uuid4())).dossier_code
        self.transport.arm("401")
        try:
            self.adapter.status(code)
            outcome = "reauthenticated"
        except PortalAuthError as exc:
            _expect(not exc.retryable, "an authentication failure must stop the job for IT, not loop")
            _expect(bool(exc.message), "the authentication failure has no message")
            outcome = "reported"
        except PortalError as exc:
            raise ScenarioFailed(
                f"a 401 was reported as {exc.code}, not as an authentication failure"
            ) from exc
        self.adapter.status(code)  # the next call works: no session left broken
        return {"outcome": outcome}

    def _steps(self) -> int | None:
        """How many progress steps the server recorded, when it offers `GET /sandbox/progress`."""
        try:
            response = httpx.get(f"{self.url}/sandbox/progress", timeout=5)
            return int(response.json()["count"]) if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, KeyError, TypeError):
            return None

    def progress(self) -> dict[str, Any]:
        """For adapters with `progress_sync`: one status change reported through a lost answer
        and a 503, each resent with the same key and content, is one step on the server, and the
        dossier's status reads it back (the outbox's echo rule relies on that)."""
        if not getattr(self.adapter, "progress_sync", False):
            return {"applicable": False}
        push = self.adapter.push_progress  # type: ignore[attr-defined]
        code = self._submit(self._request(), str(uuid.uuid4())).dossier_code
        key = f"progress:{code}:1"
        update = ProgressUpdate(
            code, "waiting_citizen", clock.now().isoformat(timespec="seconds"), "conformance"
        )
        before = self._steps()
        self.transport.arm("lost")
        self._expect_retryable(lambda: push(update, key), "a lost answer to a progress report")
        self.transport.arm("5xx")
        self._expect_retryable(lambda: push(update, key), "a 503 answer to a progress report")
        push(update, key)
        after = self._steps()
        if before is not None and after is not None:
            _expect(
                after - before == 1,
                f"one status change resent with the same key was recorded as {after - before} progress steps",
            )
        read = self.adapter.status(code).status
        _expect(
            read == update.status, f"after reporting {update.status!r} the dossier's status reads {read!r}"
        )
        return {"applicable": True, "status": read}

    def status(self) -> dict[str, Any]:
        code = self._filed or self._submit(self._request(), str(uuid.uuid4())).dossier_code
        status = self.adapter.status(code)
        _expect(status.dossier_code == code, f"status of {code} answered for {status.dossier_code}")
        _expect(status.status in DOSSIER_STATUSES, f"status {status.status!r} is not one the counter knows")
        return {"status": status.status}

    SCENARIOS = (
        "capabilities",
        "lookup",
        "create",
        "submit_twice_one_key",
        "lost_response",
        "lost_response_each_step",
        "server_error",
        "auth_401",
        "status",
        "progress",
    )

    def run(self) -> dict[str, Any]:
        results = []
        try:
            for name in self.SCENARIOS:
                scenario = Scenario(name)
                started = time.monotonic()
                try:
                    scenario.detail = getattr(self, name)()
                    scenario.passed = True
                except ScenarioFailed as exc:
                    scenario.reason = str(exc)
                except PortalError as exc:
                    scenario.reason = f"{exc.code}: {exc.message}"
                scenario.ms = int((time.monotonic() - started) * 1000)
                results.append(scenario.to_dict())
        finally:
            self.adapter.close()
        passed = sum(1 for r in results if r["passed"])
        return {
            "adapter": self.adapter_name,
            "passed": passed,
            "failed": len(results) - passed,
            "scenarios": results,
        }
