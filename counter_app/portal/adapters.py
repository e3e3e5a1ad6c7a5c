"""The plug-in seam between the core and a province's portal: the `PortalAdapter` interface.

The outbox, its idempotency keys (exactly-once filing), the receipts and the KPIs stay in the
core; an adapter only speaks one portal's wire protocol. Adapters are found by name through the
Python entry-point group `mot_cua_so.portal_adapters` (an integrator ships one as a separate
package declaring, in its own pyproject.toml::

    [project.entry-points."mot_cua_so.portal_adapters"]
    tinh_x = "tinh_x_portal:open_adapter"

), and `portal.adapter` in the configuration picks one. The adapters shipped with the core are
also listed here, so they work from a source checkout that was never pip-installed.

A factory is `open_adapter(config, url, *, timeout_s=None, transport=None) -> PortalAdapter`;
`transport` (an httpx transport) lets the conformance kit put its fault injector under the
adapter without the adapter knowing.

Progress sync (a filed dossier's later status changes, `counter_app.portal.progress`) is
optional: an adapter that has it sets `progress_sync = True` on its class and on its factory
(read without opening a connection, when the workflow decides whether to queue a report) and
implements `push_progress(update, idempotency_key)`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module, metadata
from typing import IO, Any, Protocol, runtime_checkable

from counter_app.errors import KnownError
from portal_contract.models import (
    AccountInfo,
    AccountRequest,
    Capabilities,
    ComponentUpload,
    DossierStatus,
    SubmissionRequest,
    SubmissionResult,
)

ENTRY_POINT_GROUP = "mot_cua_so.portal_adapters"
DEFAULT_ADAPTER = "reference"

FileOpener = Callable[[ComponentUpload], IO[bytes]]

# The core's own adapters ("module:factory"), used when no installed distribution declares them.
BUILT_IN = {
    "reference": "counter_app.portal.client:open_adapter",
    "opencps": "counter_app.portal.opencps:open_adapter",
    "dvcqg": "counter_app.portal.dvcqg:open_adapter",
}


@runtime_checkable
class PortalAdapter(Protocol):
    """What the core asks of a portal. Failures are `counter_app.portal.errors` (retryable or not).

    - `capabilities()`: whether accounts can be created here (else the officer guides the citizen
      to VNeID), file size limits, payment and return methods.
    - `find_account(id_number)` / `create_account(request, key)`: `AccountCreationUnsupported`
      when the portal does not create accounts.
    - `submit(request, key, open_file)`: files the dossier; the SAME key must never file it twice
      (a repeat returns the first filing's `SubmissionResult`: dossier number, received time,
      appointment date) — the outbox resends with the same key after any doubt.
    - `status(dossier_code)`: where the dossier is (statuses of `portal_contract.models`).
    - optional, with `progress_sync = True`: `push_progress(update, key)` reports one
      `ProgressUpdate`; a resend with the same key must not record the step twice.
    """

    name: str

    def capabilities(self) -> Capabilities: ...

    def find_account(self, id_number: str) -> AccountInfo: ...

    def create_account(self, request: AccountRequest, idempotency_key: str) -> AccountInfo: ...

    def submit(
        self, request: SubmissionRequest, idempotency_key: str, open_file: FileOpener = ...
    ) -> SubmissionResult: ...

    def status(self, dossier_code: str) -> DossierStatus: ...

    def close(self) -> None: ...


AdapterFactory = Callable[..., PortalAdapter]


class UnknownAdapterError(KnownError):
    code = "portal_adapter_unknown"


def available() -> dict[str, str]:
    """Adapter name -> "module:factory", installed entry points over the built-in ones."""
    found = dict(BUILT_IN)
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        found[entry.name] = entry.value
    return found


def factory(name: str) -> AdapterFactory:
    target = available().get(name)
    if target is None:
        raise UnknownAdapterError(
            f"Không có bộ kết nối cổng «{name}».",
            f"Các bộ kết nối đã cài: {', '.join(sorted(available()))}. Sửa tùy chọn portal.adapter"
            " hoặc cài gói bộ kết nối của tỉnh.",
        )
    module, _, attr = target.partition(":")
    try:
        return getattr(import_module(module), attr or "open_adapter")
    except (ImportError, AttributeError) as exc:
        raise UnknownAdapterError(
            f"Không nạp được bộ kết nối cổng «{name}» ({target}): {exc}",
            "Cài lại gói bộ kết nối hoặc báo nhà cung cấp của tỉnh.",
        ) from exc


def declares_progress(config: Any) -> bool:
    """Whether the configured adapter reports status changes (its factory's `progress_sync`)."""
    try:
        chosen = factory(config.get("portal.adapter") or DEFAULT_ADAPTER)
    except UnknownAdapterError:
        return False
    return bool(getattr(chosen, "progress_sync", False))


def open_adapter(
    config: Any,
    url: str,
    *,
    name: str | None = None,
    timeout_s: float | None = None,
    transport: Any = None,
) -> PortalAdapter:
    """The adapter `name` (else `portal.adapter`) talking to `url`."""
    chosen = name or config.get("portal.adapter") or DEFAULT_ADAPTER
    return factory(chosen)(config, url, timeout_s=timeout_s, transport=transport)
