"""`counter-app outbox [list|retry ID|cancel ID|run|poll]`: the submission queue.

`list` prints one line per job; `retry`/`cancel` print the job after the change; `run` sends
the queue in the foreground (for IT and scripted installs: the window runs the same worker
in the background) until it is empty (`--until-empty`), for `--for SECONDS`, or Ctrl-C.
`poll` asks the portal once about every filed dossier not yet finished and prints what the
log gained (`{"polled", "open", "changed", "changes": [...], "errors", "portal_down"}`); the
window's status poller does the same in the background, a few dossiers at a time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from counter_app.cli.output import emit

_STATES = ("queued", "sending", "sent", "failed", "needs_attention", "cancelled")


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("outbox", help="hàng đợi gửi hồ sơ lên cổng dịch vụ công")
    add_common(parser)
    parser.set_defaults(func=run_list, state=None)
    verbs = parser.add_subparsers(dest="outbox_verb", metavar="VERB")
    listing = verbs.add_parser("list", help="list jobs (default)")
    add_common(listing)
    listing.add_argument("--state", choices=_STATES, action="append", help="only jobs in this state")
    listing.set_defaults(func=run_list)
    retry = verbs.add_parser("retry", help="send a job again now")
    add_common(retry)
    retry.add_argument("id", type=int)
    retry.set_defaults(func=run_retry)
    cancel = verbs.add_parser("cancel", help="cancel a job that is not sent")
    add_common(cancel)
    cancel.add_argument("id", type=int)
    cancel.set_defaults(func=run_cancel)
    send = verbs.add_parser("run", help="send the queue in the foreground")
    add_common(send)
    send.add_argument("--portal", help="portal URL (default: portal.url, else an in-process sandbox)")
    send.add_argument("--until-empty", action="store_true", help="stop when nothing is left to send")
    send.add_argument("--for", dest="for_s", type=float, default=None, help="stop after SECONDS")
    send.add_argument(
        "--timeout-s", type=float, default=None, help="portal timeout (default portal.timeout_s)"
    )
    send.add_argument("--backoff-base-s", type=float, default=1.0)
    send.add_argument("--backoff-max-s", type=float, default=300.0)
    send.set_defaults(func=run_send)
    poll = verbs.add_parser("poll", help="ask the portal once how filed dossiers are progressing")
    add_common(poll)
    poll.add_argument("--portal", help="portal URL (default: portal.url, else an in-process sandbox)")
    poll.add_argument("--limit", type=int, default=None, help="ask about at most N dossiers")
    poll.add_argument(
        "--timeout-s", type=float, default=None, help="portal timeout (default portal.timeout_s)"
    )
    poll.set_defaults(func=run_poll)


def _outbox():
    from counter_app.context import AppContext
    from counter_app.portal.outbox import Outbox

    ctx = AppContext.open()
    return ctx, Outbox(ctx.db, ctx.events, data_key=ctx.data_key, workspace=ctx.workspace)


def run_list(args: argparse.Namespace) -> int:
    ctx, outbox = _outbox()
    try:
        for job in outbox.jobs(tuple(args.state or ())):
            emit(job.to_dict())
    finally:
        ctx.close()
    return 0


def run_retry(args: argparse.Namespace) -> int:
    ctx, outbox = _outbox()
    try:
        emit(outbox.retry(args.id).to_dict())
    finally:
        ctx.close()
    return 0


def run_cancel(args: argparse.Namespace) -> int:
    ctx, outbox = _outbox()
    try:
        emit(outbox.cancel(args.id).to_dict())
    finally:
        ctx.close()
    return 0


def run_send(args: argparse.Namespace) -> int:
    from counter_app.portal.connect import connect_portal
    from counter_app.portal.worker import Backoff, OutboxWorker

    ctx, outbox = _outbox()
    portal = connect_portal(ctx, args.portal, timeout_s=args.timeout_s)
    worker = OutboxWorker(
        outbox, portal.client, backoff=Backoff(base_s=args.backoff_base_s, max_s=args.backoff_max_s)
    ).start()
    deadline = time.monotonic() + args.for_s if args.for_s is not None else None
    try:
        while deadline is None or time.monotonic() < deadline:
            time.sleep(0.1)
            if args.until_empty and not outbox.jobs(("queued", "sending", "failed")):
                break
    finally:
        worker.stop()
        portal.close()
        counts = {state: len(outbox.jobs((state,))) for state in _STATES}
        ctx.close()
    pending = counts["queued"] + counts["sending"] + counts["failed"]
    emit(
        {
            "sent": counts["sent"],
            "needs_attention": counts["needs_attention"],
            "pending": pending,
            "states": counts,
        }
    )
    return 0


def run_poll(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.portal.connect import connect_portal
    from counter_app.portal.status_poller import StatusPoller

    ctx = AppContext.open()
    try:
        with connect_portal(ctx, args.portal, timeout_s=args.timeout_s) as portal:
            poller = StatusPoller.from_config(ctx.config, ctx.db, ctx.events, portal.client)
            emit(poller.poll_once(force=True, limit=args.limit).to_dict())
    finally:
        ctx.close()
    return 0
