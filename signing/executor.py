"""One thread for everything that touches a PKCS#11 module.

Token modules often misbehave when two threads open sessions at once, and many bind a session
to the thread that opened it; funnelling all token work through one worker avoids both. Plain
`concurrent.futures` (no Qt): the UI wraps the returned futures in its own task helper.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class TokenExecutor:
    """A single-thread executor; `call` blocks, `submit` returns a Future."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="token")

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        return self._pool.submit(fn, *args, **kwargs)

    def call(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        return self.submit(fn, *args, **kwargs).result()

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=True)

    def __enter__(self) -> TokenExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
