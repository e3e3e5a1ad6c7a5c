"""Even out shadows and uneven light on a photographed page.

The paper's brightness is estimated at low resolution with a maximum filter wider than any stroke (so
ink, stamps and signatures do not count as paper), and every pixel is divided by it. Division keeps each
mark's contrast relative to the paper around it, so faint ink and light stamps are not bleached away.
"""

from __future__ import annotations

import cv2
import numpy as np

_WORK_SIDE = 160  # long side of the light map (pixels): light varies slowly across a page


def paper_light(image: np.ndarray) -> np.ndarray:
    """The paper brightness under each pixel (same shape and type as `image`)."""
    h, w = image.shape[:2]
    scale = _WORK_SIDE / max(h, w)
    small = cv2.resize(
        image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    # About 10 mm on an A4 page: wider than strokes and seal rings, narrower than a shadow's gradient.
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (7, 7))
    light = cv2.dilate(small, kernel)
    light = cv2.GaussianBlur(light, (0, 0), 2.0)
    return cv2.resize(light, (w, h), interpolation=cv2.INTER_LINEAR)


def flatten_illumination(image: np.ndarray) -> np.ndarray:
    """`image` with the paper brought to white everywhere (BGR or grey, uint8)."""
    light = paper_light(image)
    np.maximum(light, 1, out=light)
    return cv2.divide(image, light, dst=light, scale=255)  # in place: one page-sized array, not three
