"""Check a minimal OpenCV module: it imports on its own and does what the application asks of it.

    python build_spec/opencv_minimal_check.py FOLDER NAMES_JSON CAMERAS_JSON

Run by opencv_minimal.verify() in a fresh interpreter with FOLDER in front of the venv, so the
dev venv's wheel cannot answer in its place. Prints one JSON object; exits non-zero on a failure.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

SHADES = tuple(range(0, 250, 50))


def _require(condition: object, message: str) -> None:
    if not condition:
        raise SystemExit(f"minimal OpenCV: {message}")


def check(folder: str, names: list[str], cameras: set[str]) -> dict[str, Any]:
    sys.path.insert(0, folder)
    import cv2
    import numpy as np

    _require(Path(cv2.__file__).parent == Path(folder), f"cv2 imported from {cv2.__file__}")
    info = cv2.getBuildInformation()
    jpeg = info[info.index("JPEG:") : info.index("PNG:")]
    _require("SIMD Support:              YES" in jpeg, f"libjpeg-turbo built without SIMD: {jpeg}")
    missing = [n for n in names if not hasattr(cv2, n)]
    _require(not missing, f"cv2 lacks {missing}")
    registry = cv2.videoio_registry
    backends = {registry.getBackendName(b) for b in registry.getBackends()}
    camera_backends = {registry.getBackendName(b) for b in registry.getCameraBackends()}
    _require(cameras <= camera_backends, f"camera back-ends {sorted(camera_backends)} lack {sorted(cameras)}")
    # Only built-in back-ends (no plug-ins): FFmpeg and GStreamer are not even known.
    _require(not registry.hasBackend(cv2.CAP_FFMPEG) and not registry.hasBackend(cv2.CAP_GSTREAMER), "FFmpeg")
    _require(not {"FFMPEG", "GSTREAMER"} & backends, f"back-ends {sorted(backends)}")
    page = np.random.default_rng(7).integers(0, 256, (120, 160, 3), dtype=np.uint8)
    page[30:90, 40:120] = (20, 200, 40)
    codecs: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for ext in (".png", ".tiff"):  # lossless: read back exactly, from memory and from a file
            ok, data = cv2.imencode(ext, page)
            _require(ok and np.array_equal(cv2.imdecode(data, cv2.IMREAD_COLOR), page), f"{ext} round trip")
            path = str(Path(tmp) / f"page{ext}")
            _require(
                cv2.imwrite(path, page) and np.array_equal(cv2.imread(path), page), f"{ext} file round trip"
            )
            codecs[ext] = len(data)
        patch = page[30:90, 40:120]
        ok, data = cv2.imencode(".jpg", patch, [cv2.IMWRITE_JPEG_QUALITY, 94])
        back = cv2.imdecode(data, cv2.IMREAD_COLOR)
        _require(
            ok and back.shape == patch.shape and abs(back.astype(int) - patch).mean() < 4, "JPEG round trip"
        )
        codecs[".jpg"] = len(data)
        video = _mjpeg_round_trip(cv2, np, str(Path(tmp) / "camera.avi"))
    return {
        "cv2": cv2.__version__,
        "backends": sorted(backends),
        "cameras": sorted(camera_backends),
        "codec_bytes": codecs,
        "video": video,
        "names": len(names),
    }


def _mjpeg_round_trip(cv2: Any, np: Any, path: str) -> str:
    """An MJPG AVI written by OpenCV's MJPEG back-end, opened as the webcam device opens a file."""
    writer = cv2.VideoWriter(path, cv2.CAP_OPENCV_MJPEG, cv2.VideoWriter_fourcc(*"MJPG"), 5.0, (64, 48))
    _require(writer.isOpened(), "the MJPEG back-end cannot write an AVI")
    for shade in SHADES:
        writer.write(np.full((48, 64, 3), shade, dtype=np.uint8))
    writer.release()
    capture = cv2.VideoCapture(path)  # no back-end named, as scanner/devices/webcam.py does
    shades = []
    while (frame := capture.read())[0]:
        shades.append(int(frame[1].mean()))
    backend = capture.getBackendName()
    capture.release()
    close = len(shades) == len(SHADES) and all(abs(s - e) < 4 for s, e in zip(shades, SHADES, strict=True))
    _require(backend == "CV_MJPEG" and close, f"{backend} read {shades}, not {list(SHADES)}")
    return f"{len(shades)} frames via {backend}"


if __name__ == "__main__":
    report = check(sys.argv[1], json.loads(sys.argv[2]), set(json.loads(sys.argv[3])))
    print(json.dumps(report))
