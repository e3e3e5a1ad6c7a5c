"""Personal data at rest: sealed with AES-GCM, written atomically, moved files detected."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from common.atomic import atomic_write_bytes
from counter_app.storage.crypto import DecryptionError, load_or_create_data_key
from counter_app.storage.workspace import Workspace

NAME = "Nguyễn Thị Mẫu"  # synthetic citizen
ID_NUMBER = "001301012345"


def test_data_key_is_created_once_and_private(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "data.key"
    first = load_or_create_data_key(key_file, "file")
    again = load_or_create_data_key(key_file, "file")
    assert first.secret == again.secret
    if os.name != "nt":
        assert key_file.stat().st_mode & 0o077 == 0


def test_workspace_round_trip_and_no_plaintext_on_disk(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws", load_or_create_data_key(tmp_path / "k", "file"))
    page = f"%PDF-1.7 {NAME} {ID_NUMBER}".encode() * 50
    ws.write("LOC-1", "pages/0001.png", page)
    assert ws.read("LOC-1", "pages/0001.png") == page
    assert ws.names("LOC-1") == ["pages/0001.png"]
    for path in (tmp_path / "ws").rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            assert NAME.encode() not in raw and ID_NUMBER.encode() not in raw


def test_file_moved_to_another_place_is_detected(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws", load_or_create_data_key(tmp_path / "k", "file"))
    ws.write("LOC-1", "a.pdf", b"first")
    ws.write("LOC-1", "b.pdf", b"second")
    folder = ws.folder("LOC-1")
    (folder / "b.pdf.enc").write_bytes((folder / "a.pdf.enc").read_bytes())
    with pytest.raises(DecryptionError):
        ws.read("LOC-1", "b.pdf")


def test_wrong_key_cannot_read(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws", load_or_create_data_key(tmp_path / "k1", "file"))
    ws.write("LOC-1", "a.pdf", b"data")
    other = Workspace(tmp_path / "ws", load_or_create_data_key(tmp_path / "k2", "file"))
    with pytest.raises(DecryptionError):
        other.read("LOC-1", "a.pdf")


def test_paths_cannot_escape_the_dossier(tmp_path: Path) -> None:
    from counter_app.errors import StorageError

    ws = Workspace(tmp_path / "ws", load_or_create_data_key(tmp_path / "k", "file"))
    with pytest.raises(StorageError):
        ws.write("LOC-1", "../../evil", b"x")
    with pytest.raises(StorageError):
        ws.write("../x", "a", b"x")


def test_atomic_write_leaves_old_content_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.bin"
    atomic_write_bytes(target, b"old")

    def power_cut(*_args: object) -> None:
        raise OSError("simulated power cut before the rename")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"], "no temp file left behind"
