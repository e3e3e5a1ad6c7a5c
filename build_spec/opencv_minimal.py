"""A purpose-built OpenCV python module for the release bundle: only what the application uses.

    python build_spec/opencv_minimal.py [--jobs 2] [--cache DIR] [--verify-only]

The wheel (opencv-python-headless) carries every OpenCV module plus FFmpeg, libaom, libvpx, OpenSSL
and its own OpenBLAS: ~150 MB of a frozen bundle. The application calls only core, imgproc,
imgcodecs (JPEG, PNG, TIFF) and videoio (V4L2 cameras on Linux, MSMF/DSHOW on Windows, and MJPG AVI
files through OpenCV's own MJPEG back-end), so this script compiles exactly those, statically, into
one extension module of the same OpenCV version as the installed wheel, and caches it under
`~/.cache/mot-cua-so/opencv-<version>-min-<python>-<platform>/`. The dev virtualenv keeps the wheel;
`build_spec/build.py --opencv minimal` (the release default) freezes this module instead.

Source: the opencv-python sdist of the installed version. `pip download --no-binary :all:` would
also run the sdist's setup.py to read its metadata (needs scikit-build and a numpy build), so the
sdist's address and sha256 are read from the index pip uses, through its JSON API (PEP 691).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.request
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "opencv-python-headless"
INDEX = os.environ.get("MOT_CUA_SO_PYPI_JSON", "https://pypi.org/simple")
# The modules the application calls (`grep -rhoE "cv2\.[A-Za-z_]+" counter_app scanner ...`); the
# python3 bindings generator wraps only the modules built.
MODULES = ("core", "imgproc", "imgcodecs", "videoio", "python3")
APP_PACKAGES = (
    "common",
    "office_calendar",
    "portal_contract",
    "counter_app",
    "scanner",
    "signing",
    "idchip",
    "ui",
    "sandbox",
)
ROOT = Path(__file__).resolve().parent.parent
CHECK_SCRIPT = Path(__file__).resolve().parent / "opencv_minimal_check.py"  # run in a fresh interpreter

# Everything else OpenCV could link is off. In particular: no FFmpeg/GStreamer (MJPG AVI files go
# through OpenCV's built-in MJPEG back-end), no LAPACK/OpenBLAS (imgproc does not need them), no
# IPP (a prebuilt binary fetched from GitHub at configure time), no OpenCL (no UMat in the app).
COMMON_OPTIONS = {
    "CMAKE_BUILD_TYPE": "Release",
    "BUILD_LIST": ",".join(MODULES),
    "BUILD_SHARED_LIBS": "OFF",  # one self-contained extension module, nothing beside it
    "BUILD_opencv_python3": "ON",
    "OPENCV_SKIP_PYTHON_LOADER": "ON",  # no cv2/ loader package: `import cv2` loads the module itself
    "OPENCV_PYTHON3_INSTALL_PATH": "python",
    "PYTHON3_LIMITED_API": "OFF",  # built for the one Python that freezes the bundle
    "BUILD_TESTS": "OFF",
    "BUILD_PERF_TESTS": "OFF",
    "BUILD_EXAMPLES": "OFF",
    "BUILD_DOCS": "OFF",
    "BUILD_opencv_apps": "OFF",
    "BUILD_JAVA": "OFF",
    "BUILD_opencv_js": "OFF",
    "INSTALL_C_EXAMPLES": "OFF",
    "INSTALL_PYTHON_EXAMPLES": "OFF",
    "ENABLE_PRECOMPILED_HEADERS": "OFF",
    # Image codecs: the bundled (static) libjpeg-turbo, libpng, libtiff and zlib; the rest off.
    "WITH_JPEG": "ON",
    "BUILD_JPEG": "ON",
    "WITH_PNG": "ON",
    "BUILD_PNG": "ON",
    "WITH_SPNG": "OFF",
    "WITH_TIFF": "ON",
    "BUILD_TIFF": "ON",
    "BUILD_ZLIB": "ON",
    "WITH_ZLIB_NG": "OFF",
    "WITH_OPENEXR": "OFF",
    "WITH_JASPER": "OFF",
    "WITH_OPENJPEG": "OFF",
    "WITH_WEBP": "OFF",
    "WITH_AVIF": "OFF",
    "WITH_JPEGXL": "OFF",
    "WITH_GDAL": "OFF",
    "WITH_GDCM": "OFF",
    "WITH_IMGCODEC_HDR": "OFF",
    "WITH_IMGCODEC_SUNRASTER": "OFF",
    "WITH_IMGCODEC_PFM": "OFF",
    # Video: cameras and OpenCV's own MJPEG AVI reader/writer only.
    "WITH_FFMPEG": "OFF",
    "VIDEOIO_ENABLE_PLUGINS": "OFF",  # built-in back-ends only: no search for FFmpeg/GStreamer plug-ins
    "WITH_GSTREAMER": "OFF",
    "WITH_1394": "OFF",
    "WITH_OBSENSOR": "OFF",
    "WITH_OPENNI2": "OFF",
    "WITH_GPHOTO2": "OFF",
    "WITH_ARAVIS": "OFF",
    "WITH_XIMEA": "OFF",
    "WITH_UEYE": "OFF",
    "WITH_LIBREALSENSE": "OFF",
    "WITH_VA": "OFF",
    "WITH_VA_INTEL": "OFF",
    "WITH_MFX": "OFF",
    # Maths and acceleration libraries the used functions do not need.
    "WITH_LAPACK": "OFF",
    "WITH_EIGEN": "OFF",
    "WITH_IPP": "OFF",
    "BUILD_IPP_IW": "OFF",
    "WITH_ITT": "OFF",
    "WITH_OPENCL": "OFF",
    "WITH_VULKAN": "OFF",
    "WITH_CUDA": "OFF",
    "WITH_OPENVINO": "OFF",
    "WITH_PROTOBUF": "OFF",
    "WITH_FLATBUFFERS": "OFF",
    "WITH_TBB": "OFF",
    "WITH_OPENMP": "OFF",
    # No windows of its own: the UI is Qt.
    "WITH_GTK": "OFF",
    "WITH_QT": "OFF",
    "WITH_WIN32UI": "OFF",
    "WITH_WAYLAND": "OFF",
    "WITH_OPENGL": "OFF",
    "WITH_VTK": "OFF",
}
# Camera back-ends the webcam device uses (scanner/devices/webcam.py): V4L2 on Linux; on Windows
# DSHOW first (MSMF opens slowly on many laptops) and MSMF as the default.
PLATFORM_OPTIONS = {
    "linux": {"WITH_V4L": "ON"},
    "win32": {"WITH_DSHOW": "ON", "WITH_MSMF": "ON", "WITH_MSMF_DXVA": "OFF"},
}
CAMERA_BACKENDS = {"linux": {"V4L2"}, "win32": {"MSMF", "DSHOW"}}
# Raised when the build changes other than by its options, so that older cached modules are rebuilt.
# 2: NASM required (libjpeg-turbo with SIMD).
RECIPE = 2


def wheel_version() -> str:
    """The installed wheel's version (e.g. 5.0.0.93): the minimal module is built from its sdist."""
    return metadata.version(DISTRIBUTION)


