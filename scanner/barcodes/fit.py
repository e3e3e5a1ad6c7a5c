"""Reading a small, shaken QR code by fitting its modules to the photo instead of sampling them.

At 1.4-2.8 px per module under a 4-6 px hand shake and a Gaussian blur, every pixel mixes a
dozen modules: no threshold of the photo, deblurred or not, gives the modules back (measured:
Wiener deconvolution with the true kernel, sampled at the true grid, still left 3-29 % of the
modules wrong). Here the photo is explained instead: the patch is modelled as

    pixel = white(x, y) - contrast * (kernel * coverage(modules))(pixel)

where `coverage` is how much of each pixel each module covers under a homography from the
module grid to the photo, and `kernel` a Gaussian blur along a straight shake. The modules are
the unknowns of a box-constrained least-squares problem (values in [0, 1], solved by FISTA); the
QR structure fixes hundreds of them (finder, separator, timing and alignment patterns, the
version blocks, the dark module), and those anchor the geometry (OpenCV's ECC alignment of the
rendered model to the photo) and the choice of the kernel (the fit residual; the modules are
read under the two likeliest kernels, whose residuals can be too close to tell). The fitted modules
are cut at 0.5 and drawn as a crisp code that zxing-cpp decodes with its Reed-Solomon
correction; when that fails, the least certain modules are flipped in a few bounded retries.

The grid comes from three finder patterns, looked for inside the located region only: those
found, or two found and the third looked for where they put the code's corner; square corners
first, then the skewed ones of a card tilted far away. Three finders fix an affine grid; the
perspective of a tilted card is found by searching the far corner's place where the code's
known modules match the photo best (`straighten`). The likeliest grids are screened by a quick
fit, and at most three per photo refined.

This is the reader's last stage (files only, after everything else failed). Measured on the
misses of the held-out and second hard sets (`benchmarks/qr_ceiling.py`, one core): a median of
3.3 s of CPU per photo, at most 4.1 s, bounded by counts (finder guesses, screened grids, refined
grids, refinement rounds, kernels, flip retries), not by a clock, so that a photo always gives
the same answer. Where it falls short (`benchmarks/qr_ceiling.py`): some codes' finders are
still not found among the card's print, and even with the true grid and blur about half of the
codes left have more wrong modules than level M corrects. Reed-Solomon told which codewords
the fit was unsure of (erasures, Forney's generalised minimum distance decoding) and refits
with the blocks it corrected held fixed were tried: with the true grid they read 3 of the 19
photos of the four hard sets that nothing else read, with the reader's own grids none, so the
reader does not carry them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import qrcode

from scanner.barcodes import deblur, decoders, locate

# Versions tried: an ID payload (~90-160 UTF-8 bytes at level M) needs version 6 to 9.
VERSIONS = (7, 8, 6, 9)
_SUPERSAMPLE = 3  # sub-pixels per pixel side when computing module coverage
_MARGIN = 2.0  # modules of the quiet zone (and beyond) modelled as white around the code


@dataclass(frozen=True)
class Layout:
    """The modules of a version-`version` code that every such code has (value 1 = dark)."""

    version: int
    size: int
    known: np.ndarray  # bool, size x size
    value: np.ndarray  # float32 0/1 where known

    @property
    def known_only(self) -> np.ndarray:
        """The known modules' values, the unknown ones grey (0.5): what every such code shows."""
        return np.where(self.known, self.value, 0.5).astype(np.float32)

    @property
    def anchors(self) -> np.ndarray:
        """The centres of the finders (top left, top right, bottom left) and of the bottom-right
        alignment pattern, in module coordinates (4 x 2)."""
        far, alignment = self.size - 3.5, self.size - 6.5
        return np.array([[3.5, 3.5], [far, 3.5], [3.5, far], [alignment, alignment]], np.float32)


