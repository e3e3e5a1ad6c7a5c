"""The PC/SC transport (`pyscard`, through `pcscd` on Linux and WinSCard on Windows): the
contactless readers counters already use for the ID card."""

from __future__ import annotations

import threading
import time
from typing import Any

from idchip.errors import ChipError

SWAP_POLL_S = 0.05


def reader_names() -> list[str]:
    try:
        from smartcard.Exceptions import SmartcardException
        from smartcard.pcsc.PCSCExceptions import BaseSCardException
        from smartcard.System import readers
    except ImportError:  # pyscard not installed (a trimmed build)
        raise ChipError(
            "Máy chưa có thư viện đọc thẻ thông minh (pyscard).", "Cài lại ứng dụng.", code="chip_no_pcsc"
        ) from None
    try:
        return [str(r) for r in readers()]
    except (BaseSCardException, SmartcardException):
        raise ChipError(
            "Dịch vụ thẻ thông minh (PC/SC) không chạy.",
            "Bật dịch vụ pcscd (Linux) hoặc «Smart Card» (Windows) rồi thử lại.",
            code="chip_no_pcsc",
        ) from None


class PcscTransport:
    """The card on a named reader (or on any reader), waited for up to `wait_s` seconds: the officer
    may start reading before the citizen has put the card down."""

    def __init__(self, reader: str | None = None, wait_s: float = 10.0) -> None:
        from smartcard.CardRequest import CardRequest
        from smartcard.Exceptions import CardConnectionException, CardRequestTimeoutException
        from smartcard.System import readers

        names = reader_names()
        if not names:
            raise ChipError(
                "Không thấy đầu đọc thẻ nào.",
                "Cắm đầu đọc thẻ căn cước vào máy rồi thử lại.",
                code="chip_no_reader",
            )
        chosen = [r for r in readers() if reader is None or reader in str(r)]
        if not chosen:
            raise ChipError(
                f"Không thấy đầu đọc «{reader}».",
                f"Các đầu đọc có: {', '.join(names)}.",
                code="chip_no_reader",
            )
        # A card just swapped for another still shows as present until the reader polls it again,
        # and connecting to it fails: wait on for the card now on the reader, up to `wait_s`.
        deadline = time.monotonic() + max(wait_s, 0.1)
        while True:
            try:
                remaining = max(deadline - time.monotonic(), 0.1)
                service = CardRequest(timeout=remaining, readers=chosen).waitforcard()
                service.connection.connect()
                _hold(service.connection)
                break
            except CardRequestTimeoutException:
                raise self._no_card() from None
            except CardConnectionException:
                if time.monotonic() >= deadline:
                    raise self._no_card() from None
                # The reader has not polled the new card yet: look again shortly (pcsc-lite
                # reports no event for a card swapped within one polling period).
                threading.Event().wait(SWAP_POLL_S)
        # The service disconnects its connection when it is collected: it lives as long as we do.
        self._service: Any = service
        self._connection: Any = service.connection
        self.reader = str(self._connection.getReader())
        self._errors = CardConnectionException

    @staticmethod
    def _no_card() -> ChipError:
        return ChipError(
            "Chưa có thẻ trên đầu đọc.",
            "Đặt thẻ căn cước nằm yên trên đầu đọc rồi thử lại.",
            code="chip_no_card",
        )

    def transmit(self, apdu: bytes) -> tuple[bytes, int]:
        try:
            data, sw1, sw2 = self._connection.transmit(list(apdu))
        except self._errors:
            raise ChipError(
                "Thẻ bị nhấc khỏi đầu đọc khi đang đọc.",
                "Đặt thẻ nằm yên trên đầu đọc rồi đọc lại.",
                code="chip_card_removed",
            ) from None
        return bytes(data), sw1 << 8 | sw2

    def close(self) -> None:
        """Let the card go (and pyscard's context with it), so nothing is left for the collector."""
        from smartcard import scard

        handle = _handle(self._connection)
        if handle is not None:
            scard.SCardEndTransaction(handle, scard.SCARD_LEAVE_CARD)  # gone already: nothing to end
        try:
            self._connection.disconnect()
            self._connection.release()
        except self._errors:
            pass  # already gone
        self._service = None


def _handle(connection: Any) -> Any:
    """The PC/SC card handle under pyscard's connection (wrapped in a decorator by `CardRequest`)."""
    return getattr(getattr(connection, "component", connection), "hcard", None)


def _hold(connection: Any) -> None:
    """Take the card for this read alone (a PC/SC transaction) until `close`: counter PCs run the
    CA's token manager and other programs that poll every reader, and one plain command of theirs
    between two secured ones ends the chip's secure messaging. Their commands wait meanwhile; the
    card stays shared, so a program that keeps a handle on it (OpenSC does) does not lock us out."""
    from smartcard import scard
    from smartcard.Exceptions import CardConnectionException

    result = scard.SCardBeginTransaction(_handle(connection))
    if result != scard.SCARD_S_SUCCESS:
        connection.disconnect()  # the caller looks again, as for a card not polled yet
        raise CardConnectionException(scard.SCardGetErrorMessage(result))
