"""Every system file the code and the tests name comes from a package a fresh machine installs.

A clean Debian/Ubuntu machine gets only what `scripts/system-packages.txt` lists (and what those
packages depend on). A font or library path that happened to be on the machine the code was
written on fails there, so each file named in our sources is traced to its package with `dpkg -S`
and looked up in the dependency closure of the listed packages (`apt-cache depends --recurse`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (
    "common",
    "counter_app",
    "scanner",
    "signing",
    "sandbox",
    "ui",
    "tests",
    "benchmarks",
    "build_spec",
)
_SYSTEM_PATH = re.compile(r"/usr/(?:share|lib)/[A-Za-z0-9_./+-]*[A-Za-z0-9_+-]\.[A-Za-z0-9.]+")
_FONT_FILE = re.compile(r"\b[A-Za-z0-9_-]+\.(?:ttf|otf|ttc)\b")

pytestmark = pytest.mark.skipif(
    not (shutil.which("dpkg") and shutil.which("apt-cache")),
    reason="not a Debian/Ubuntu machine: packages are traced with dpkg and apt-cache",
)


def _listed_packages() -> list[str]:
    lines = (ROOT / "scripts" / "system-packages.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def _closure() -> frozenset[str]:
    """The listed packages and everything they pull in (depends and pre-depends, as installed)."""
    relations = ("--no-recommends", "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces")
    out = subprocess.run(
        [
            "apt-cache",
            "depends",
            "--recurse",
            "--installed",
            *relations,
            "--no-enhances",
            *_listed_packages(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    # Lines without indentation name packages; indented lines are the relations themselves.
    return frozenset(line.split(":")[0] for line in out.splitlines() if line and not line[0].isspace())


def _named_files() -> dict[Path, str]:
    """System files our sources name, each with the first source file that names it."""
    named: dict[Path, str] = {}
    for top in SOURCES:
        for source in sorted((ROOT / top).rglob("*.py")):
            if ".venv" in source.parts:
                continue
            text = source.read_text(encoding="utf-8", errors="replace")
            where = str(source.relative_to(ROOT))
            for match in _SYSTEM_PATH.findall(text):
                named.setdefault(Path(match), where)
            for font in set(_FONT_FILE.findall(text)):
                for found in sorted(Path("/usr/share/fonts").rglob(font))[:1]:
                    named.setdefault(found, where)
    return named


def _package_of(path: Path) -> str | None:
    out = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True, timeout=30)
    if out.returncode != 0:
        return None
    return out.stdout.splitlines()[0].split(":")[0]


def test_every_named_system_file_comes_from_a_listed_package() -> None:
    closure = _closure()
    assert set(_listed_packages()) <= closure, "a listed package is not installed: run make system-packages"
    unlisted = []
    for path, where in sorted(_named_files().items()):
        if not path.is_file():
            continue  # not on this machine: the code names it as an optional fallback (checked below)
        package = _package_of(path)
        if package is not None and package not in closure:
            unlisted.append(f"{path} (package {package}, named in {where})")
    assert not unlisted, "add these packages to scripts/system-packages.txt:\n" + "\n".join(unlisted)


def test_the_fonts_the_tests_draw_with_are_installed() -> None:
    """The synthetic ID cards and pages are drawn with these; a missing one fails far from its cause."""
    from tests import synthetic, synthetic_idcard

    for font in (synthetic_idcard.FONT_REGULAR, synthetic_idcard.FONT_BOLD, synthetic_idcard.FONT_MONO):
        assert font.is_file(), f"{font} is missing: is its package in scripts/system-packages.txt?"
    for kind, names in synthetic._FONTS.items():
        found = [d / n for n in names for d in synthetic._FONT_DIRS if (d / n).is_file()]
        assert found, f"no font for the synthetic pages' {kind!r} text: one of {names}"
