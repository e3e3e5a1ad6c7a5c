"""How the office proves who it is to the portal: OAuth2 client credentials or a client certificate.

The OAuth2 token is fetched on first use, cached until shortly before it expires, and fetched
again once if the portal answers 401 (a token revoked early). A client certificate is a TLS
matter: it is handed to httpx as `cert=` by the client, not here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Generator

import httpx

# Refresh this many seconds before the portal says the token expires (clock skew, slow requests).
_EXPIRY_MARGIN_S = 30.0


class OAuth2ClientCredentials(httpx.Auth):
    requires_response_body = True

    def __init__(self, token_url: str, client_id: str, client_secret: str, scope: str = "") -> None:
        self.token_url = token_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.scope = scope
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()

    def _token_request(self) -> httpx.Request:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }
        if self.scope:
            form["scope"] = self.scope
        return httpx.Request("POST", self.token_url, data=form)

    def _store(self, response: httpx.Response) -> None:
        # A failed token request is left for the caller: the protected call then gets 401.
        if response.status_code != 200:
            self._token = None
            return
        try:
            body = response.json()
            self._token = str(body["access_token"])
            self._expires_at = time.monotonic() + float(body.get("expires_in", 300)) - _EXPIRY_MARGIN_S
        except (ValueError, KeyError, TypeError):
            self._token = None

    def _valid(self) -> bool:
        return self._token is not None and time.monotonic() < self._expires_at

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        with self._lock:
            need = not self._valid()
        if need:
            self._store((yield self._token_request()))
        if self._token:
            request.headers["Authorization"] = f"Bearer {self._token}"
        response = yield request
        if response.status_code == 401:
            self._store((yield self._token_request()))
            if self._token:
                request.headers["Authorization"] = f"Bearer {self._token}"
                yield request