def opencv_version(version: str) -> str:
    """The OpenCV release inside an opencv-python version (5.0.0.93 → 5.0.0)."""
    return ".".join(version.split(".")[:3])


def python_paths(platform: str = sys.platform) -> dict[str, str]:
    """Interpreter, headers and import library of the Python that will import the module."""
    include = sysconfig.get_paths()["include"]
    if platform == "win32":
        library = Path(sys.base_prefix) / "libs" / f"python{sys.version_info[0]}{sys.version_info[1]}.lib"
    else:
        library = Path(sysconfig.get_config_var("LIBDIR") or "") / (
            sysconfig.get_config_var("LDLIBRARY") or ""
        )
    return {
        "PYTHON3_EXECUTABLE": sys.executable,
        "PYTHON_DEFAULT_EXECUTABLE": sys.executable,
        "PYTHON3_INCLUDE_DIR": include.replace("\\", "/"),
        "PYTHON3_LIBRARY": str(library).replace("\\", "/"),
    }


def cmake_options(install: Path, platform: str = sys.platform) -> dict[str, str]:
    options = {**COMMON_OPTIONS, **PLATFORM_OPTIONS.get(platform, {}), **python_paths(platform)}
    options["CMAKE_INSTALL_PREFIX"] = str(install).replace("\\", "/")
    return options


