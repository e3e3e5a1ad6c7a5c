"""Issue 17: building one component's PDF from a stored 300 dpi page holds little more than the page.

Each measurement is a fresh child process started as the application starts (page-sized blocks
are their own mappings): it warms every import and code path on a small page, then reads how
far one build, with page 1 looked at for the window (`build_and_look(..., "screen")`), raises
its resident high-water mark (VmHWM) above what it held. The page is stored as the intake
stores it (a JPEG of the cleaned page). A 300 dpi A4 page is a 26 MB array; measured on this
machine: a text page ~47.5 MB (62 before the page was decoded straight into numpy and its
analysis kept fewer page-sized arrays), a photograph ~43 MB (68 before its page was let go
before its 200 dpi copy was encoded). The bounds leave 4 MB of slack and fail on one more
copy of the page, even at 200 dpi.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from counter_app.intake.inputs import encode_page
from tests.synthetic import render_photo_page, render_text_page

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")

_MEASURE = """
import ctypes, json, re, sys
from pathlib import Path

from common.memory import return_big_blocks

return_big_blocks()  # as counter-app starts

import cv2

from counter_app.intake.pdfs import build_and_look
from scanner.pdf import EncodedPage

def kb(field):
    return int(re.search(field + r":\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))

def build(page):
    build_and_look([EncodedPage(page.name, page.read_bytes())], page.with_suffix(".pdf"), "screen", ocr=False)

cv2.setNumThreads(1)  # as on the intake's workers of a two-core counter PC
warm, page = Path(sys.argv[1]), Path(sys.argv[2])
build(warm)
build(warm)
ctypes.CDLL("libc.so.6").malloc_trim(0)
held = kb("VmRSS")
build(page)
print(json.dumps({"rise_mb": (kb("VmHWM") - held) / 1024}))
"""


def _stored(image: np.ndarray, path: Path) -> Path:
    data, _meta = encode_page(cv2.cvtColor(image, cv2.COLOR_RGB2BGR), 300, "color", False)
    path.write_bytes(data)
    return path


def _rise_mb(page: Path, warm: Path) -> float:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(warm), str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])["rise_mb"]


@pytest.mark.parametrize(("kind", "bound_mb"), [("text", 52), ("photo", 47)])
def test_one_page_pdf_is_built_within_a_bounded_peak(kind: str, bound_mb: float, tmp_path: Path) -> None:
    render = render_text_page if kind == "text" else render_photo_page
    image = np.asarray(render(dpi=300, seed=1))
    page = _stored(image, tmp_path / f"{kind}.jpg")
    small = cv2.resize(image, (image.shape[1] // 4, image.shape[0] // 4), interpolation=cv2.INTER_AREA)
    warm = _stored(small, tmp_path / f"warm-{kind}.jpg")
    rise = _rise_mb(page, warm)
    assert rise < bound_mb, f"{kind} page: {rise:.1f} MB above the warmed process"
