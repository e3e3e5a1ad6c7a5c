"""The citizen's account: look up, create where the portal allows, otherwise guide to VNeID.
Real sandbox over loopback, real event log; events never carry the ID number.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from counter_app.events import iter_events
from counter_app.portal.accounts import AccountService
from counter_app.portal.client import PortalClient
from counter_app.portal.errors import AccountCreationUnsupported
from portal_contract.models import AccountRequest, Applicant
from sandbox.server import SandboxHandle, start_in_thread
from tests.integration.test_portal_support import open_outbox

NO_ACCOUNT = Applicant(id_number="001203004567", full_name="Phạm Văn Chưa Có")  # odd last digit


@pytest.fixture
def sandbox() -> Iterator[SandboxHandle]:
    handle = start_in_thread()
    yield handle
    handle.stop()


@pytest.fixture
def service(sandbox, tmp_path) -> Iterator[AccountService]:
    db, events, _ = open_outbox(tmp_path / "counter.sqlite3")
    with PortalClient(sandbox.url, timeout_s=5) as client:
        yield AccountService(client, events)
    db.close()


def _events(service: AccountService) -> list:
    return list(
        iter_events(service.events.db, kinds=("account_checked", "account_created", "citizen_guided"))
    )


def test_look_up_then_create_with_consent(service):
    assert service.check("HS-A", NO_ACCOUNT.id_number).found is False
    created = service.create("HS-A", AccountRequest(NO_ACCOUNT, consent=True), idempotency_key="acct-1")
    assert created.created and created.account_id
    again = service.create("HS-A", AccountRequest(NO_ACCOUNT, consent=True), idempotency_key="acct-1")
    assert again.account_id == created.account_id, "a repeated key returns the original account"
    found = service.check("HS-A", NO_ACCOUNT.id_number)
    assert found.found and found.account_id == created.account_id
    kinds = [e.kind for e in _events(service)]
    assert kinds == ["account_checked", "account_created", "account_created", "account_checked"]
    # Consent is the legal basis for creating the account (Law 91/2025): it stays with the event.
    assert all(e.payload["consent"] is True for e in _events(service) if e.kind == "account_created")
    assert all(NO_ACCOUNT.id_number not in str(e.payload) for e in _events(service))


def test_a_portal_without_account_creation_leads_to_guidance(service, sandbox):
    httpx.put(f"{sandbox.url}/sandbox/settings", json={"allow_create_account": False}, timeout=5)
    assert service.can_create() is False
    with pytest.raises(AccountCreationUnsupported) as caught:
        service.create("HS-B", AccountRequest(NO_ACCOUNT, consent=True))
    assert "VNeID" in caught.value.hint
    # The portal itself refuses too, with its own message, if asked directly.
    with pytest.raises(AccountCreationUnsupported) as direct:
        service.client.create_account(AccountRequest(NO_ACCOUNT, consent=True), "acct-2")
    assert "VNeID" in direct.value.message
    service.record_guided("HS-B")
    guided = [e for e in _events(service) if e.kind == "citizen_guided"]
    assert (
        len(guided) == 1 and guided[0].payload == {"guided_to": "VNeID"} and guided[0].dossier_ref == "HS-B"
    )
