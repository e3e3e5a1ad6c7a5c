"""`counter-app sign`: PAdES-sign every file inside one token login (or with the demo keystore)."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from typing import Any

from counter_app.cli.output import emit


def register(subparsers: Any, add_common: Callable[[argparse.ArgumentParser], None]) -> None:
    p = subparsers.add_parser("sign", help="ký số các tệp PDF (PAdES) / sign PDFs (PAdES) in one login")
    add_common(p)
    p.add_argument(
        "--module", metavar="PATH", help="PKCS#11 module (.dll/.so); default: search the known list"
    )
    p.add_argument("--token", metavar="LABEL", help="token label when several tokens are plugged in")
    p.add_argument("--cert-id", metavar="HEX", help="CKA_ID of the certificate (see `counter-app tokens`)")
    p.add_argument(
        "--pin-env",
        metavar="VAR",
        help="name of the environment variable holding the PIN (never on the command line)",
    )
    p.add_argument(
        "--level",
        choices=("B-B", "B-T", "B-LT"),
        help="PAdES level (default: signing.level in the configuration, B-B)",
    )
    p.add_argument(
        "--tsa", metavar="URL", help="RFC 3161 timestamp server for B-T/B-LT (default: signing.tsa_url)"
    )
    p.add_argument(
        "--stamp", action="store_true", help="visible stamp top left of page 1: signer name, scan time"
    )
    p.add_argument(
        "--signer-name", metavar="NAME", help="name in the stamp (default: the certificate holder)"
    )
    p.add_argument("--scan-time", metavar="ISO", help="scan time in the stamp (default: now)")
    p.add_argument("--resume", action="store_true", help="skip files whose signed output already exists")
    p.add_argument(
        "--allow-final-try",
        action="store_true",
        help="log in even when one more wrong PIN would lock the token",
    )
    p.add_argument("--out-dir", required=True, metavar="DIR", help="folder for the signed PDFs")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=run)


def _scan_time(args: argparse.Namespace) -> dt.datetime | None:
    """The stamp's scan time: as given (a naive value is office time), else now on the office clock."""
    return dt.datetime.fromisoformat(args.scan_time) if args.scan_time else None


def run(args: argparse.Namespace) -> int:
    """Each file is read, signed in memory inside one session and written atomically to --out-dir."""
    from counter_app.config import load_config
    from counter_app.intake.sign_requests import signing_settings
    from counter_app.paths import app_paths
    from signing.errors import PinRequiredError
    from signing.provider import first_module_with_token, sign_with_demo, sign_with_token

    config = load_config()
    use_token = any((args.module, args.token, args.cert_id, args.pin_env))
    # The intake's settings (level, timestamp server, the stamp's office line), as the options say.
    settings = dataclasses.replace(
        signing_settings(config, level=args.level, tsa_url=args.tsa),
        stamp=args.stamp,
        signer_name=args.signer_name or None,  # None: the certificate holder
    )

    def progress(_done: int, _total: int, result: Any) -> None:
        emit(result.as_dict())

    if use_token:
        pin = None
        if args.pin_env:
            pin = os.environ.get(args.pin_env)
            if pin is None:
                raise PinRequiredError(
                    f"Biến môi trường {args.pin_env} chưa có mã PIN.",
                    f"Đặt mã PIN vào biến {args.pin_env} trước khi chạy lệnh.",
                )
        module = args.module or first_module_with_token(
            config.get("signing.module_paths"), token_label=args.token
        )
        result = sign_with_token(
            module,
            args.files,
            args.out_dir,
            settings,
            pin=pin,
            token_label=args.token,
            cert_id=bytes.fromhex(args.cert_id) if args.cert_id else None,
            allow_final_try=args.allow_final_try,
            scan_time=_scan_time(args),
            resume=args.resume,
            progress=progress,
        )
    else:
        keystore = app_paths().data_dir / "signing" / "demo"
        result = sign_with_demo(
            keystore, args.files, args.out_dir, settings, scan_time=_scan_time(args), resume=args.resume,
            progress=progress,
        )  # fmt: skip
    emit({"summary": result.summary()})
    return 0 if all(f.ok for f in result.files) else 2
