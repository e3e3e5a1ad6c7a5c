"""Fixtures of the bad-input tests (imported by each test module, so this folder needs no conftest.py
shared with the other reliability tests): the CLI run in-process and the issue's 2.4 MB PDF bomb."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from counter_app.cli import main
from tests import hostile

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CliRun:
    rc: int
    lines: list[dict]
    error: dict | None
    stderr: str


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`counter-app ARGS` in this process, on a data folder of its own."""

    def run(*args: str) -> CliRun:
        rc = main([*args, "--data-dir", str(tmp_path / "data")])
        out, err = capsys.readouterr()
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        error = None
        for line in err.splitlines():
            if line.startswith('{"error"'):
                error = json.loads(line)["error"]
        return CliRun(rc, lines, error, err)

    return run


@pytest.fixture(scope="session")
def pdf_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The issue's file: a 2.4 MB PDF holding one 50000×50000 grey image."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.pdf"
    path.write_bytes(hostile.pdf_with_image(50_000, 50_000))
    return path


def peak_rss_mb(*cli_args: str, timeout: float = 120) -> tuple[int, float, str]:
    """Run `counter-app CLI_ARGS` in a child of a fresh child; its exit status, peak RSS (MB), stderr."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "sys.stderr.buffer.write(done.stderr)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "ui.entry", *cli_args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=True,
    )
    rc, kilobytes = done.stdout.split()
    return int(rc), int(kilobytes) / 1024, done.stderr
