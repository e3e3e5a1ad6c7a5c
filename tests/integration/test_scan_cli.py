"""`counter-app devices` and `counter-app scan` as IT staff run them: a real process, JSON out.

The SANE device is SANE's own `test` backend (configured through SANE_CONFIG_DIR); the demo
device feeds the bundled sample pages; every page file is re-decoded with OpenCV.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from tests.integration.test_sane_backend import write_sane_config

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "ui.entry", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(autouse=True)
def sane_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Every CLI run sees only SANE's `test` backend and no mDNS: the system SANE configuration
    loads network backends that broadcast to find scanners, which must not happen here."""
    env = {"SANE_CONFIG_DIR": str(write_sane_config(tmp_path / "sane")), "COUNTER_APP_NO_DISCOVERY": "1"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_devices_lists_sane_and_demo_devices(sane_env):
    result = run_cli("devices", "--no-discovery", "--capabilities", env_extra=sane_env)
    assert result.returncode == 0, result.stderr
    devices = json.loads(result.stdout)
    ids = [d["id"] for d in devices]
    assert "sane:test:0" in ids and "demo:0" in ids
    sane = next(d for d in devices if d["id"] == "sane:test:0")
    assert sane["capabilities"]["sources"] == ["flatbed", "adf"]


def test_devices_backends_says_why_one_is_disabled(sane_env):
    result = run_cli("devices", "--backends", env_extra=sane_env)
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    assert rows["demo"]["available"] is True
    if sys.platform != "win32":
        assert rows["twain"]["available"] is False and rows["twain"]["reason"]


def test_scan_adf_batch_prints_one_line_per_page(sane_env, tmp_path):
    out = tmp_path / "pages"
    result = run_cli(
        "scan", "--device", "sane:test:0", "--source", "adf", "--mode", "gray", "--dpi", "100",
        "--out", str(out), env_extra=sane_env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = lines(result.stdout)
    assert [r["page"] for r in rows] == list(range(1, 11))  # the test feeder holds ten sheets
    for row in rows:
        assert set(row) == {"page", "path", "width", "height", "dpi", "mode"}
        image = cv2.imread(row["path"], cv2.IMREAD_UNCHANGED)
        assert image.shape[:2] == (row["height"], row["width"])
        assert row["dpi"] == 100 and row["mode"] == "gray" and image.ndim == 2


def test_scan_demo_device_with_page_limit(tmp_path):
    out = tmp_path / "demo"
    result = run_cli(
        "scan", "--device", "demo:0", "--source", "adf", "--pages", "2", "--dpi", "150", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    rows = lines(result.stdout)
    assert [r["page"] for r in rows] == [1, 2]
    assert rows[0]["dpi"] == 150 and rows[0]["mode"] == "color"
    assert cv2.imread(rows[0]["path"]).shape == (rows[0]["height"], rows[0]["width"], 3)


def test_scan_unsupported_setting_is_a_known_error(sane_env, tmp_path):
    result = run_cli(
        "scan", "--device", "sane:test:0", "--source", "duplex", "--out", str(tmp_path), env_extra=sane_env
    )
    assert result.returncode == 2
    error = json.loads(result.stderr.strip().splitlines()[-1])["error"]
    assert error["code"] == "unsupported_setting"
    assert "khay nạp hai mặt" in error["message"]


def test_scan_unknown_device_is_a_known_error(tmp_path):
    result = run_cli("scan", "--device", "demo:9", "--out", str(tmp_path))
    assert result.returncode == 2
    assert json.loads(result.stderr.strip().splitlines()[-1])["error"]["code"] == "no_device"


def test_scan_from_a_network_scanner_over_loopback(tmp_path):
    from tests.escl_server import EsclServer

    with EsclServer(adf_sheets=3) as server:
        result = run_cli(
            "scan", "--device", f"escl:{server.url}", "--source", "adf", "--mode", "gray", "--dpi", "75",
            "--out", str(tmp_path), "--no-discovery",
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = lines(result.stdout)
    assert [r["page"] for r in rows] == [1, 2, 3]
    assert cv2.imread(rows[2]["path"], cv2.IMREAD_UNCHANGED).ndim == 2


def test_scan_imports_files_from_a_folder(tmp_path):
    from PIL import Image

    source = tmp_path / "in"
    source.mkdir()
    frames = [Image.new("L", (300, 400), v) for v in (30, 220)]
    frames[0].save(source / "a.tif", save_all=True, append_images=frames[1:], dpi=(200, 200))
    Image.new("RGB", (200, 100), "red").save(source / "b.png", dpi=(150, 150))
    result = run_cli("scan", "--device", f"files:{source}", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    rows = lines(result.stdout)
    assert [(r["page"], r["dpi"], r["mode"]) for r in rows] == [
        (1, 200, "gray"),
        (2, 200, "gray"),
        (3, 150, "color"),
    ]


def test_scan_a_still_from_a_camera_stand_in(tmp_path):
    import numpy as np

    video = tmp_path / "camera.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 30, (320, 240))
    if not writer.isOpened():
        pytest.skip("OpenCV cannot write MJPG video here")
    for _ in range(15):
        writer.write(np.full((240, 320, 3), 180, np.uint8))
    writer.release()
    listed = run_cli("devices", "--no-discovery", "--camera", str(video))
    assert f"webcam:{video}" in [d["id"] for d in json.loads(listed.stdout)]
    result = run_cli("scan", "--device", f"webcam:{video}", "--dpi", "200", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    (row,) = lines(result.stdout)
    assert (row["width"], row["height"], row["mode"]) == (320, 240, "color")
