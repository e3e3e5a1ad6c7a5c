"""The release's minimal OpenCV, without compiling it (build_spec/opencv_minimal.py, the spec's swap).

Compiling OpenCV takes tens of minutes: CI checks what the build would be asked for, when a cache
is used, and that the spec recognises every file of the wheel it replaces. A module already built
on this machine is checked for real.
"""

from __future__ import annotations

import json
import re
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "build_spec"))
import bundle_filters  # noqa: E402
import opencv_minimal  # noqa: E402


def _defines(args: list[str]) -> dict[str, str]:
    return dict(a[2:].split("=", 1) for a in args if a.startswith("-D"))


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_cmake_asks_for_the_used_modules_and_no_ffmpeg_or_blas(tmp_path: Path, platform: str) -> None:
    args = opencv_minimal.cmake_configure_args(tmp_path / "src", tmp_path / "b", tmp_path / "i", platform)
    defines = _defines(args)
    assert defines["BUILD_LIST"].split(",") == ["core", "imgproc", "imgcodecs", "videoio", "python3"]
    assert defines["CMAKE_BUILD_TYPE"] == "Release"
    assert defines["BUILD_SHARED_LIBS"] == "OFF"  # one module, no libraries beside it
    for off in ("WITH_FFMPEG", "WITH_GSTREAMER", "WITH_LAPACK", "WITH_IPP", "WITH_OPENCL", "WITH_OPENEXR"):
        assert defines[off] == "OFF", off
    for off in ("BUILD_TESTS", "BUILD_PERF_TESTS", "BUILD_EXAMPLES", "BUILD_DOCS"):
        assert defines[off] == "OFF", off
    for codec in ("JPEG", "PNG", "TIFF", "ZLIB"):  # compiled in, not taken from the build machine
        assert defines[f"BUILD_{codec}"] == "ON", codec
    assert defines["PYTHON3_EXECUTABLE"] == sys.executable
    assert defines["CMAKE_ASM_NASM_COMPILER"] == "nasm"  # libjpeg-turbo's SIMD code
    cameras = {"linux": {"WITH_V4L"}, "win32": {"WITH_MSMF", "WITH_DSHOW"}}[platform]
    assert {
        name for name, value in defines.items() if name in {"WITH_V4L", "WITH_MSMF", "WITH_DSHOW"}
    } == cameras
    assert all(defines[name] == "ON" for name in cameras)


def test_every_option_is_one_opencv_reads() -> None:
    """A misspelt option is silently ignored by CMake: each name must appear in OpenCV's CMake code."""
    work = opencv_minimal.cache_dir(opencv_minimal.wheel_version()).parent / "work"
    trees = sorted(work.glob("*/src/*/opencv"))
    if not trees:
        pytest.skip("no OpenCV source here (build_spec/opencv_minimal.py fetches it)")
    files = [*trees[0].glob("CMakeLists.txt"), *trees[0].glob("cmake/**/*.cmake")]
    files += [*trees[0].glob("modules/**/*.cmake"), *trees[0].glob("modules/**/CMakeLists.txt")]
    files += [*trees[0].glob("3rdparty/**/CMakeLists.txt")]
    text = "\n".join(p.read_text(errors="replace") for p in files)
    options = opencv_minimal.COMMON_OPTIONS | opencv_minimal.PLATFORM_OPTIONS["linux"]
    options |= opencv_minimal.PLATFORM_OPTIONS["win32"]
    unknown = [n for n in options if not n.startswith("CMAKE_") and not re.search(rf"\b{n}\b", text)]
    assert not unknown


def test_no_build_without_nasm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without NASM libjpeg-turbo has no SIMD (JPEG ~5x slower): the build stops and says why."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SystemExit, match="NASM"):
        opencv_minimal.nasm()


def test_python_paths_name_this_interpreter() -> None:
    paths = opencv_minimal.python_paths()
    assert Path(paths["PYTHON3_INCLUDE_DIR"], "Python.h").exists()
    assert paths["PYTHON3_INCLUDE_DIR"] == sysconfig.get_paths()["include"].replace("\\", "/")