def nasm() -> str:
    """The NASM assembler: without it libjpeg-turbo builds without SIMD and JPEG encoding (every
    intake page) runs ~5x slower, so the build refuses to go on."""
    found = shutil.which("nasm")
    if found is None:
        raise SystemExit(
            "NASM not found: libjpeg-turbo would be built without SIMD (JPEG ~5x slower). "
            "Install it (Debian/Ubuntu: apt-get install nasm; Windows: choco install nasm) and put it on PATH."
        )
    return found


def cmake_configure_args(
    source: Path, build: Path, install: Path, platform: str = sys.platform, assembler: str = "nasm"
) -> list[str]:
    """The `cmake` configure command line (Ninja when available: MSVC's environment or Linux)."""
    generator = ["-G", "Ninja"] if shutil.which("ninja") else []
    options = cmake_options(install, platform) | {"CMAKE_ASM_NASM_COMPILER": assembler.replace("\\", "/")}
    defines = [f"-D{name}={value}" for name, value in options.items()]
    return ["cmake", "-S", str(source), "-B", str(build), *generator, *defines]


def cache_dir(version: str, base: Path | None = None) -> Path:
    """Where the module of this OpenCV version, Python and platform is kept between builds."""
    base = base or Path(os.environ.get("MOT_CUA_SO_CACHE", Path.home() / ".cache" / "mot-cua-so"))
    python = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    return base / f"opencv-{version}-min-{python}-{sys.platform}"


def options_digest(platform: str = sys.platform) -> str:
    """Fingerprint of the build options: a cache built with other options is not used."""
    options = {**COMMON_OPTIONS, **PLATFORM_OPTIONS.get(platform, {}), "recipe": RECIPE}
    return hashlib.sha256(json.dumps(options, sort_keys=True).encode()).hexdigest()[:16]


def module_file(folder: Path) -> Path | None:
    """The cv2 extension module in `folder` (cv2.cpython-*.so / cv2.*.pyd), if there is one."""
    found = sorted(folder.glob("cv2*.pyd" if sys.platform == "win32" else "cv2*.so"))
    return found[0] if found else None


def cached_module(version: str | None = None, base: Path | None = None) -> Path | None:
    """The folder holding a built, verified minimal module for the installed wheel, or None.

    The folder is used only when its build-info.json names this version and these build options
    and records a passed verification; anything else is rebuilt.
    """
    version = version or wheel_version()
    folder = cache_dir(version, base)
    try:
        info = json.loads((folder / "build-info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if info.get("version") != version or info.get("options") != options_digest() or not info.get("verified"):
        return None
    return folder if module_file(folder) is not None else None


def sdist_link(version: str, index: str = INDEX) -> tuple[str, str]:
    """Address and sha256 of the sdist, from the index's JSON simple API (PEP 691)."""
    request = urllib.request.Request(
        f"{index.rstrip('/')}/{DISTRIBUTION}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        files = json.load(response)["files"]
    name = f"{DISTRIBUTION.replace('-', '_')}-{version}.tar.gz"
    for entry in files:
        if entry["filename"] == name:
            return entry["url"], entry["hashes"]["sha256"]
    raise SystemExit(f"no sdist {name} on {index}")


def fetch_sdist(version: str, downloads: Path) -> Path:
    """The sdist in `downloads`, downloaded once and checked against the index's sha256."""
    url, sha256 = sdist_link(version)
    target = downloads / url.rsplit("/", 1)[1]
    if not target.exists() or file_sha256(target) != sha256:
        downloads.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".part")
        with urllib.request.urlopen(url, timeout=600) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out, 1 << 20)
        if file_sha256(partial) != sha256:
            partial.unlink()
            raise SystemExit(f"{target.name}: sha256 differs from the index's {sha256}")
        partial.replace(target)
    return target


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as src:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def opencv_source(sdist: Path, work: Path) -> Path:
    """The OpenCV source tree inside the sdist (its `opencv/` folder), extracted into `work`."""
    top = sdist.name.removesuffix(".tar.gz")
    source = work / top / "opencv"
    if not (source / "CMakeLists.txt").exists():
        work.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdist) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith(f"{top}/opencv/")]
            archive.extractall(work, members=members, filter="data")
    return source


