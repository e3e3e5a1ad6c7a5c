"""Fixtures for widget tests: a fresh application context in the per-test data folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app.context import AppContext


@pytest.fixture
def ctx() -> Iterator[AppContext]:
    context = AppContext.open()
    yield context
    context.close()
