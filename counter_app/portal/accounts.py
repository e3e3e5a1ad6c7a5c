"""The citizen's portal account: look it up, create it where the portal allows, else guide.

Since 1 July 2025 citizens log in with VNeID and many portals no longer create accounts
(domain.md §5); the portal's capabilities say which. The officer's own account never stands
in for the citizen's. Events carry no ID number: only whether an account was found/created.
"""

from __future__ import annotations

import time
import uuid

from counter_app.events import EventLog
from counter_app.portal.adapters import PortalAdapter
from counter_app.portal.errors import AccountCreationUnsupported
from portal_contract.models import AccountInfo, AccountRequest

GUIDED_TO_VNEID = "VNeID"


class AccountService:
    def __init__(self, client: PortalAdapter, events: EventLog) -> None:
        self.client = client
        self.events = events

    def can_create(self) -> bool:
        return self.client.capabilities().create_account

    def check(self, dossier_ref: str, id_number: str) -> AccountInfo:
        started = time.monotonic()
        info = self.client.find_account(id_number)
        self.events.append(
            "account_checked",
            dossier_ref=dossier_ref,
            duration_ms=int((time.monotonic() - started) * 1000),
            payload={"found": info.found, "provider": info.provider, "level": info.level},
        )
        return info

    def create(
        self, dossier_ref: str, request: AccountRequest, idempotency_key: str | None = None
    ) -> AccountInfo:
        """Create the account (consent required); AccountCreationUnsupported when the portal cannot."""
        if not self.can_create():
            raise AccountCreationUnsupported(
                "Cổng dịch vụ công của tỉnh không cho phép tạo tài khoản tại quầy.",
                "Hướng dẫn công dân đăng ký tài khoản định danh điện tử VNeID, rồi ghi nhận việc đã hướng dẫn.",
            )
        started = time.monotonic()
        info = self.client.create_account(request, idempotency_key or str(uuid.uuid4()))
        self.events.append(
            "account_created",
            dossier_ref=dossier_ref,
            duration_ms=int((time.monotonic() - started) * 1000),
            # Consent is the legal basis for creating the account (Law 91/2025): kept with the event.
            payload={"provider": info.provider, "created": info.created, "consent": request.consent},
        )
        return info

    def record_guided(self, dossier_ref: str, guided_to: str = GUIDED_TO_VNEID) -> None:
        """The officer guided the citizen to register (VNeID) instead of creating an account here."""
        self.events.append("citizen_guided", dossier_ref=dossier_ref, payload={"guided_to": guided_to})