def _niced(command: list[str]) -> list[str]:
    # The compile shares the machine: on POSIX it runs at a lower priority.
    return ["nice", "-n", "10", *command] if sys.platform != "win32" and shutil.which("nice") else command


def build(version: str, jobs: int, base: Path | None = None, work: Path | None = None) -> Path:
    """Compile, install and verify the minimal module; returns its cache folder."""
    folder = cache_dir(version, base)
    work = work or folder.parent / "work" / folder.name  # sources and objects, apart from the module
    source = opencv_source(fetch_sdist(version, work / "downloads"), work / "src")
    build_dir, install = work / "build", work / "install"
    started = time.perf_counter()
    cpu_before = _children_cpu()
    subprocess.run(_niced(cmake_configure_args(source, build_dir, install, assembler=nasm())), check=True)
    subprocess.run(
        _niced(["cmake", "--build", str(build_dir), "--config", "Release", "--parallel", str(jobs)]),
        check=True,
    )
    subprocess.run(["cmake", "--install", str(build_dir), "--config", "Release"], check=True)
    built = module_file(install / "python")
    if built is None:
        raise SystemExit(f"no cv2 module under {install / 'python'}")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy2(built, folder / built.name)
    info = {
        "version": version,
        "opencv": opencv_version(version),
        "options": options_digest(),
        "modules": list(MODULES),
        "module": built.name,
        "module_mb": round(built.stat().st_size / 1024**2, 1),
        "build_wall_s": round(time.perf_counter() - started, 1),
        "build_cpu_s": round(_children_cpu() - cpu_before, 1),
        "jobs": jobs,
        "verified": False,
    }
    _write_info(folder, info)
    info["verification"] = verify(folder)
    info["verified"] = True
    _write_info(folder, info)
    return folder


def _children_cpu() -> float:
    if sys.platform == "win32":
        return 0.0  # no rusage; the workflow's step time says it
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _write_info(folder: Path, info: dict[str, object]) -> None:
    (folder / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def used_names(root: Path = ROOT) -> list[str]:
    """Every `cv2.<name>` the application's packages use."""
    import re

    names: set[str] = set()
    for package in APP_PACKAGES:
        for path in (root / package).rglob("*.py"):
            names.update(re.findall(r"\bcv2\.([A-Za-z_][A-Za-z0-9_]*)", path.read_text(encoding="utf-8")))
    return sorted(names)


def verify(folder: Path) -> dict[str, object]:
    """Import the module alone and use what the application uses; raises SystemExit on a failure."""
    names = used_names()
    cameras = sorted(CAMERA_BACKENDS.get(sys.platform, set()))
    done = subprocess.run(
        [sys.executable, str(CHECK_SCRIPT), str(folder), json.dumps(names), json.dumps(cameras)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"minimal OpenCV in {folder} failed its check:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ensure(jobs: int = 2, base: Path | None = None) -> Path:
    """The cached minimal module for the installed wheel's version, built first if missing."""
    version = wheel_version()
    return cached_module(version, base) or build(version, jobs, base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="cache base folder (default ~/.cache/mot-cua-so)")
    parser.add_argument("--verify-only", action="store_true", help="check the cached module, build nothing")
    args = parser.parse_args()
    if args.verify_only:
        folder = cache_dir(wheel_version(), args.cache)
        if module_file(folder) is None:
            raise SystemExit(f"no minimal OpenCV in {folder}")
        print(json.dumps(verify(folder)))
        return
    folder = ensure(args.jobs, args.cache)
    print(folder)
    print((folder / "build-info.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
