"""The fault and bad-input campaign of issue 21, longer than `tests/reliability/` can afford.

    .venv/bin/python benchmarks/faults.py [--cases 1000] [--kills 100] [--seed 21] [--quick]

1. Bad inputs over the CLI: CASES runs of `decode-id` (files and `-` on stdin), `pages detect`,
   `pages clean`, `digitize`, `sign` and `verify`, each given one input of every shape (pixel and
   PDF bombs, truncated and bit-flipped images and PDFs of every format, active, encrypted and
   damaged PDFs, random bytes, empty files, folders, missing paths, payloads with impossible dates
   and control characters). The commands run through the CLI's own `main()` in worker processes
   (a hundred cases each: a fresh interpreter per case would make the campaign hours long); a
   case counts as a traceback when `main()` returns 1 (a bug), prints a traceback, or the worker
   dies. A few headless intakes with bad `--id-image`/`--component` files run as real processes.
2. Kills: KILLS `kill -9` at random moments of headless intakes and of outbox drains (`outbox run`)
   on one data folder, against the sandbox portal over loopback. Then one drain to the end, and
   the checks: every dossier with a submission queued is on the portal exactly once (lost,
   duplicated), the event chain verifies, the database passes `integrity_check`.

Prints one JSON object: `{"cases", "tracebacks", "lost", "duplicated", "peak_rss_mb", ...}`;
`peak_rss_mb` is the largest resident size any child process reached.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import hostile  # noqa: E402

ID_CARD_PAYLOAD = "089202017098|352576714|Lê Văn Lương|23052002|Nam|Số 12, Ấp Tân Hòa, Tiền Giang|31122021"


# -- the inputs -----------------------------------------------------------------------------------


def _image(kind: str, size: tuple[int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB" if kind == "JPEG" else "L", size, 210).save(out, kind)
    return out.getvalue()


def fixed_inputs(bomb_pdf: bytes) -> dict[str, bytes]:
    """Named inputs of every shape issue 21 found trouble with."""
    pdf = hostile.plain_pdf(2)
    found = {
        "bomb-50000.pdf": bomb_pdf,
        "bomb-header.pdf": hostile.pdf_with_image(60_000, 60_000, deflated=b"x\x9c\x03\x00\x00\x00\x00\x01"),
        "wide-70000.png": hostile.png_header_bomb(70_000, 10),
        "bomb-40000.png": hostile.png_header_bomb(40_000, 40_000),
        "tall-65536.png": hostile.png_header_bomb(1, 65_536),
        "zero.png": hostile.png_header_bomb(0, 0),
        "active.pdf": hostile.active_pdf(),
        "encrypted-empty.pdf": hostile.encrypted_pdf(""),
        "encrypted-password.pdf": hostile.encrypted_pdf("mat-khau"),
        "truncated.pdf": hostile.truncated_pdf(3),
        "stub.pdf": b"%PDF-1.7\n",
        "no-pages.pdf": _no_pages_pdf(),
        "plain.pdf": pdf,
        "empty.png": b"",
        "text.jpg": "không phải ảnh".encode(),
        "random.bin": random.Random(1).randbytes(5000),
    }
    for kind in ("PNG", "JPEG", "TIFF", "BMP", "GIF", "WEBP"):
        data = _image(kind, (300, 400))
        found[f"cut-{kind.lower()}.img"] = data[: len(data) // 2]
        found[f"header-{kind.lower()}.img"] = data[:32]
    return found


def _no_pages_pdf() -> bytes:
    import pikepdf

    out = io.BytesIO()
    pikepdf.new().save(out)
    return out.getvalue()


def mutated_inputs(rng: random.Random, count: int) -> dict[str, bytes]:
    """Valid small images and PDFs with bytes flipped, cut or spliced."""
    seeds = [
        _image(k, (rng.randint(8, 200), rng.randint(8, 200))) for k in ("PNG", "JPEG", "TIFF", "BMP", "WEBP")
    ]
    seeds += [hostile.plain_pdf(1), hostile.active_pdf()]
    found = {}
    for index in range(count):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.4:
            data = data[: rng.randrange(1, len(data))]
        if rng.random() < 0.2:
            spot = rng.randrange(len(data))
            data = data[:spot] + rng.randbytes(rng.randint(1, 64)) + data[spot:]
        found[f"mutant-{index:04d}.bin"] = bytes(data)
    return found


def stdin_payloads(rng: random.Random, count: int) -> list[bytes]:
    fields = ID_CARD_PAYLOAD.split("|")
    garbage = ["31022002", "45132021", "00000000", "99999999", "\x1b[31m", "\r\n", "\u202e", "\x00",
               "A" * 2500, "", "Nữ", "089302017098", "|||", "\ufeff"]  # fmt: skip
    found = []
    for _ in range(count):
        copy = list(fields)
        for _ in range(rng.randint(1, 3)):
            copy[rng.randrange(len(copy))] = rng.choice(garbage) + rng.choice(["", copy[0]])
        text = "|".join(copy[: rng.randint(1, len(copy))] if rng.random() < 0.2 else copy)
        found.append(text.encode("utf-8") if rng.random() < 0.8 else rng.randbytes(rng.randint(0, 120)))
    return found


# -- part 1: bad inputs over the CLI --------------------------------------------------------------

_WORKER = r"""
import contextlib, io, json, sys, traceback
sys.path.insert(0, sys.argv[1])
from counter_app.cli import main
for line in sys.stdin:
    case = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(bytes.fromhex(case.get("stdin", ""))), encoding="utf-8")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(case["argv"])
    except SystemExit as exc:  # argparse
        rc = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        rc, err = 1, io.StringIO(traceback.format_exc())
    sys.__stdout__.write(json.dumps({"id": case["id"], "rc": rc, "traceback": "Traceback" in err.getvalue(),
                                     "stderr": err.getvalue()[-400:]}) + "\n")
    sys.__stdout__.flush()
