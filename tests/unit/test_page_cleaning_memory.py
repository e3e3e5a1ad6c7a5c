"""Issue 17: cleaning one 300 dpi page file holds little more than the decoded page itself.

Each measurement is a fresh child process: it warms every import and code path on a small page,
then reads how far one `prepare_pages` raises its resident high-water mark (VmHWM) above what
it held. A straight A4 page at 300 dpi is a 26 MB array; measured on this machine: a straight
page ~41 MB (51 before the decoder wrote straight into numpy and the analysis kept fewer
page-sized arrays), a skewed scan ~65 MB (83 before its original was let go once straightened).
The bounds leave 3-5 MB of slack and fail on any one extra copy of the page.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from tests.synthetic import render_text_page, save_page
from tests.synthetic_capture import rotate_on_bed, to_bgr

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")

_MEASURE = """
import ctypes, json, re, sys
from pathlib import Path

import cv2

from counter_app.intake.inputs import prepare_pages

def kb(field):
    return int(re.search(field + r":\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1))

cv2.setNumThreads(1)  # as on the intake's page workers of a two-core counter PC
warm, page = Path(sys.argv[1]), Path(sys.argv[2])
prepare_pages(warm, 300, True, True)
ctypes.CDLL("libc.so.6").malloc_trim(0)
held = kb("VmRSS")
prepare_pages(page, 300, True, True)
print(json.dumps({"rise_mb": (kb("VmHWM") - held) / 1024}))
"""


def _rise_mb(page: Path, tmp_path: Path) -> float:
    warm = tmp_path / "warm.jpg"
    cv2.imwrite(str(warm), cv2.resize(cv2.imread(str(page)), (248, 350), interpolation=cv2.INTER_AREA))
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


@pytest.mark.parametrize(("kind", "bound_mb"), [("straight", 46), ("skewed", 68)])
def test_one_page_is_cleaned_within_a_bounded_peak(kind: str, bound_mb: float, tmp_path: Path) -> None:
    page = render_text_page(dpi=300, seed=1)
    if kind == "straight":
        path = save_page(page, tmp_path / "page.jpg", dpi=300)
    else:
        path = tmp_path / "page.jpg"  # a feeder scan turned 4° on a dark bed
        cv2.imwrite(str(path), rotate_on_bed(to_bgr(page), 4.0, 300, bed=35), [cv2.IMWRITE_JPEG_QUALITY, 90])
    rise = _rise_mb(path, tmp_path)
    assert rise < bound_mb, f"{kind} page: {rise:.1f} MB above the warmed process"
