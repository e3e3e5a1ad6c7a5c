"""`counter-app doctor`: a readable Vietnamese summary on a terminal, the JSON of docs/cli.md with
`--json` or when stdout is a pipe. The terminal is a real pseudo-terminal (pty), not a flag."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONLY = ["--only", "config", "--only", "database", "--only", "storage"]


def _run(data_dir: Path, *args: str, terminal: bool = False) -> tuple[int, str]:
    command = [sys.executable, "-m", "ui.entry", "doctor", "--data-dir", str(data_dir), *ONLY, *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if not terminal:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout
    leader, follower = pty.openpty()
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=follower, stderr=subprocess.DEVNULL) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = proc.wait(timeout=120)
    os.close(leader)
    return code, b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_pipe_and_json_get_the_contract_object(isolated_dirs) -> None:
    for args in ((), ("--json",)):
        code, out = _run(isolated_dirs, *args)
        report = json.loads(out)
        assert code == 0 and report["ok"] is True
        assert {"config", "database", "storage"} <= set(report) and report["database"]["ok"]


def test_a_terminal_gets_a_readable_vietnamese_summary(isolated_dirs) -> None:
    code, out = _run(isolated_dirs, terminal=True)
    assert code == 0
    assert not out.lstrip().startswith("{")
    assert "✔ Cơ sở dữ liệu: tốt" in out and "Kiểm tra toàn vẹn: đạt." in out
    assert "? Máy quét: chưa kiểm tra" in out and "? Camera: chưa kiểm tra" in out
    assert "Chưa kiểm tra: " in out and "Mọi mục đều tốt" not in out
    assert "free_bytes" not in out and "Còn trống: " in out