@functools.cache
def layout(version: int) -> Layout:
    code = qrcode.QRCode(version=version, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.modules_count = size = version * 4 + 17
    code.modules = [[None] * size for _ in range(size)]
    for row, col in ((0, 0), (size - 7, 0), (0, size - 7)):
        code.setup_position_probe_pattern(row, col)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    if version >= 7:
        code.setup_type_number(False)
    modules = code.modules
    modules[size - 8][8] = True  # the dark module
    known = np.array([[m is not None for m in row] for row in modules])
    value = np.array([[1.0 if m else 0.0 for m in row] for row in modules], np.float32)
    return Layout(version, size, known, value)


def kernel(length: float, angle_deg: float, sigma: float) -> np.ndarray:
    """A Gaussian of `sigma` px swept along a line of `length` px at `angle_deg` (image axes)."""
    reach = int(np.ceil(length / 2 + 3 * sigma)) + 1
    yy, xx = np.mgrid[-reach : reach + 1, -reach : reach + 1].astype(np.float32)
    theta = np.deg2rad(angle_deg)
    steps = np.linspace(-length / 2, length / 2, max(2, int(length * 4) + 1)) if length > 0 else [0.0]
    total = np.zeros_like(xx)
    for t in steps:
        total += np.exp(-((xx - t * np.cos(theta)) ** 2 + (yy - t * np.sin(theta)) ** 2) / (2 * sigma**2))
    return (total / total.sum()).astype(np.float32)


class Model:
    """The linear map from module values to a patch of the photo, for one geometry."""

    def __init__(
        self, patch_shape: tuple[int, int], homography: np.ndarray, size: int, supersample: int = _SUPERSAMPLE
    ) -> None:
        self.shape = patch_shape
        self.size = size
        height, width = patch_shape
        s = supersample
        ys, xs = np.mgrid[0 : height * s, 0 : width * s].astype(np.float32)
        points = np.stack([(xs.ravel() + 0.5) / s - 0.5, (ys.ravel() + 0.5) / s - 0.5], axis=1)
        inverse = np.linalg.inv(homography)
        grid = cv2.perspectiveTransform(points[None], inverse)[0]
        col, row = np.floor(grid[:, 0]).astype(np.int64), np.floor(grid[:, 1]).astype(np.int64)
        inside = (col >= 0) & (col < size) & (row >= 0) & (row < size)
        pixel_of = (ys.ravel().astype(np.int64) // s) * width + xs.ravel().astype(np.int64) // s
        # Sum the sub-pixels per (pixel, module) pair without sorting: the modules a pixel covers
        # lie within one module of the module under its centre (a pixel is under a module wide).
        centre = cv2.perspectiveTransform(
            np.stack(np.meshgrid(np.arange(width), np.arange(height)), axis=-1)
            .reshape(1, -1, 2)
            .astype(np.float32),
            inverse,
        )[0]
        centre_col = np.floor(centre[:, 0]).astype(np.int64)
        centre_row = np.floor(centre[:, 1]).astype(np.int64)
        d_col = np.clip(col - centre_col[pixel_of] + 1, 0, 2)
        d_row = np.clip(row - centre_row[pixel_of] + 1, 0, 2)
        key = (pixel_of * 9 + d_row * 3 + d_col)[inside]
        counts = np.bincount(key, minlength=height * width * 9)
        module_of = np.zeros(height * width * 9, np.int64)
        module_of[key] = (row * size + col)[inside]
        used = np.flatnonzero(counts)
        self.pixel = used // 9
        self.module = module_of[used]
        self.weight = counts[used].astype(np.float32) / (s * s)
        # The pixels the code and its quiet zone explain (beyond, the card's print is not modelled).
        near = (
            (grid[:, 0] > -_MARGIN)
            & (grid[:, 0] < size + _MARGIN)
            & (grid[:, 1] > -_MARGIN)
            & (grid[:, 1] < size + _MARGIN)
        )
        fraction = np.bincount(
            pixel_of,
            weights=near,
            minlength=height * width,
        )
        self.mask = (fraction >= s * s).reshape(patch_shape)

    def render(self, modules: np.ndarray) -> np.ndarray:
        """Dark coverage of each pixel (0 white .. 1 dark), before blur."""
        flat = np.bincount(
            self.pixel,
            weights=self.weight * modules.ravel()[self.module],
            minlength=self.shape[0] * self.shape[1],
        )
        return flat.reshape(self.shape).astype(np.float32)

    def adjoint(self, picture: np.ndarray) -> np.ndarray:
        flat = np.bincount(
            self.module,
            weights=self.weight * picture.ravel()[self.pixel],
            minlength=self.size * self.size,
        )
        return flat.reshape(self.size, self.size).astype(np.float32)


@dataclass
class Fit:
    modules: np.ndarray  # fitted values in [0, 1] (1 = dark)
    residual: float  # RMS over the modelled pixels, in units of the code's contrast
    white: np.ndarray  # the fitted white level per pixel
    contrast: float


class Blur:
    """Convolution with a kernel by products of spectra (5-10 x filter2D at these kernel sizes).

    The patch is zero-padded by the kernel's reach, so nothing wraps around into the modelled pixels.
    """

    def __init__(self, shape: tuple[int, int], kern: np.ndarray) -> None:
        reach = kern.shape[0] // 2
        self.shape = shape
        side = kern.shape[0]
        self.padded = (cv2.getOptimalDFTSize(shape[0] + side), cv2.getOptimalDFTSize(shape[1] + side))
        full = np.zeros(self.padded, np.float32)
        full[: kern.shape[0], : kern.shape[1]] = kern
        full = np.roll(full, (-reach, -reach), axis=(0, 1))
        self.spectrum = cv2.dft(full, flags=cv2.DFT_COMPLEX_OUTPUT)

    def _apply(self, picture: np.ndarray, conjugate: bool) -> np.ndarray:
        full = np.zeros(self.padded, np.float32)
        full[: self.shape[0], : self.shape[1]] = picture
        spectrum = cv2.dft(full, flags=cv2.DFT_COMPLEX_OUTPUT)
        product = cv2.mulSpectrums(spectrum, self.spectrum, 0, conjB=conjugate)
        out = cv2.idft(product, flags=cv2.DFT_REAL_OUTPUT | cv2.DFT_SCALE)
        return out[: self.shape[0], : self.shape[1]]

    def __call__(self, picture: np.ndarray) -> np.ndarray:
        return self._apply(picture, False)

    def adjoint(self, picture: np.ndarray) -> np.ndarray:
        return self._apply(picture, True)


def _illumination(observed: np.ndarray, dark: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, float]:
    """The white level (a plane) and contrast that best explain `observed` given the blurred dark coverage."""
    height, width = observed.shape
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    xx, yy = xx / width - 0.5, yy / height - 0.5
    design = np.stack([np.ones_like(xx), xx, yy, -dark], axis=-1)[mask]
    solution, *_ = np.linalg.lstsq(design, observed[mask], rcond=None)
    contrast = max(float(solution[3]), 1.0)
    white = solution[0] + solution[1] * xx + solution[2] * yy
    return white.astype(np.float32), contrast


def fit_modules(
    observed: np.ndarray,
    model: Model,
    lay: Layout,
    kern: np.ndarray,
    *,
    iterations: int = 60,
    start: np.ndarray | None = None,
    binarize: float = 0.0,
) -> Fit:
    """Box-constrained least squares for the unknown modules (FISTA), the known ones held fixed."""
    free = ~lay.known
    modules = np.where(lay.known, lay.value, 0.5 if start is None else start).astype(np.float32)
    mask = model.mask
    blur = Blur(observed.shape, kern)
    dark = blur(model.render(modules))
    white, contrast = _illumination(observed, dark, mask)
    # Step: 1 / Lipschitz constant of the data term (coverage rows sum to <= 1, the kernel to 1).
    pixels_per_module = float(np.max(np.bincount(model.module, weights=model.weight)))
    step = 1.0 / (contrast**2 * pixels_per_module)
    previous = modules.copy()
    momentum = modules.copy()
    t = 1.0
    for iteration in range(iterations):
        predicted = white - contrast * blur(model.render(momentum))
        error = np.where(mask, predicted - observed, 0).astype(np.float32)
        gradient = -contrast * model.adjoint(blur.adjoint(error))
        if binarize and iteration >= iterations // 3:
            # A penalty m(1 - m), raised gradually: the modules are dark or light, nothing between.
            ramp = (iteration - iterations // 3) / max(1, iterations - iterations // 3)
            gradient += binarize * ramp * contrast**2 * pixels_per_module * (1 - 2 * momentum)
        updated = np.clip(momentum - step * gradient, 0, 1)
        updated[~free] = lay.value[~free]
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        momentum = updated + ((t - 1) / t_next) * (updated - previous)
        previous, t = updated, t_next
        if iteration % 20 == 19:  # the light follows the modules
            white, contrast = _illumination(observed, blur(model.render(previous)), mask)
    dark = blur(model.render(previous))
    white, contrast = _illumination(observed, dark, mask)
    error = (white - contrast * dark - observed)[mask]
    return Fit(previous, float(np.sqrt(np.mean(error**2)) / contrast), white, contrast)


def bits_image(bits: np.ndarray, *, box: int = 4, border: int = 4) -> np.ndarray:
    """A crisp grayscale picture of a module matrix (True = dark), as a decoder wants it."""
    picture = np.where(bits, 0, 255).astype(np.uint8)
    picture = np.pad(picture, border, constant_values=255)
    return np.kron(picture, np.ones((box, box), np.uint8))


def decode_fitted(
    modules: np.ndarray,
    lay: Layout,
    accept: Callable[[str], bool],
    *,
    retries: int = 24,
    seed: int = 0,
) -> str | None:
    """The text of the fitted modules cut at 0.5, or with the least certain ones flipped (bounded)."""
    bits = modules > 0.5
    for text in decoders.zxing_texts(bits_image(bits), fast=True):
        if accept(text):
            return text
    free = ~lay.known
    certainty = np.where(free, np.abs(modules - 0.5), np.inf).ravel()
    order = np.argsort(certainty)
    doubtful = order[: max(8, int(free.sum() * 0.08))]
    rng = np.random.default_rng(seed)
    # Chase-style retries: each flips a random part of the doubtful modules, the least certain likelier.
    chance = 0.5 - certainty[doubtful]  # 0.5 when the fit could not tell, 0 when it was sure
    for _ in range(retries):
        flips = doubtful[rng.random(doubtful.size) < chance]
        trial = bits.ravel().copy()
        trial[flips] = ~trial[flips]
        for text in decoders.zxing_texts(bits_image(trial.reshape(bits.shape)), fast=True):
            if accept(text):
                return text
    return None


_RANKED = 100  # grid guesses (finder triples x versions) ranked by their known modules
_SCREENED = 4  # the best of them screened by a quick fit
_POINT = np.ones((1, 1), np.float32)  # no blur


def patch_around(gray: np.ndarray, homography: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The photo around the code (float32) and the homography shifted into the patch."""
    reach = _MARGIN + 3
    corners = np.array(
        [
            [[-reach, -reach]],
            [[size + reach, -reach]],
            [[size + reach, size + reach]],
            [[-reach, size + reach]],
        ],
        np.float32,
    )
    points = cv2.perspectiveTransform(corners, homography).reshape(4, 2)
    x0, y0 = np.maximum(0, np.floor(points.min(axis=0))).astype(int)
    x1 = min(gray.shape[1], int(np.ceil(points[:, 0].max())))
    y1 = min(gray.shape[0], int(np.ceil(points[:, 1].max())))
    shift = np.array([[1, 0, -x0], [0, 1, -y0], [0, 0, 1]], np.float64)
    return gray[y0:y1, x0:x1].astype(np.float32), shift @ homography


def _template(
    lay: Layout, modules: np.ndarray, homography: np.ndarray, shape: tuple[int, int], kern: np.ndarray
) -> np.ndarray:
    """The code's modules (1 = dark) drawn into a patch of `shape` through `homography`, blurred: light high."""
    scale = 8  # px per module of the drawn code before warping (areas averaged by the warp's smoothing)
    big = np.kron(modules.astype(np.float32), np.ones((scale, scale), np.float32))
    big = np.pad(big, 4 * scale, constant_values=0)  # a white quiet zone of 4 modules
    to_modules = np.array([[1 / scale, 0, -4], [0, 1 / scale, -4], [0, 0, 1]], np.float64)
    drawn = cv2.warpPerspective(
        big, homography @ to_modules, (shape[1], shape[0]), flags=cv2.INTER_AREA, borderValue=0
    )
    return 1 - cv2.filter2D(drawn, -1, kern)


def _crop_around(gray: np.ndarray, quad: np.ndarray, grow: float = 0.35) -> tuple[np.ndarray, np.ndarray]:
    centre = quad.mean(axis=0)
    low = np.maximum(0, np.floor((quad - centre).min(axis=0) * (1 + grow) + centre)).astype(int)
    high = np.ceil((quad - centre).max(axis=0) * (1 + grow) + centre).astype(int)
    patch = gray[low[1] : high[1], low[0] : high[0]].astype(np.float32)
    return patch, low.astype(np.float64)


def _finder_template(module_px: float, angle_deg: float, kern: np.ndarray) -> np.ndarray:
    """A finder pattern (7x7 modules with its light separator ring) at `module_px`, turned and blurred."""
    pattern = np.zeros((9, 9), np.float32)
    pattern[1:8, 1:8] = 1
    pattern[2:7, 2:7] = 0
    pattern[3:6, 3:6] = 1
    return _drawn_pattern(pattern, module_px, angle_deg, kern)


def _drawn_pattern(pattern: np.ndarray, module_px: float, angle_deg: float, kern: np.ndarray) -> np.ndarray:
    """`pattern` (1 = dark) drawn at `module_px`, turned by `angle_deg` and blurred: light high."""
    scale = 8
    big = np.kron(pattern, np.ones((scale, scale), np.float32))
    extent = pattern.shape[0] * scale / 2
    side = int(np.ceil(pattern.shape[0] * module_px * 1.45)) | 1  # room for any turn
    centre = side / 2
    factor = module_px / scale
    rotation = cv2.getRotationMatrix2D((extent, extent), -angle_deg, factor)
    rotation[:, 2] += centre - extent
    drawn = cv2.warpAffine(big, rotation, (side, side), flags=cv2.INTER_AREA)
    return 1 - cv2.filter2D(drawn, -1, kern)


def _subpixel(scores: np.ndarray, x: int, y: int) -> np.ndarray:
    """The offset of a score peak from its pixel, by a parabola through its neighbours."""
    offset = np.zeros(2)
    for axis, (before, here, after) in enumerate(
        (
            (scores[y, max(x - 1, 0)], scores[y, x], scores[y, min(x + 1, scores.shape[1] - 1)]),
            (scores[max(y - 1, 0), x], scores[y, x], scores[min(y + 1, scores.shape[0] - 1), x]),
        )
    ):
        curvature = before - 2 * here + after
        if curvature < 0:
            offset[axis] = float(np.clip(0.5 * (before - after) / curvature, -0.5, 0.5))
    return offset


def _alignment_template(module_px: float, angle_deg: float, kern: np.ndarray) -> np.ndarray:
    pattern = np.zeros((7, 7), np.float32)
    pattern[1:6, 1:6] = 1
    pattern[2:5, 2:5] = 0
    pattern[3, 3] = 1
    return _drawn_pattern(pattern, module_px, angle_deg, kern)


def find_alignment(
    patch: np.ndarray, guess: np.ndarray, module_px: float, angle_deg: float, kern: np.ndarray
) -> np.ndarray | None:
    """The alignment pattern's centre near `guess` (within 4 modules), or None when none stands out."""
    template = _alignment_template(module_px, angle_deg, kern)
    half = template.shape[0] // 2
    reach = int(3 * module_px) + half
    x0, y0 = int(guess[0]) - reach, int(guess[1]) - reach
    if x0 < 0 or y0 < 0 or x0 + 2 * reach >= patch.shape[1] or y0 + 2 * reach >= patch.shape[0]:
        return None
    window = patch[y0 : y0 + 2 * reach + 1, x0 : x0 + 2 * reach + 1]
    scores = cv2.matchTemplate(window, template, cv2.TM_CCOEFF_NORMED)
    _, best, _, (x, y) = cv2.minMaxLoc(scores)
    if best < 0.3:
        return None
    return np.array([x0 + x, y0 + y], np.float64) + _subpixel(scores, x, y) + half


@dataclass(frozen=True)
class FinderScores:
    """How much each place of a patch looks like a finder pattern's centre (normalised correlation):
    entry (y, x) stands for the centre (x + offset, y + offset)."""

    scores: np.ndarray
    offset: int

    @staticmethod
    def of(patch: np.ndarray, module_px: float, angle_deg: float, kern: np.ndarray) -> FinderScores | None:
        template = _finder_template(module_px, angle_deg, kern)
        if template.shape[0] >= min(patch.shape):
            return None
        return FinderScores(cv2.matchTemplate(patch, template, cv2.TM_CCOEFF_NORMED), template.shape[0] // 2)

    def centre(self, x: int, y: int) -> np.ndarray:
        """The finder centre the score at (x, y) stands for, refined to a fraction of a pixel."""
        return np.array([x, y], np.float64) + _subpixel(self.scores, x, y) + self.offset

    def within(self, quad: np.ndarray, grow: float = 0.1) -> FinderScores:
        """The scores of the centres inside `quad` (patch coordinates) grown by `grow` about its
        centre; elsewhere -1, below any finder.

        The located region bounds the code's dense edges, and a finder's centre lies 3.5 modules
        inside the code: over the four hard sets' 600 photos every true finder lay inside its
        region shrunk by 9 % about its centre. Outside it the desk's shading and the card's
        print, shaded and blurred alike, can outscore a shaken finder."""
        centre = quad.mean(axis=0)
        corners = centre + (quad - centre) * (1 + grow) - self.offset
        inside = np.zeros(self.scores.shape, np.uint8)
        cv2.fillConvexPoly(inside, np.round(corners).astype(np.int32), 1)
        return FinderScores(np.where(inside > 0, self.scores, -1.0).astype(np.float32), self.offset)


def find_finders(
    found: FinderScores | None, module_px: float, count: int = 8
) -> list[tuple[float, np.ndarray]]:
    """The likeliest finder-pattern centres (score, (x, y)), best first."""
    if found is None:
        return []
    likeliest = []
    apart = int(5 * module_px)
    scores = found.scores.copy()
    for _ in range(count):
        _, best, _, (x, y) = cv2.minMaxLoc(scores)
        if best <= 0.2:
            break
        likeliest.append((float(best), found.centre(x, y)))
        cv2.circle(scores, (x, y), apart, -1.0, -1)
    return likeliest


def grid_passes(
    gray: np.ndarray, quad: np.ndarray, angle: float
) -> Iterator[list[tuple[float, Layout, np.ndarray]]]:
    """Lists of (score, layout, homography module grid -> `gray`) from three finder patterns that
    form the code's corner, for each version whose size fits their spacing, best first: first
    the corners most photos show, then (made only when asked for) the skewed ones of a card
    tilted far away (`_square_corner`). The finders are looked for once for both.

    A finder under glare or foreshortened at the card's far edge often scores below the card's
    print: so two of the likeliest finders also stand for a corner each, and the third is looked
    for where they put it (`_third_finders`). Only places inside the located region count
    (`FinderScores.within`)."""
    patch, origin = _crop_around(gray, quad)
    side = float(np.mean([np.linalg.norm(quad[i] - quad[(i + 1) % 4]) for i in range(4)]))
    edge = quad[1] - quad[0]
    turn = float(np.degrees(np.arctan2(edge[1], edge[0])))
    module_px = side / 62  # a version-7/8 code, its blur and quiet zone: refined by the finders' spacing
    kern = kernel(4.0, angle, 1.0)
    scores = FinderScores.of(patch, module_px, turn, kern)
    if scores is not None:
        scores = scores.within(quad - origin)
    finders = find_finders(scores, module_px)
    found = []
    for i, (score_a, a) in enumerate(finders):  # a: the corner finder (top-left in the code)
        for j, (score_b, b) in enumerate(finders):
            for k, (score_c, c) in enumerate(finders):
                if len({i, j, k}) == 3:
                    found.append((score_a + score_b + score_c, a, b, c))
    for skewed in (False, True):
        triples = found + (_third_finders(scores, finders, module_px, skewed) if scores is not None else [])
        guesses = []
        for score, a, b, c in triples:
            if _square_corner(b - a, c - a, skewed):
                guesses += _guesses_from_finders(score, a, b, c, patch, origin, module_px, kern)
        guesses.sort(key=lambda item: -item[0])
        yield guesses


_PAIRED = 4  # the likeliest finders paired to look for a third
_THIRDS = 3  # the likeliest places of the third for each pair


def _third_finders(
    found: FinderScores, finders: list[tuple[float, np.ndarray]], module_px: float, skewed: bool
) -> list[tuple[float, np.ndarray, np.ndarray, np.ndarray]]:
    """(score, a, b, c) with a and b, a and c, or b and c two of the likeliest finders, and the
    third the best place of `found` where the three pass the corner check (`_square_corner`;
    a: top left, b: top right, c: bottom left), however faint; only a third that is not one of
    `finders` already (those are paired among themselves)."""
    scores = found.scores
    rows, cols = np.mgrid[0 : scores.shape[0], 0 : scores.shape[1]]
    places = np.stack([cols, rows], axis=-1).astype(np.float64) + found.offset
    fresh = np.ones(scores.shape, bool)
    for _, other in finders:
        fresh &= np.linalg.norm(places - other, axis=-1) >= 2 * module_px
    thirds = []
    for i, (score_p, p) in enumerate(finders[:_PAIRED]):
        for j, (score_q, q) in enumerate(finders[:_PAIRED]):
            if i == j:
                continue
            for role in ("a", "b", "c"):
                a, b, c = _in_corner(role, places, p, q)
                where = fresh & _square_corner(b - a, c - a, skewed)
                candidates = np.where(where, scores, -1.0).astype(np.float32)
                for _ in range(_THIRDS):
                    _, best, _, (x, y) = cv2.minMaxLoc(candidates)
                    if best <= 0.0:
                        break
                    third = found.centre(x, y)
                    thirds.append((score_p + score_q + float(best), *_in_corner(role, third, p, q)))
                    cv2.circle(candidates, (x, y), int(5 * module_px), -1.0, -1)
    return thirds


def _in_corner(role: str, third: np.ndarray, p: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, ...]:
    """(a, b, c) with `third` as finder `role` and `p`, `q` as the other two, in their order."""
    return {"a": (third, p, q), "b": (p, third, q), "c": (p, q, third)}[role]


# How far from square a code's corner may look in a photo: first as most photos show it (about
# square, sides alike), then as a card tilted away shows it (one side foreshortened to less than
# half the other, the corner sheared to 60 degrees), which lets many more chance triples through.
_SQUARE = (0.35, 1.33)  # |cos| of the corner's angle, ratio of its sides
_SKEWED = (0.5, 2.5)


def _square_corner(ab: np.ndarray, ac: np.ndarray, skewed: bool = False) -> np.ndarray:
    """Whether finders b (top right) and c (bottom left) seen from a (top left) can be a code's
    corner in a photo: c turned about +90 degrees (y down) from b, at a like distance (element-wise
    over the last axis). `skewed`: only the corners that pass as skewed but not as square."""

    def passes(shape: tuple[float, float]) -> np.ndarray:
        most_cos, most_ratio = shape
        return (np.abs(cos) <= most_cos) & (ratio > 1 / most_ratio) & (ratio < most_ratio)

    cross = ab[..., 0] * ac[..., 1] - ab[..., 1] * ac[..., 0]
    la, lc = np.linalg.norm(ab, axis=-1), np.linalg.norm(ac, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = (ab * ac).sum(axis=-1) / (la * lc)
        ratio = la / lc
    if skewed:
        return (cross > 0) & passes(_SKEWED) & ~passes(_SQUARE)
    return (cross > 0) & passes(_SQUARE)


def _guesses_from_finders(
    score: float,
    a: np.ndarray,
    b: np.ndarray,
    c: np.ndarray,
    patch: np.ndarray,
    origin: np.ndarray,
    module_px: float,
    kern: np.ndarray,
) -> list[tuple[float, Layout, np.ndarray]]:
    """The grids of finders a (top left), b (top right) and c (bottom left) in `patch`, one or two
    per version that fits their spacing (the caller has checked that they form a corner)."""
    ab, ac = b - a, c - a
    la, lc = np.linalg.norm(ab), np.linalg.norm(ac)
    guesses = []
    for version in VERSIONS:
        lay = layout(version)
        spacing = (la + lc) / 2 / (lay.size - 7)
        if not 0.6 < spacing / module_px < 1.6:
            continue
        source = lay.anchors
        target = np.array([a, b, c], np.float32) + origin.astype(np.float32)
        affine = cv2.getAffineTransform(source[:3], target)
        homography = np.vstack([affine, [0, 0, 1]]).astype(np.float64)
        # The alignment pattern, where the affine guess puts it, corrects the perspective.
        guess = cv2.perspectiveTransform(source[None, 3:], homography)
        code_turn = float(np.degrees(np.arctan2(ab[1], ab[0])))
        found = find_alignment(patch, guess[0, 0] - origin, spacing, code_turn, kern)
        guesses.append((score, lay, homography))
        if found is not None:  # a second guess: the pattern found may be a data blob
            homography = cv2.getPerspectiveTransform(
                source, np.vstack([target, [found + origin]]).astype(np.float32)
            ).astype(np.float64)
            guesses.append((score, lay, homography))
    return guesses


def _correlation(template: np.ndarray, observed: np.ndarray) -> float:
    a = template - template.mean()
    b = observed - observed.mean()
    return float((a * b).sum() / (np.sqrt((a * a).sum() * (b * b).sum()) + 1e-9))


def _kernel_search(
    observed: np.ndarray, model: Model, lay: Layout, angle: float, count: int
) -> list[np.ndarray]:
    """The `count` blur kernels whose quick fits explain the patch best, best first: length,
    then direction, then focus searched in turn."""
    tried: dict[tuple[float, float, float], Fit] = {}

    def score(length: float, turn: float, sigma: float) -> float:
        key = (length, turn, sigma)
        if key not in tried:
            tried[key] = fit_modules(observed, model, lay, kernel(length, angle + turn, sigma), iterations=15)
        return tried[key].residual

    length = min((2.0, 3.5, 5.0, 6.5), key=lambda value: score(value, 0.0, 1.0))
    turn = min((0.0, -15.0, 15.0), key=lambda value: score(length, value, 1.0))
    sigma = min((0.75, 1.0, 1.3), key=lambda value: score(length, turn, value))
    length = min((length - 0.75, length, length + 0.75), key=lambda value: score(value, turn, sigma))
    ranked = sorted(tried, key=lambda key: tried[key].residual)[:count]
    return [kernel(length, angle + turn, sigma) for length, turn, sigma in ranked]


def read(
    gray: np.ndarray,
    quads: list[np.ndarray],
    accept: Callable[[str], bool] | None,
) -> list[str]:
    """The accepted text of a code found by fitting its modules in one of the regions `quads`.

    Without `accept`, only the fitted modules as they are are decoded (no retries with flipped
    modules: only a payload check may pick among such guesses).
    """
    # The work is bounded by counts, not by a clock: the same photo always gives the same answer.
    refinements = [_REFINEMENTS]  # left for this photo
    for quad in quads[:2]:
        quad = locate._order_clockwise(quad.astype(np.float32))
        patch, origin = _crop_around(gray, quad)
        if min(patch.shape) < 20:
            continue
        angle = deblur.smear_angle(patch.astype(np.uint8))
        for guesses in grid_passes(gray, quad, angle):
            text = _read_likeliest(gray, patch, origin, guesses[:_RANKED], angle, accept, refinements)
            if text is not None:
                return [text]
    return []


def _read_likeliest(
    gray: np.ndarray,
    patch: np.ndarray,
    origin: np.ndarray,
    guesses: list[tuple[float, Layout, np.ndarray]],
    angle: float,
    accept: Callable[[str], bool] | None,
    refinements: list[int],
) -> str | None:
    """The text under the likeliest of `guesses`: ranked by how well they explain the known
    modules, the best few screened by a quick fit, the best of those refined and read while
    `refinements[0]`, the photo's count of refinements left, lasts."""
    if refinements[0] <= 0:
        return None
    kern = kernel(4.0, angle, 1.0)
    to_patch = np.array([[1, 0, -origin[0]], [0, 1, -origin[1]], [0, 0, 1]])
    ranked = []
    for _, lay, homography in guesses:
        score = _known_correlation(patch, lay, to_patch @ homography, kern)
        if score is not None:
            ranked.append((score, lay, homography))
    ranked.sort(key=lambda item: -item[0])
    # Three finders leave the perspective open: the likeliest grids' fourth corner searched for.
    from_patch = np.linalg.inv(to_patch)
    for place, (score, lay, homography) in enumerate(ranked[:_STRAIGHTENED]):
        straight = from_patch @ straighten(patch, lay, to_patch @ homography)
        straight_score = _known_correlation(patch, lay, to_patch @ straight, kern)
        if straight_score is not None and straight_score > score:
            ranked[place] = (straight_score, lay, straight)
    ranked.sort(key=lambda item: -item[0])
    # The few likeliest grids screened by a quick, coarse fit: the known modules must be explained.
    screened = []
    for _, lay, homography in ranked[:_SCREENED]:
        observed, patch_homography = patch_around(gray, homography, lay.size)
        if not _workable(observed, lay):
            continue
        coarse = Model(observed.shape, patch_homography, lay.size, supersample=2)
        if not coarse.mask.any():  # no pixel wholly inside the code's area: nothing to explain
            continue
        quick = fit_modules(observed, coarse, lay, kern, iterations=15)
        screened.append((quick.residual, lay, homography))
    screened.sort(key=lambda item: item[0])
    for _, lay, homography in screened[: min(_REFINED, refinements[0])]:
        refinements[0] -= 1
        text = _refined_read(gray, lay, homography, angle, accept)
        if text is not None:
            return text
    return None


def _known_correlation(patch: np.ndarray, lay: Layout, local: np.ndarray, kern: np.ndarray) -> float | None:
    """How well the code's known modules under the grid `local` (modules -> `patch`) explain the
    patch: only on their pixels, as the card's print around the code and the data are not
    modelled. None when the grid falls outside the patch (a skewed guess can)."""
    template = _template(lay, lay.known_only, local, patch.shape, kern)
    where = _template(lay, lay.known, local, patch.shape, _POINT) < 0.5
    if where.sum() < 2:
        return None
    return _correlation(template[where], patch[where])


_STRAIGHTENED = 16  # the likeliest grids whose fourth corner is searched for (~5 ms each)
# The search for the fourth corner: (step in modules, steps each way), coarse then fine.
_CORNER_SEARCH = ((2.0, 4), (0.5, 3))
_SAMPLES = 3  # samples per module side when the patch is read in the code's own coordinates


@functools.cache
def _known_samples(version: int) -> tuple[np.ndarray, np.ndarray]:
    """The known modules of a code, `_SAMPLES` samples per module side: their places in module
    coordinates (3 x samples, homogeneous) and their light (zero mean; the unknown modules grey
    and everything softened by half a module, as a photo's blur does)."""
    lay = layout(version)
    block = np.ones((_SAMPLES, _SAMPLES), np.float32)
    light = np.kron(1 - lay.known_only, block)
    light = cv2.GaussianBlur(light, (0, 0), 0.5 * _SAMPLES)
    known = np.kron(lay.known, block).astype(bool)
    steps = (np.arange(lay.size * _SAMPLES, dtype=np.float32) + 0.5) / _SAMPLES
    columns, rows = np.meshgrid(steps, steps)
    places = np.stack([columns[known], rows[known], np.ones(int(known.sum()), np.float32)])
    return places, light[known] - light[known].mean()


def straighten(patch: np.ndarray, lay: Layout, local: np.ndarray) -> np.ndarray:
    """The grid `local` (modules -> `patch`) with the place of its bottom-right alignment
    pattern moved to where the code's known modules match the patch best, the finders kept.

    Three finders fix an affine grid; a card tilted away adds perspective that leaves the far
    corner several modules off, beyond what the refinement's alignment (ECC) pulls in, and the
    alignment pattern alone is often lost among the data. Here every known module votes: the
    patch is sampled in the code's coordinates under each candidate grid and correlated with
    the known modules, over a coarse then a fine lattice of places (~3 ms)."""
    size = lay.size
    places, light = _known_samples(lay.version)
    anchors = lay.anchors
    placed = cv2.perspectiveTransform(anchors[None].astype(np.float64), local)[0]
    across = (placed[1] - placed[0]) / (size - 7)  # one module along the code's rows, in pixels
    down = (placed[2] - placed[0]) / (size - 7)
    best_shift, best_grid = np.zeros(2), local
    for step, reach in _CORNER_SEARCH:
        lattice = np.arange(-reach, reach + 1) * step
        shifts = best_shift + np.stack(np.meshgrid(lattice, lattice, indexing="ij"), axis=-1).reshape(-1, 2)
        grids = []
        for shift in shifts:
            target = placed.copy()
            target[3] += shift[0] * across + shift[1] * down
            grids.append(cv2.getPerspectiveTransform(anchors, target.astype(np.float32)))
        # Every candidate's samples at once: (candidates, xyw, samples).
        where = np.array(grids, np.float32) @ places
        seen = cv2.remap(
            patch,
            where[:, 0] / where[:, 2],
            where[:, 1] / where[:, 2],
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT,
        )
        seen = seen - seen.mean(axis=1, keepdims=True)
        scores = (seen @ light) / (np.linalg.norm(seen, axis=1) + 1e-9)
        best = int(np.argmax(scores))
        best_shift, best_grid = shifts[best], np.array(grids[best], np.float64)
    return best_grid


_REFINED = 2  # the screened grids refined and read, best first
# Refined grids per photo, over both regions and both passes: each costs 0.3-1 s of CPU, and on
# the hard sets a fourth read no photo the first three had not.
_REFINEMENTS = 3


def _refined_read(
    gray: np.ndarray, lay: Layout, homography: np.ndarray, angle: float, accept: Callable[[str], bool] | None
) -> str | None:
    """The text of the code under `homography` once the grid and the blur are refined to the photo."""
    kern = kernel(4.0, angle, 1.0)
    try:
        homography, _ = refine(gray, lay, homography, kern, rounds=14)
        observed, patch_homography = patch_around(gray, homography, lay.size)
        coarse = Model(observed.shape, patch_homography, lay.size, supersample=2)
        kernels = _kernel_search(observed, coarse, lay, angle, _KERNELS_READ if accept else 1)
        homography, _ = refine(gray, lay, homography, kernels[0], rounds=4)
    except ValueError:
        return None
    observed, patch_homography = patch_around(gray, homography, lay.size)
    model = Model(observed.shape, patch_homography, lay.size)
    if not model.mask.any():
        return None
    for kern in kernels:
        text, _ = read_modules(observed, model, lay, kern, accept)
        if text is not None:
            return text
    return None


# Kernels the modules are read under, best first: the quick fits' residuals can differ by less
# than the noise between the true shake and a wrong one. On the four hard sets the second kernel
# read one photo more (9402 #19) and a third to sixth none; each costs a fit and its flips.
_KERNELS_READ = 2


def read_modules(
    observed: np.ndarray,
    model: Model,
    lay: Layout,
    kern: np.ndarray,
    accept: Callable[[str], bool] | None,
    *,
    iterations: int = 100,
    binarize: float = 0.1,
    retries: int = 24,
) -> tuple[str | None, Fit]:
    """The text of the code in `observed` under `model` and the blur `kern`, and the fit: the
    modules fitted, pushed towards dark or light, cut at 0.5 and decoded, with bounded flips of
    the least certain when a payload check may pick among the guesses."""
    fitted = fit_modules(observed, model, lay, kern, iterations=iterations, binarize=binarize)
    if accept is None:
        return decode_fitted(fitted.modules, lay, lambda _text: True, retries=0), fitted
    return decode_fitted(fitted.modules, lay, accept, retries=retries), fitted


# A code this large in pixels has modules wide enough for the other stages; fitting it would
# only cost time (the work grows with the patch's pixels).
_MAX_PATCH_PIXELS = 300 * 300


def _workable(observed: np.ndarray, lay: Layout) -> bool:
    return min(observed.shape) >= 2 * lay.size and observed.size <= _MAX_PATCH_PIXELS


def refine(
    gray: np.ndarray, lay: Layout, homography: np.ndarray, kern: np.ndarray, *, rounds: int = 4
) -> tuple[np.ndarray, Fit]:
    """The homography moved until the fitted code explains the patch: fit the modules, align the
    rendered fit to the photo (ECC, on the code's pixels only), and again; the best one seen."""
    modules = None
    best: tuple[np.ndarray, Fit] | None = None
    for _ in range(rounds + 1):
        observed, local = patch_around(gray, homography, lay.size)
        if not _workable(observed, lay):  # the grid collapsed or blew up: the guess was wrong
            break
        model = Model(observed.shape, local, lay.size, supersample=2)
        if not model.mask.any():
            break
        result = fit_modules(observed, model, lay, kern, iterations=10, start=modules)
        if best is None or result.residual < best[1].residual:
            best = (homography, result)
        modules = result.modules
        predicted = result.white - result.contrast * Blur(observed.shape, kern)(model.render(modules))
        warp = np.eye(3, dtype=np.float32)
        criteria = (cv2.TERM_CRITERIA_COUNT | cv2.TERM_CRITERIA_EPS, 40, 1e-5)
        try:
            _, warp = cv2.findTransformECC(
                predicted.astype(np.float32),
                observed,
                warp,
                cv2.MOTION_HOMOGRAPHY,
                criteria,
                model.mask.astype(np.uint8),
                1,
            )
        except cv2.error:
            break
        shift = local @ np.linalg.inv(homography)  # gray -> patch
        # Applied twice: the refitted modules take up part of each misalignment, so steps fall short.
        warp = warp.astype(np.float64) / warp[2, 2]
        homography = np.linalg.inv(shift) @ warp @ warp @ local
    if best is None:
        raise ValueError("no grid")
    return best
