"""Outbox figures: the fault campaign (exactly-once under faults and worker kills) and throughput.

    .venv/bin/python benchmarks/outbox.py [--jobs 500] [--fault-rate 0.3] [--kill-every 4]
                                          [--throughput-jobs 30] [--quick]

Campaign: JOBS submissions through the sandbox portal with FAULT_RATE of requests faulted (5xx,
dropped connections, timeouts, 429, lost answers in equal shares), while `counter-app outbox run`
is SIGKILLed every KILL_EVERY seconds and started again. Then: how many dossiers the sandbox
holds per local reference (lost = 0, duplicated = 0 expected), mean retries and wall time.
Throughput: no faults, dossiers of 5 PDFs of 200 KB each, one worker process; dossiers/s between
the first claim and the last recorded answer, and the worker's peak RSS. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from portal_contract.models import Applicant, ComponentUpload, SubmissionRequest  # noqa: E402
from sandbox.faults import FaultSpec  # noqa: E402
from sandbox.server import start_in_thread  # noqa: E402


def _pdf(folder: Path, name: str, size: int) -> ComponentUpload:
    data = b"%PDF-1.7\n" + os.urandom(size - 9)
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    return ComponentUpload(
        key=name,
        name=name,
        file_name=path.name,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        size=size,
    )


def _request(folder: Path, ref: str, files: int, size: int) -> SubmissionRequest:
    folder.mkdir(parents=True, exist_ok=True)
    keys = [
        "to_khai_khai_sinh",
        "giay_chung_sinh",
        "giay_chung_nhan_ket_hon",
        "van_ban_uy_quyen",
        "giay_to_tuy_than",
    ]
    return SubmissionRequest(
        office_code="000.00.01.H31",
        local_ref=ref,
        procedure_code="1.001193",
        applicant=Applicant(id_number="001203004567", full_name="Nguyễn Văn Đo Đạc"),
        components=tuple(_pdf(folder, keys[i], size) for i in range(files)),
    )


def _enqueue(data_dir: Path, count: int, files: int, size: int, prefix: str) -> None:
    os.environ["COUNTER_APP_DATA_DIR"] = str(data_dir)
    from counter_app.context import AppContext
    from counter_app.portal.outbox import Outbox

    ctx = AppContext.open()
    outbox = Outbox(ctx.db, ctx.events, data_key=ctx.data_key)
    for i in range(count):
        ref = f"{prefix}-{i:04d}"
        outbox.enqueue_submission(ref, _request(data_dir / "pdf" / ref, ref, files, size))
    ctx.close()


def _worker(data_dir: Path, url: str, timeout_s: float, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "COUNTER_APP_DATA_DIR": str(data_dir)}
    cmd = [
        sys.executable,
        "-m",
        "counter_app",
        "outbox",
        "run",
        "--portal",
        url,
        "--timeout-s",
        str(timeout_s),
    ]
    return subprocess.Popen(
        [*cmd, "--backoff-base-s", "0.05", "--backoff-max-s", "1.0", *extra],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def _jobs(data_dir: Path) -> list[dict]:
    import sqlite3

    conn = sqlite3.connect(data_dir / "counter.sqlite3")
    conn.row_factory = sqlite3.Row
    rows = [dict(r) for r in conn.execute("SELECT * FROM outbox_jobs")]
    conn.close()
    return rows


def campaign(jobs: int, fault_rate: float, kill_every: float, timeout_s: float) -> dict:
    share = fault_rate / 5
    faults = FaultSpec(
        error_rate=share,
        drop_rate=share,
        timeout_rate=share,
        throttle_rate=share,
        lost_response_rate=share,
        retry_after_s=0.2,
        hang_s=timeout_s * 1.5,
        seed=2026,
    )
    handle = start_in_thread(faults=faults)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _enqueue(data_dir, jobs, files=2, size=3000, prefix="FC")
        started = time.monotonic()
        kills = 0
        while time.monotonic() - started < 1800:
            proc = _worker(data_dir, handle.url, timeout_s, "--until-empty")
            try:
                proc.wait(kill_every)
                break
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                kills += 1
        wall = time.monotonic() - started
        rows = _jobs(data_dir)
    stored = handle.portal.store.dossiers()
    counts = dict(handle.portal.asgi.counts)
    handle.stop()
    per_ref = Counter(d["local_ref"] for d in stored)
    refs = {r["dossier_ref"] for r in rows}
    return {
        "jobs": jobs,
        "fault_rate": fault_rate,
        "sent": sum(1 for r in rows if r["state"] == "sent"),
        "lost": sum(1 for ref in refs if per_ref[ref] == 0),
        "duplicated": sum(1 for n in per_ref.values() if n > 1),
        "sandbox_dossiers": len(stored),
        "answers_replayed": sum(1 for d in stored if d["replays"]),
        "mean_retries": round(sum(r["attempts"] - 1 for r in rows) / len(rows), 3),
        "max_attempts": max(r["attempts"] for r in rows),
        "worker_kills": kills,
        "faults_injected": counts,
        "wall_s": round(wall, 2),
    }


def throughput(count: int, timeout_s: float) -> dict:
    handle = start_in_thread()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        _enqueue(data_dir, count, files=5, size=200 * 1024, prefix="TP")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        proc = _worker(data_dir, handle.url, timeout_s, "--until-empty")
        proc.wait(600)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        rows = _jobs(data_dir)
    handle.stop()
    first = min(datetime.fromisoformat(r["last_attempt_at"]) for r in rows)
    last = max(datetime.fromisoformat(r["updated_at"]) for r in rows)
    seconds = (last - first).total_seconds()
    return {
        "dossiers": count,
        "pdfs_per_dossier": 5,
        "pdf_kb": 200,
        "sent": sum(1 for r in rows if r["state"] == "sent"),
        "drain_s": round(seconds, 3),
        "dossiers_per_s": round(count / seconds, 2) if seconds else None,
        "mb_per_s": round(count * 5 * 200 / 1024 / seconds, 2) if seconds else None,
        # ru_maxrss of the (largest) child: the worker process, interpreter included.
        "worker_peak_rss_mb": round(max(peak_kb, before) / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--kill-every", type=float, default=4.0)
    parser.add_argument("--timeout-s", type=float, default=0.5, help="client timeout in the campaign")
    parser.add_argument("--throughput-jobs", type=int, default=30)
    parser.add_argument("--quick", action="store_true", help="60 jobs, 10 throughput dossiers")
    args = parser.parse_args()
    if args.quick:
        args.jobs, args.throughput_jobs = 60, 10
    result = {
        "campaign": campaign(args.jobs, args.fault_rate, args.kill_every, args.timeout_s),
        "throughput": throughput(args.throughput_jobs, 30.0),
        "note": "sandbox portal on loopback in the same machine; 2 shared cores under load from other work",
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
