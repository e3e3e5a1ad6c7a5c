"""Atomic writes shared by every package: the old file or the new one, never half, no temp left."""

from __future__ import annotations

from pathlib import Path

import pytest

from common.atomic import atomic_write, atomic_write_bytes, atomic_write_text


def test_text_is_written_as_utf8_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "cấu-hình.toml"
    atomic_write_text(target, 'tên = "Một Cửa Số"\n')
    assert target.read_bytes() == 'tên = "Một Cửa Số"\n'.encode()


def test_a_failing_writer_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "big.pdf"
    atomic_write_bytes(target, b"old")

    def half_then_fail(handle: object) -> None:
        handle.write(b"half")  # type: ignore[attr-defined]
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["big.pdf"]
