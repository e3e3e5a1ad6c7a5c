"""Known portal errors: what went wrong talking to the portal, in the officer's words.

`retryable` tells the outbox what to do: network trouble, timeouts, 5xx and 429 are retried
with backoff (the same idempotency key makes that safe); a rejection by the portal (4xx with
its message), an authentication or TLS failure or a malformed answer stop the job until a
person looks at it.
"""

from __future__ import annotations

from counter_app.errors import KnownError


class PortalError(KnownError):
    code = "portal_error"
    retryable = False

    def __init__(
        self,
        message: str,
        hint: str = "",
        *,
        code: str | None = None,
        status: int | None = None,
        field: str = "",
        portal_code: str = "",
    ) -> None:
        super().__init__(message, hint, code=code)
        self.status = status
        self.field = field
        # The portal's own error code (e.g. `component_missing`), kept for diagnostics.
        self.portal_code = portal_code

    def as_dict(self) -> dict[str, str]:
        data = super().as_dict()
        if self.field:
            data["field"] = self.field
        if self.status is not None:
            data["status"] = str(self.status)
        if self.portal_code:
            data["portal_code"] = self.portal_code
        return data


class PortalUnavailable(PortalError):
    """Connection refused or dropped, or a 5xx: the portal is down or overloaded."""

    code = "portal_down"
    retryable = True


class PortalTimeout(PortalError):
    code = "portal_timeout"
    retryable = True


class PortalThrottled(PortalError):
    """429: the portal asks us to slow down for `retry_after` seconds."""

    code = "portal_throttled"
    retryable = True

    def __init__(self, message: str, hint: str = "", *, retry_after: float = 0.0, status: int = 429) -> None:
        super().__init__(message, hint, status=status)
        self.retry_after = retry_after


class PortalRejected(PortalError):
    """4xx validation: the portal's own message says what to fix in the dossier."""

    code = "portal_rejected"


class PortalAuthError(PortalError):
    code = "portal_auth_failed"


class PortalTLSError(PortalError):
    code = "portal_tls_failed"


class PortalBadResponse(PortalError):
    """The portal answered something that is not the contract (HTML error page, truncated JSON)."""

    code = "portal_bad_response"


class AccountCreationUnsupported(PortalError):
    """This province's portal does not create accounts: guide the citizen to VNeID instead."""

    code = "account_creation_unsupported"


class ComponentFileError(PortalError):
    """A signed PDF to upload cannot be read locally (moved, deleted, key mismatch)."""

    code = "component_file_missing"