"""


def cli_cases(folder: Path, inputs: dict[str, bytes], payloads: list[bytes], limit: int) -> list[dict]:
    files = {}
    for name, data in inputs.items():
        path = folder / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files[name] = path
    odd = [folder / "in", folder / "in" / "missing.png", folder / "in" / "tên tiếng Việt.png"]
    odd[2].write_bytes(inputs["cut-png.img"])
    cases: list[dict] = []
    out = folder / "out"
    for index, path in enumerate([*files.values(), *odd]):
        is_pdf = path.suffix == ".pdf" or path.name.startswith("mutant")
        commands = [
            ["decode-id", "--no-mrz", str(path)],
            ["pages", "detect", str(path)],
            ["pages", "clean", str(path), "--out", str(out / f"clean-{index}")],
            ["digitize", "--no-ocr", "--out", str(out / f"d-{index}.pdf"), str(path)],
        ]
        if is_pdf:
            commands += [["sign", "--out-dir", str(out / f"s-{index}"), str(path)], ["verify", str(path)]]
        cases += [{"argv": argv} for argv in commands]
    cases += [{"argv": ["decode-id", "-"], "stdin": p.hex()} for p in payloads]
    for number, case in enumerate(cases):
        case["id"] = number
        case["argv"] = [*case["argv"], "--data-dir", str(folder / "data")]
    return cases[:limit] if limit else cases


def run_cli_cases(folder: Path, cases: list[dict], per_worker: int = 100) -> dict:
    tracebacks: list[dict] = []
    rcs: Counter[int] = Counter()
    crashed = 0
    pending = list(cases)
    env = {
        **os.environ,
        "COUNTER_APP_NO_DIALOGS": "1",
        "COUNTER_APP_NO_DISCOVERY": "1",
        "OPENCV_LOG_LEVEL": "ERROR",
    }
    while pending:
        batch, pending = pending[:per_worker], pending[per_worker:]
        proc = subprocess.run(
            [sys.executable, "-c", _WORKER, str(REPO)],
            input="".join(json.dumps(c) + "\n" for c in batch),
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,
            timeout=3600,
            check=False,
        )
        done = {}
        for line in proc.stdout.splitlines():
            try:
                result = json.loads(line)
            except json.JSONDecodeError:
                continue
            done[result["id"]] = result
        for result in done.values():
            rcs[result["rc"]] += 1
            if result["rc"] == 1 or result["traceback"]:
                tracebacks.append({"argv": cases[result["id"]]["argv"][:-2], "stderr": result["stderr"]})
        missing = [c for c in batch if c["id"] not in done]
        if missing:  # the worker died on the first of these: a crash; the others run again
            crashed += 1
            tracebacks.append({"argv": missing[0]["argv"][:-2], "worker_died": proc.returncode})
            pending = missing[1:] + pending
    return {"cases": sum(rcs.values()) + crashed, "rc": dict(rcs), "tracebacks": tracebacks}


# -- part 2: kill -9 during intakes and drains -----------------------------------------------------


def _cli(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "ui.entry", *args, "--data-dir", str(data)]


def _card_and_page(folder: Path) -> tuple[Path, Path]:
    import cv2

    from tests.synthetic import render_text_page, save_page
    from tests.synthetic_idcard import render_card, synthetic_citizen

    card = folder / "cccd.png"
    cv2.imwrite(str(card), render_card(synthetic_citizen(random.Random(7))))
    page = save_page(render_text_page(dpi=150, seed=3), folder / "page.png", dpi=150)
    return card, page


def bad_intakes(folder: Path, url: str, inputs: dict[str, Path], card: Path, page: Path) -> dict:
    """Headless intakes given bad `--id-image` or `--component` files: known errors only."""
    data = folder / "bad-intakes"
    results = []
    for name, path in inputs.items():
        for role in ("id", "component"):
            id_image, component = (path, page) if role == "id" else (card, path)
            argv = _cli(data, "intake", "--headless", "--id-image", str(id_image), "--procedure", "1.001193",
                        "--component", f"to_khai_khai_sinh={component}", "--component", f"giay_chung_sinh={page}",
                    "--portal", url, "--wait", "5")  # fmt: skip
            done = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, timeout=600, check=False)
            results.append(
                {"input": name, "role": role, "rc": done.returncode, "traceback": "Traceback" in done.stderr}
            )
    return {
        "cases": len(results),
        "tracebacks": [r for r in results if r["rc"] == 1 or r["traceback"]],
        "rc": dict(Counter(r["rc"] for r in results)),
    }


def kill_campaign(
    folder: Path, url: str, handle: object, kills: int, rng: random.Random, card: Path, page: Path
) -> dict:
    data = folder / "kills"
    killed = finished = 0
    outcomes: Counter[str] = Counter()
    tracebacks = []
    durations = [12.0]  # what an intake takes here; kill moments are drawn within it
    while killed < kills:
        drain = rng.random() < 0.35
        if drain:
            argv = _cli(data, "outbox", "run", "--portal", url, "--until-empty")
        else:
            argv = _cli(data, "intake", "--headless", "--id-image", str(card), "--procedure", "1.001193",
                        "--component", f"to_khai_khai_sinh={page}", "--component", f"giay_chung_sinh={page}",
                    "--portal", url, "--wait", "3")  # fmt: skip
        started = time.monotonic()
        proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        moment = rng.uniform(0.2, max(durations) * (0.6 if drain else 1.1))
        try:
            _, err = proc.communicate(timeout=moment)
            finished += 1
            if not drain:
                durations.append(time.monotonic() - started)
            outcomes[f"{'drain' if drain else 'intake'} rc={proc.returncode}"] += 1
            if proc.returncode == 1 or "Traceback" in err:
                tracebacks.append({"argv": argv[3:5], "stderr": err[-600:]})
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
            killed += 1
            outcomes[f"{'drain' if drain else 'intake'} killed"] += 1
    # The end of the day: one drain to the end, then the checks.
    final = subprocess.run(_cli(data, "outbox", "run", "--portal", url, "--until-empty"), cwd=REPO,
                           capture_output=True, text=True, timeout=1800, check=False)  # fmt: skip
    if final.returncode == 1 or "Traceback" in final.stderr:
        tracebacks.append({"argv": ["outbox", "run"], "stderr": final.stderr[-600:]})
    audit = subprocess.run(
        _cli(data, "audit", "verify"), cwd=REPO, capture_output=True, text=True, check=False
    )
    conn = sqlite3.connect(data / "counter.sqlite3")
    queued = {r[0] for r in conn.execute("SELECT dossier_ref FROM outbox_jobs WHERE kind = 'submission'")}
    states = Counter(r[0] for r in conn.execute("SELECT state FROM outbox_jobs WHERE kind = 'submission'"))
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    stored = handle.portal.store.dossiers()  # type: ignore[attr-defined]
    per_ref = Counter(d["local_ref"] for d in stored)
    stray = [str(p.relative_to(data)) for p in data.rglob("*.tmp")]
    return {
        "kills": killed,
        "finished_runs": finished,
        "outcomes": dict(outcomes),
        "submissions_queued": len(queued),
        "job_states": dict(states),
        "lost": sum(1 for ref in queued if per_ref[ref] == 0),
        "duplicated": sum(1 for n in per_ref.values() if n > 1),
        "audit": audit.stdout.strip()[:200],
        "integrity_check": integrity,
        "stray_tmp_files": len(stray),
        "tracebacks": tracebacks,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1000, help="CLI bad-input cases (at least)")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--quick", action="store_true", help="about 150 cases and 5 kills")
    args = parser.parse_args()
    if args.quick:
        args.cases, args.kills = 150, 5
    rng = random.Random(args.seed)
    from sandbox.server import start_in_thread

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="faults-") as tmp:
        folder = Path(tmp)
        bomb = hostile.pdf_with_image(50_000, 50_000)
        inputs = fixed_inputs(bomb)
        per_file = 4.5  # commands per input file, on average
        mutants = max(0, int((args.cases * 0.8) / per_file) - len(inputs))
        inputs.update(mutated_inputs(rng, mutants))
        payloads = stdin_payloads(rng, max(10, args.cases // 5))
        cases = cli_cases(folder, inputs, payloads, 0)
        cli = run_cli_cases(folder, cases)
        handle = start_in_thread()
        try:
            card, page = _card_and_page(folder)
            chosen = ["bomb-50000.pdf", "wide-70000.png", "encrypted-password.pdf", "encrypted-empty.pdf",
                      "active.pdf", "truncated.pdf", "cut-tiff.img", "text.jpg"]  # fmt: skip
            intakes = bad_intakes(folder, handle.url, {n: folder / "in" / n for n in chosen}, card, page)
            kills = kill_campaign(folder, handle.url, handle, args.kills, rng, card, page)
        finally:
            handle.stop()
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    tracebacks = [*cli["tracebacks"], *intakes["tracebacks"], *kills["tracebacks"]]
    result = {
        "cases": cli["cases"] + intakes["cases"],
        "tracebacks": len(tracebacks),
        "lost": kills["lost"],
        "duplicated": kills["duplicated"],
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "kills": kills["kills"],
        "cli_exit_codes": cli["rc"],
        "bad_intakes": intakes["rc"],
        "kill_campaign": {k: v for k, v in kills.items() if k != "tracebacks"},
        "traceback_samples": tracebacks[:5],
        "wall_s": round(time.monotonic() - started, 1),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
