"""`counter-app config hash-pin`: the value IT writes as `office.supervisor_pin` in the machine file.

The PIN is read without echo from the terminal (or one line from standard input, for
scripts); only its salted hash is printed, with the TOML lines to paste:
`{"option", "value", "toml"}`. Lock the option with `[lock] options = ["office.supervisor_pin"]`.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    parser = subparsers.add_parser("config", help="công cụ cấu hình cho bộ phận CNTT")
    add_common(parser)
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    hash_pin = actions.add_parser(
        "hash-pin",
        help="băm mã PIN lãnh đạo bộ phận (office.supervisor_pin); PIN đọc từ bàn phím hoặc stdin",
    )
    add_common(hash_pin)
    hash_pin.set_defaults(func=run_hash_pin)


def _read_pin() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Mã PIN lãnh đạo bộ phận: ")
        if getpass.getpass("Nhập lại mã PIN: ") != first:
            from counter_app.supervisor_pin import PinFormatError

            raise PinFormatError("Hai lần nhập mã PIN không khớp.", "Chạy lại lệnh và nhập cẩn thận.")
        return first
    return sys.stdin.readline().strip()


def run_hash_pin(args: argparse.Namespace) -> int:
    from counter_app.supervisor_pin import OPTION, hash_pin

    value = hash_pin(_read_pin())
    section, name = OPTION.split(".")
    emit({"option": OPTION, "value": value, "toml": f'[{section}]\n{name} = "{value}"\n'})
    return 0
