"""Synthetic captures with known ground truth, built on the shared page renderer `tests.synthetic`.

    photo = camera_photo(seed=3)                  # BGR frame, photo.corners = true page quadrilateral
    scan = flatbed_scan(seed=4, angle=-3.7)       # BGR scan whose content is rotated by scan.angle
    blank = near_blank_page(seed=5, kind="show_through")
    sparse = sparse_page(seed=6, kind="signature")
    rest_at = write_page_video(tmp_path / "desk.avi", seed=7)

Corners are `float32` arrays (4, 2) in pixel-centre coordinates, clockwise from the page's top-left
(TL, TR, BR, BL). Angles are degrees, counter-clockwise positive (the content is turned left). Images are
BGR `uint8` numpy arrays, as OpenCV reads them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

# The seal and signature painters are used alone here, for pages that carry nothing else.
from tests.synthetic import (
    INK,
    SEAL_RED,
    draw_signature,
    font,
    page_size_px,
    px_per_mm,
    render_blank_page,
    render_photo_page,
    render_text_page,
    stamp_seal,
)

BLANK_KINDS = ("clean", "noise", "show_through", "punch_holes", "all")
SPARSE_KINDS = ("signature", "stamp", "short_line", "note", "faint_note", "tick")


@dataclass(frozen=True)
class CameraPhoto:
    image: np.ndarray
    corners: np.ndarray


@dataclass(frozen=True)
class FlatbedScan:
    image: np.ndarray
    angle: float
    dpi: int


def to_bgr(page: Image.Image) -> np.ndarray:
    return cv2.cvtColor(np.asarray(page.convert("RGB")), cv2.COLOR_RGB2BGR)


def text_page(dpi: int, seed: int, *, with_seal: bool = True, with_signature: bool = True) -> np.ndarray:
    return to_bgr(render_text_page(dpi=dpi, seed=seed, with_seal=with_seal, with_signature=with_signature))


def desk_background(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """A desk: wood grain, dark cloth, grey or light laminate, with low-frequency light variation."""
    w, h = size
    kind = rng.integers(0, 4)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == 0:
        base = np.array([40, 75, 120], np.float32) * rng.uniform(0.6, 1.2)
        theta = rng.uniform(0, math.pi)
        u = xx * math.cos(theta) + yy * math.sin(theta)
        grain = np.sin(u / rng.uniform(6, 18) + 3 * np.sin(u / 97.0 + yy / 311.0))
        img = base[None, None, :] * (1 + 0.18 * grain[..., None])
    elif kind == 1:
        base = rng.uniform(20, 70, size=3).astype(np.float32)
        img = np.broadcast_to(base, (h, w, 3)).copy()
    elif kind == 2:
        img = np.full((h, w, 3), rng.uniform(90, 140), np.float32)
        img += rng.uniform(-10, 10, size=3).astype(np.float32)
    else:
        # A light desk, almost as bright as the paper once the light falls off: the hard case.
        img = np.full((h, w, 3), rng.uniform(160, 200), np.float32)
        img += rng.uniform(-8, 8, size=3).astype(np.float32)
    blotches = rng.normal(0, 1, size=(h // 40 + 2, w // 40 + 2, 1)).astype(np.float32)
    blotches = cv2.resize(blotches, (w, h), interpolation=cv2.INTER_CUBIC)[..., None]
    img *= 1 + 0.08 * blotches
    img += rng.normal(0, 6, size=(h, w, 1)).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def random_quad(rng: np.random.Generator, frame: tuple[int, int], aspect: float) -> np.ndarray:
    """A page outline as a pinhole camera sees it: a page turned up to ±25° on the desk, the camera tilted
    up to 25° and 15° about its axes, principal point at the frame centre, the page inside the frame."""
    w, h = frame
    focal = w * rng.uniform(0.75, 1.1)
    for _ in range(200):
        theta = math.radians(rng.uniform(-25, 25))
        half = np.array([[-1, -aspect], [1, -aspect], [1, aspect], [-1, aspect]]) / 2
        rot2 = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
        page = np.c_[half @ rot2.T + rng.uniform(-0.2, 0.2, 2), np.zeros(4)]
        tilt_x, tilt_y = math.radians(rng.uniform(-25, 25)), math.radians(rng.uniform(-15, 15))
        rx = np.array(
            [[1, 0, 0], [0, math.cos(tilt_x), -math.sin(tilt_x)], [0, math.sin(tilt_x), math.cos(tilt_x)]]
        )
        ry = np.array(
            [[math.cos(tilt_y), 0, math.sin(tilt_y)], [0, 1, 0], [-math.sin(tilt_y), 0, math.cos(tilt_y)]]
        )
        cam = page @ (ry @ rx).T
        target = h * rng.uniform(0.55, 0.9)
        distance = focal * aspect / target
        for _ in range(3):  # the projected height depends on the distance only approximately linearly
            z = cam[:, 2] + distance
            quad = np.c_[focal * cam[:, 0] / z + w / 2, focal * cam[:, 1] / z + h / 2]
            size = max(np.linalg.norm(quad[3] - quad[0]), np.linalg.norm(quad[2] - quad[1]))
            distance *= size / target
        margin = 6
        low_ok = quad[:, 0].min() > margin and quad[:, 1].min() > margin
        if low_ok and quad[:, 0].max() < w - margin and quad[:, 1].max() < h - margin:
            return quad.astype(np.float32)
    raise RuntimeError("could not place the page inside the frame")


def place_page(page: np.ndarray, corners: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Warp `page` onto `background` so that its outer edges land exactly on `corners`."""
    side = float(np.linalg.norm(corners[0] - corners[3]))
    scale = min(1.0, 1.5 * side / page.shape[0])
    if scale < 1.0:
        # Pre-shrink with area averaging: warpPerspective alone would alias the text.
        page = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ph, pw = page.shape[:2]
    # Pixel centres are integers, so the page's outer edge is half a pixel outside them.
    src = np.array([[-0.5, -0.5], [pw - 0.5, -0.5], [pw - 0.5, ph - 0.5], [-0.5, ph - 0.5]], np.float32)
    hom = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    size = (background.shape[1], background.shape[0])
    warped = cv2.warpPerspective(page, hom, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    # The coverage mask is rendered 4× larger and reduced, so the edge pixels are blended by area.
    up = np.array([[4, 0, 1.5], [0, 4, 1.5], [0, 0, 1]]) @ hom
    big = np.full((ph, pw), 255, np.uint8)
    mask = cv2.warpPerspective(big, up, (size[0] * 4, size[1] * 4), flags=cv2.INTER_NEAREST)
    alpha = cv2.resize(mask, size, interpolation=cv2.INTER_AREA).astype(np.float32)[..., None] / 255.0
    out = warped.astype(np.float32) * alpha + background.astype(np.float32) * (1 - alpha)
    return np.clip(out, 0, 255).astype(np.uint8)


def _lighting(rng: np.random.Generator, size: tuple[int, int], *, shadow: bool) -> np.ndarray:
    """Multiplicative light: a gradient across the frame and, optionally, a soft hand/phone shadow."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    theta = rng.uniform(0, 2 * math.pi)
    u = (xx * math.cos(theta) + yy * math.sin(theta)) / math.hypot(w, h)
    light = 1.0 - rng.uniform(0.05, 0.25) * (u - u.min())
    if shadow:
        phi = rng.uniform(0, 2 * math.pi)
        d = (xx - w * rng.uniform(0.2, 0.8)) * math.cos(phi) + (yy - h * rng.uniform(0.2, 0.8)) * math.sin(
            phi
        )
        softness = rng.uniform(10, 60)
        depth = rng.uniform(0.2, 0.45)
        light *= 1 - depth / (1 + np.exp(np.clip(-d / softness, -50, 50)))
    return light


def camera_photo(
    seed: int,
    size: tuple[int, int] = (1280, 720),
    *,
    page: np.ndarray | None = None,
    shadow: bool = True,
    glare: bool = True,
    blur: bool = True,
    noise: bool = True,
) -> CameraPhoto:
    """A page photographed on a desk: perspective, uneven light, shadow, glare, blur, noise, JPEG."""
    rng = np.random.default_rng(seed)
    if page is None:
        page = text_page(100, seed, with_seal=bool(seed % 2), with_signature=True)
    corners = random_quad(rng, size, page.shape[0] / page.shape[1])
    frame = place_page(page, corners, desk_background(rng, size)).astype(np.float32)
    frame *= _lighting(rng, size, shadow=shadow)[..., None]
    if glare:
        w, h = size
        cx, cy = corners.mean(axis=0) + rng.normal(0, 0.15, 2) * [w, h]
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        radius = rng.uniform(0.04, 0.12) * w
        frame += rng.uniform(30, 80) * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * radius**2))[..., None]
    if blur:
        sigma = rng.uniform(0.3, 1.3)
        frame = cv2.GaussianBlur(frame, (0, 0), sigma)
    if noise:
        frame += rng.normal(0, rng.uniform(2, 6), size=frame.shape).astype(np.float32)
    out = np.clip(frame, 0, 255).astype(np.uint8)
    ok, jpeg = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(70, 92))])
    assert ok
    return CameraPhoto(cv2.imdecode(jpeg, cv2.IMREAD_COLOR), corners)


def rotate_on_bed(page: np.ndarray, angle: float, dpi: int, bed: int, margin_mm: float = 6.0) -> np.ndarray:
    """Place `page` turned by `angle` (CCW) on a scanner bed of grey level `bed`, as a skewed feed does."""
    h, w = page.shape[:2]
    rad = math.radians(abs(angle))
    out_w = int(w * math.cos(rad) + h * math.sin(rad) + 2 * margin_mm * px_per_mm(dpi))
    out_h = int(h * math.cos(rad) + w * math.sin(rad) + 2 * margin_mm * px_per_mm(dpi))
    mat = cv2.getRotationMatrix2D(((w - 1) / 2, (h - 1) / 2), angle, 1.0)
    mat[:, 2] += [(out_w - w) / 2, (out_h - h) / 2]
    return cv2.warpAffine(
        page,
        mat,
        (out_w, out_h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(bed,) * 3,
    )


def flatbed_scan(seed: int, angle: float, dpi: int = 150, *, page: np.ndarray | None = None) -> FlatbedScan:
    """A flatbed/ADF scan: content turned by `angle`, dark feeder background (or a white lid), noise."""
    rng = np.random.default_rng(seed)
    if page is None:
        page = text_page(dpi, seed, with_seal=bool(seed % 2), with_signature=bool(seed % 3))
    bed = int(rng.choice([30, 60, 235]))
    img = rotate_on_bed(page, angle, dpi, bed).astype(np.float32)
    img += rng.normal(0, 2.5, size=(*img.shape[:2], 1)).astype(np.float32)
    return FlatbedScan(np.clip(img, 0, 255).astype(np.uint8), angle, dpi)


def near_blank_page(seed: int, kind: str = "all", dpi: int = 150) -> np.ndarray:
    """A blank back as scanners deliver it: grain and dust, show-through of the front, punch holes."""
    if kind not in BLANK_KINDS:
        raise ValueError(kind)
    rng = np.random.default_rng(seed)
    noisy = kind in ("noise", "all")
    page = to_bgr(
        render_blank_page(dpi=dpi, seed=seed, noise=0.02 if noisy else 0.005, specks=30 if noisy else 0)
    ).astype(np.float32)
    if kind in ("show_through", "all"):
        # The front, mirrored and blurred by the paper, darkens the back by a few percent.
        front = cv2.flip(text_page(dpi, seed + 1000), 1).astype(np.float32) / 255.0
        front = cv2.GaussianBlur(front, (0, 0), 1.5 * dpi / 150)
        strength = rng.uniform(0.05, 0.14)
        page *= 1 - strength * (1 - front)
    if kind in ("punch_holes", "all"):
        hole = int(rng.choice([20, 235]))
        mm = px_per_mm(dpi)
        cy = page.shape[0] / 2
        for dy in (-40 * mm, 40 * mm):
            centre = (round(12 * mm), round(cy + dy))
            cv2.circle(page, centre, round(3 * mm), (hole,) * 3, -1, lineType=cv2.LINE_AA)
            if hole > 128:
                cv2.circle(page, centre, round(3 * mm), (150,) * 3, 1, lineType=cv2.LINE_AA)
    return np.clip(page, 0, 255).astype(np.uint8)


def sparse_page(seed: int, kind: str, dpi: int = 150) -> np.ndarray:
    """A page that looks almost blank but is part of the dossier: one signature, one stamp, one line."""
    if kind not in SPARSE_KINDS:
        raise ValueError(kind)
    rng = np.random.default_rng(seed)
    page = render_blank_page(dpi=dpi, seed=seed, noise=0.01, specks=5)
    w, h = page_size_px(dpi)
    mm = px_per_mm(dpi)
    x, y = int(w * rng.uniform(0.2, 0.6)), int(h * rng.uniform(0.15, 0.8))
    if kind == "signature":
        draw_signature(page, (x, y, round(40 * mm), round(20 * mm)), dpi, rng)
    elif kind == "stamp":
        stamp_seal(page, (x + round(20 * mm), y), round(18 * mm), dpi, rng)
    else:
        draw = ImageDraw.Draw(page)
        if kind == "short_line":
            draw.text((x, y), "Bản sao y bản chính.", font=font("serif", round(4 * mm)), fill=INK)
        elif kind == "note":
            # A pencil-like handwritten note: grey and thin.
            draw.text((x, y), "Đã nhận đủ", font=font("sans", round(3.5 * mm)), fill=(125, 125, 130))
        elif kind == "faint_note":
            # A very light pencil mark, barely 50 grey levels below the paper.
            draw.text((x, y), "Đã xem", font=font("sans", round(3.5 * mm)), fill=(198, 198, 200))
        else:
            s = 4 * mm
            draw.line([(x, y), (x + s * 0.4, y + s * 0.5), (x + s, y - s * 0.6)], fill=SEAL_RED, width=2)
    return to_bgr(page)


def photo_page(dpi: int, seed: int) -> np.ndarray:
    return to_bgr(render_photo_page(dpi=dpi, seed=seed))


def write_page_video(
    path: Path, seed: int = 0, *, size: tuple[int, int] = (640, 360), fps: float = 15.0, rest_s: float = 2.0
) -> float:
    """A desk video: empty for 0.5 s, a page slides in for 1.5 s, then rests for `rest_s`.

    Returns the time (s, from the first frame) at which the page comes to rest: the timestamp of the
    first frame showing it in its final place.
    """
    rng = np.random.default_rng(seed)
    desk = desk_background(rng, size)
    page = text_page(60, seed, with_seal=True, with_signature=True)
    final = random_quad(rng, size, page.shape[0] / page.shape[1])
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    if not writer.isOpened():
        raise RuntimeError("OpenCV cannot write MJPG video here")
    empty_n, slide_n, rest_n = round(0.5 * fps), round(1.5 * fps), round(rest_s * fps)
    for i in range(empty_n + slide_n + rest_n):
        if i < empty_n:
            frame = desk
        else:
            # A steady slide up from below the frame that stops dead at the resting place.
            t = min(1.0, (i - empty_n + 1) / slide_n)
            offset = (1 - t) * size[1] * 1.1
            corners = final + np.array([0.0, offset], np.float32)
            frame = place_page(page, corners, desk)
        frame = np.clip(frame + rng.normal(0, 2, frame.shape), 0, 255).astype(np.uint8)
        writer.write(frame)
    writer.release()
    return (empty_n + slide_n - 1) / fps