def _cache_entry(base: Path, version: str, **info: object) -> Path:
    folder = opencv_minimal.cache_dir(version, base)
    folder.mkdir(parents=True)
    (
        folder
        / ("cv2.cp311-win_amd64.pyd" if sys.platform == "win32" else "cv2.cpython-311-x86_64-linux-gnu.so")
    ).write_bytes(b"\x7fELF")
    record = {"version": version, "options": opencv_minimal.options_digest(), "verified": True} | info
    (folder / "build-info.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def test_a_cached_module_is_used_only_for_its_version_options_and_a_passed_check(tmp_path: Path) -> None:
    good = _cache_entry(tmp_path / "good", "5.0.0.93")
    assert opencv_minimal.cached_module("5.0.0.93", tmp_path / "good") == good
    _cache_entry(tmp_path / "old", "4.12.0.88")
    assert opencv_minimal.cached_module("5.0.0.93", tmp_path / "old") is None
    _cache_entry(tmp_path / "options", "5.0.0.93", options="0000000000000000")
    assert opencv_minimal.cached_module("5.0.0.93", tmp_path / "options") is None
    _cache_entry(tmp_path / "failed", "5.0.0.93", verified=False)
    assert opencv_minimal.cached_module("5.0.0.93", tmp_path / "failed") is None
    assert opencv_minimal.cached_module("5.0.0.93", tmp_path / "empty") is None


def test_the_version_built_is_the_wheels() -> None:
    import cv2

    version = opencv_minimal.wheel_version()
    assert opencv_minimal.opencv_version(version) == cv2.__version__
    assert opencv_minimal.cache_dir(version).name.startswith(f"opencv-{version}-min-")


def test_the_names_checked_are_the_ones_the_application_uses() -> None:
    import cv2

    names = opencv_minimal.used_names()
    assert {
        "imdecode",
        "imencode",
        "VideoCapture",
        "warpPerspective",
        "findContours",
        "videoio_registry",
    } <= set(names)
    assert all(hasattr(cv2, name) for name in names)  # the wheel has them all: the list is not noise


def test_the_spec_finds_every_file_of_the_wheel_it_replaces(tmp_path: Path) -> None:
    """The spec refuses a bundle holding any of the wheel's OpenCV next to the minimal module."""
    import cv2

    site = Path(cv2.__file__).resolve().parent.parent
    wheel_files = [
        p
        for folder in ("cv2", "opencv_python_headless.libs")
        for p in (site / folder).rglob("*")
        if p.is_file()
    ]
    assert wheel_files
    entries = [(p.relative_to(site).as_posix(), str(p), "BINARY") for p in wheel_files]
    entries += [("cv2", str(site / "cv2" / "__init__.py"), "PYMODULE")]
    minimal = tmp_path / "minimal"
    minimal.mkdir()
    module = minimal / "cv2.cpython-311-x86_64-linux-gnu.so"
    module.write_bytes(b"\x7fELF")
    ours = [
        (module.name, str(module), "EXTENSION"),
        ("numpy/_core/_multiarray_umath.so", str(site / "numpy" / "x.so"), "EXTENSION"),
        ("numpy", str(site / "numpy" / "__init__.py"), "PYMODULE"),
        ("PySide6/Qt/lib/libQt6Core.so.6", str(site / "PySide6" / "x.so"), "BINARY"),
    ]
    found = bundle_filters.wheel_opencv_files(entries + ours, str(minimal))
    assert sorted(found) == sorted(e[0] for e in entries)
    # A cv2 module at the top that is not the minimal one (the wheel's, found first) is refused too.
    stray = [("cv2.abi3.so", str(site / "cv2" / "cv2.abi3.so"), "EXTENSION")]
    assert bundle_filters.wheel_opencv_files(stray, str(minimal)) == ["cv2.abi3.so"]


def test_the_windows_workflow_builds_the_minimal_opencv_before_freezing() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = [str(step.get("run", "")) for step in steps]
    uses = [str(step.get("uses", "")) for step in steps]
    compile_at = next(i for i, run in enumerate(runs) if "build_spec/opencv_minimal.py" in run)
    freeze_at = next(i for i, run in enumerate(runs) if "build_spec/build.py" in run)
    cache_at = next(i for i, use in enumerate(uses) if use.startswith("actions/cache@"))
    msvc_at = next(i for i, use in enumerate(uses) if use.startswith("ilammy/msvc-dev-cmd@"))
    assert cache_at < compile_at < freeze_at and msvc_at < compile_at
    assert "--opencv minimal" in runs[freeze_at]


def test_the_check_does_not_let_the_wheel_answer_for_a_missing_module(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cv2 imported from"):
        opencv_minimal.verify(tmp_path)


def test_a_built_module_does_what_the_application_asks() -> None:
    folder = opencv_minimal.cached_module()
    if folder is None:
        pytest.skip("no minimal OpenCV built here (python build_spec/opencv_minimal.py)")
    report = opencv_minimal.verify(folder)
    assert report["video"] == "5 frames via CV_MJPEG"
    assert "FFMPEG" not in report["backends"]
