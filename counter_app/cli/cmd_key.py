"""`counter-app key export --out FILE` / `key import FILE`: the data key to and from a recovery file.

Every dossier is sealed with one data key; losing the key file loses them all. IT exports the
key once, after installing, to a file protected by a passphrase, and keeps file and passphrase
apart and off the machine; `key import` puts the key back after a disk or profile is lost.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from counter_app.cli.output import emit
from counter_app.errors import StorageError


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("key", help="sao lưu / khôi phục khóa dữ liệu bằng tệp có mật khẩu")
    add_common(parser)
    verbs = parser.add_subparsers(dest="key_verb", required=True, metavar="VERB")
    export = verbs.add_parser("export", help="write the data key to a passphrase-protected recovery file")
    add_common(export)
    export.add_argument("--out", required=True, metavar="FILE", help="the recovery file to write")
    imported = verbs.add_parser("import", help="restore the data key from a recovery file")
    add_common(imported)
    imported.add_argument("file", metavar="FILE", help="a recovery file written by `key export`")
    for verb in (export, imported):
        verb.add_argument(
            "--passphrase-env",
            metavar="VAR",
            help="read the passphrase from this environment variable (default: ask on the terminal)",
        )
    export.set_defaults(func=run_export)
    imported.set_defaults(func=run_import)


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.passphrase_env:
        value = os.environ.get(args.passphrase_env)
        if not value:
            raise StorageError(
                f"Biến môi trường {args.passphrase_env} không có mật khẩu.",
                "Đặt mật khẩu vào biến đó hoặc bỏ --passphrase-env để nhập trên màn hình.",
                code="passphrase_missing",
            )
        return value
    if not sys.stdin.isatty():
        raise StorageError(
            "Cần mật khẩu cho tệp khôi phục khóa nhưng không có màn hình để nhập.",
            "Dùng --passphrase-env TÊN_BIẾN khi chạy tự động.",
            code="passphrase_missing",
        )
    import getpass

    value = getpass.getpass("Mật khẩu tệp khôi phục: ")
    if confirm and getpass.getpass("Nhập lại mật khẩu: ") != value:
        raise StorageError(
            "Hai lần nhập mật khẩu không giống nhau.", "Chạy lại lệnh.", code="passphrase_mismatch"
        )
    return value


def run_export(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.storage.key_recovery import check_passphrase, export_key

    passphrase = _passphrase(args, confirm=True)
    check_passphrase(passphrase)
    ctx = AppContext.open()
    try:
        out = export_key(ctx.data_key, Path(args.out), passphrase)
        emit({"out": str(out), "key_id": ctx.data_key.key_id})
    finally:
        ctx.close()
    return 0


def run_import(args: argparse.Namespace) -> int:
    from counter_app.context import AppContext
    from counter_app.storage.db import Database
    from counter_app.storage.key_guard import install_key
    from counter_app.storage.key_recovery import import_key

    key = import_key(Path(args.file), _passphrase(args, confirm=False))
    # The database is opened bare: the context would refuse it for the very key being restored.
    ctx = AppContext.open()
    db = Database(ctx.paths.database)
    try:
        restored = install_key(
            db, ctx.paths.key_file, ctx.paths.workspaces, key, ctx.config.get("security.key_protection")
        )
    finally:
        db.close()
    emit({"ok": True, "key_id": key.key_id, "restored": restored})
    return 0
