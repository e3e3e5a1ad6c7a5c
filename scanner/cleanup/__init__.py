"""Page clean-up for captured pages (numpy/OpenCV only).

from scanner.cleanup import clean_page, detect_page, OutlineTracker

result = clean_page(bgr, source="camera")    # perspective, light, orientation, colour class, blank
outline = detect_page(frame)                  # PageOutline(corners, confidence) or None
"""

from scanner.cleanup.outline import PageOutline, detect_page
from scanner.cleanup.page import CleanResult, clean_page, detect_upright_page
from scanner.cleanup.tracker import OutlineTracker, TrackerState

__all__ = [
    "CleanResult",
    "OutlineTracker",
    "PageOutline",
    "TrackerState",
    "clean_page",
    "detect_page",
    "detect_upright_page",
]
