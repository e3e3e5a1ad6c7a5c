"""Undoing the blur of a shaken or out-of-focus photo of a QR code (Wiener deconvolution).

A webcam or phone held by hand smears the card along one direction by a few pixels, and a cheap
lens adds a soft Gaussian blur; at 2-4 px per module that merges neighbouring modules, and no
binarisation or sharpening brings them back (measured: unsharp masking rescues none of those
photos). Deconvolving with the right blur kernel does. The direction of the smear is where the
image has the least gradient energy (edges across it are washed out); its length and the focus
blur are not known, so `candidates` yields a few plausible kernels, likeliest first, and the
reader stops at the first one that decodes.
"""

from __future__ import annotations

from collections.abc import Iterator

import cv2
import numpy as np

_KERNEL_SIDE = 31
# Smear lengths (odd, px) and focus blurs (sigma, px) tried, in the order that read most test photos.
_LENGTHS = (5, 7, 3)
_SIGMAS = (0.7, 1.1)
# Noise-to-signal ratio of the Wiener filter: small sharpens more, large amplifies less noise.
_NOISE_RATIO = 0.01
# Files only (no frame budget): harder kernels, sharpened further, tried after everything else,
# also a little off the estimated smear direction (the code's own edges bias the estimate by up to
# ~10 degrees). Measured on the hard photos of `benchmarks/decode_id.py --hard` (two seed sets).
# Lengths are odd: the kernel is a centred line of that many pixels.
_THOROUGH = ((5, 0.8), (7, 1.1), (3, 1.1), (5, 1.1), (7, 0.8), (5, 1.5), (7, 1.5))
_THOROUGH_ANGLES = (0.0, -8.0, 8.0)
_THOROUGH_NOISE_RATIO = 0.003


def smear_angle(gray: np.ndarray) -> float:
    """The direction (degrees, image axes) along which `gray` is most smeared."""
    picture = gray.astype(np.float32)
    gx = cv2.Sobel(picture, cv2.CV_32F, 1, 0)
    gy = cv2.Sobel(picture, cv2.CV_32F, 0, 1)
    # Gradient energy along direction t is a·cos² + 2b·cos·sin + c·sin²: least at one angle.
    a, b, c = float(np.mean(gx * gx)), float(np.mean(gx * gy)), float(np.mean(gy * gy))
    return float(np.degrees(0.5 * np.arctan2(2 * b, a - c)) + 90) % 180


def candidates(gray: np.ndarray, *, thorough: bool = False) -> Iterator[tuple[str, np.ndarray]]:
    """`gray` deconvolved with the likeliest blur kernels, each named for diagnostics.

    `thorough` yields the rarer, costlier kernels instead (for files, after every other attempt).
    """
    angle = smear_angle(gray)
    spectrum = np.fft.rfft2(gray.astype(np.float32))
    if thorough:
        kernels = [(length, sigma, turn) for turn in _THOROUGH_ANGLES for length, sigma in _THOROUGH]
        ratio = _THOROUGH_NOISE_RATIO
    else:
        kernels = [(length, sigma, 0.0) for length in _LENGTHS for sigma in _SIGMAS]
        ratio = _NOISE_RATIO
    for length, sigma, turn in kernels:
        kernel = _kernel_spectrum(gray.shape, length, angle + turn, sigma)
        restored = np.fft.irfft2(spectrum * np.conj(kernel) / (np.abs(kernel) ** 2 + ratio), s=gray.shape)
        name = f"wiener{length}/{sigma:g}/{ratio:g}" + (f"/{turn:+g}deg" if turn else "")
        yield name, np.clip(restored, 0, 255).astype(np.uint8)


def _kernel_spectrum(shape: tuple[int, ...], length: int, angle: float, sigma: float) -> np.ndarray:
    side = _KERNEL_SIDE
    kernel = np.zeros((side, side), np.float32)
    centre = side // 2
    half = length // 2
    kernel[centre, centre - half : centre + half + 1] = 1
    # cv2 rotates counter-clockwise on screen (y down), i.e. by -angle in image axes.
    rotation = cv2.getRotationMatrix2D((centre, centre), -angle, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (side, side))
    kernel = cv2.GaussianBlur(kernel, (0, 0), sigma)
    kernel /= kernel.sum()
    padded = np.zeros(shape[:2], np.float32)
    padded[:side, :side] = kernel
    # Centred at the origin so that the restored image is not shifted.
    return np.fft.rfft2(np.roll(padded, (-centre, -centre), axis=(0, 1)))
