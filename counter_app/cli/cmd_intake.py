"""`counter-app intake --headless`: one whole intake without the window (see counter_app.intake)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from counter_app.cli.output import emit


def register(subparsers: argparse._SubParsersAction, add_common: Callable) -> None:
    p = subparsers.add_parser("intake", help="tiếp nhận trọn một hồ sơ không cần cửa sổ (tự động, kiểm thử)")
    add_common(p)
    p.add_argument("--headless", action="store_true", required=True, help="run without the window")
    p.add_argument(
        "--id-image",
        metavar="FILE",
        help="photo or scan of the ID card's QR side: the applicant's (required for an individual);"
        " for another applicant kind, the representative's",
    )
    p.add_argument("--procedure", required=True, metavar="CODE", help="procedure code (see `procedures`)")
    p.add_argument(
        "--component",
        action="append",
        required=True,
        metavar="KEY=FILE[,FILE]...",
        help="a component and its page files in order (images or PDFs); repeat per component",
    )
    p.add_argument("--portal", metavar="URL", help="portal URL (default: configured, else the sandbox)")
    p.add_argument(
        "--wait", type=float, default=30.0, metavar="SECONDS", help="how long to wait for the portal code"
    )
    sign = p.add_argument_group("signing (default: the demo keystore)")
    sign.add_argument("--sign-module", metavar="PATH", help="PKCS#11 module: sign with a token")
    sign.add_argument("--sign-token", metavar="LABEL", help="token label")
    sign.add_argument("--sign-cert-id", metavar="HEX", help="CKA_ID of the certificate")
    sign.add_argument("--sign-pin-env", metavar="VAR", help="environment variable holding the PIN")
    sign.add_argument("--sign-level", choices=("B-B", "B-T", "B-LT"), help="PAdES level (default: config)")
    sign.add_argument("--sign-tsa", metavar="URL", help="RFC 3161 timestamp server")
    ocr = p.add_mutually_exclusive_group()
    ocr.add_argument("--ocr", dest="ocr", action="store_true", default=None, help="add a text layer")
    ocr.add_argument("--no-ocr", dest="ocr", action="store_false", help="no text layer (faster)")
    p.add_argument("--no-clean", action="store_true", help="keep page images as given (no deskew/crop)")
    p.add_argument("--channel", type=int, choices=(1, 2, 3), default=1, help="1 in person, 2 online, 3 post")
    p.add_argument(
        "--payment",
        default="none",
        choices=("none", "cash", "online", "bank_transfer"),
        help="how the fee is paid",
    )
    p.add_argument(
        "--return-method",
        default="at_counter",
        choices=("at_counter", "public_post", "online"),
        help="result",
    )
    p.add_argument("--civil-servant", action="store_true", help="the applicant is a civil servant")
    p.add_argument(
        "--receipt-dir",
        metavar="DIR",
        help="folder the officer chose for the receipt PDF (its path is in the output); without it the"
        " receipt stays only sealed in the dossier's workspace and `receipt` is null",
    )
    who = p.add_argument_group("the applicant (default: the individual whose card is --id-image)")
    who.add_argument(
        "--applicant-kind",
        default="individual",
        choices=("individual", "organisation", "agency", "foreigner"),
        help="who the dossier is for",
    )
    who.add_argument("--tax-code", metavar="MST", help="organisation: tax code, 10 digits or 10-3 (branch)")
    who.add_argument("--org-name", metavar="NAME", help="organisation or agency: its name")
    who.add_argument("--org-address", metavar="ADDRESS", help="organisation or agency: its head office")
    who.add_argument(
        "--agency-code", metavar="CODE", help="agency: identity code (000.00.01.H31) or QHNS code"
    )
    passport = who.add_mutually_exclusive_group()
    passport.add_argument(
        "--passport-mrz", nargs=2, metavar=("LINE1", "LINE2"), help="foreigner: the passport's two MRZ lines"
    )
    passport.add_argument(
        "--passport-image",
        metavar="FILE",
        help="foreigner: a photo or scan (image or PDF) of the passport's data page, its MRZ read by OCR",
    )
    rep = who.add_mutually_exclusive_group()
    rep.add_argument(
        "--representative-id", metavar="FILE", help="the representative's ID card (photo or scan)"
    )
    rep.add_argument("--representative-qr", metavar="PAYLOAD", help="the representative's ID card QR payload")
    who.add_argument(
        "--representative-role",
        choices=("authorised", "guardian", "staff"),
        help="default: staff for an organisation or agency, authorised otherwise",
    )
    p.set_defaults(func=run)


def parse_components(values: list[str]) -> dict[str, list[str]]:
    from counter_app.errors import KnownError

    components: dict[str, list[str]] = {}
    for value in values:
        key, sep, files = value.partition("=")
        names = [f for f in files.split(",") if f]
        if not sep or not key or not names:
            raise KnownError(
                f"Tham số --component không đúng dạng: «{value}».",
                "Viết KHÓA=TỆP[,TỆP]..., ví dụ --component to_khai_khai_sinh=trang1.jpg,trang2.jpg",
                code="bad_component_argument",
            )
        components.setdefault(key.strip(), []).extend(names)
    return components


def run(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from counter_app.context import AppContext
    from counter_app.dossier import Channel
    from counter_app.errors import KnownError
    from counter_app.intake import ApplicantRequest, IntakeRequest, TokenChoice, run_headless

    token = None
    if any((args.sign_module, args.sign_token, args.sign_cert_id, args.sign_pin_env)):
        pin = os.environ.get(args.sign_pin_env) if args.sign_pin_env else None
        if args.sign_pin_env and pin is None:
            raise KnownError(
                f"Biến môi trường {args.sign_pin_env} chưa có mã PIN.",
                f"Đặt mã PIN vào biến {args.sign_pin_env} trước khi chạy lệnh.",
                code="pin_required",
            )
        token = TokenChoice(
            module=args.sign_module,
            token_label=args.sign_token,
            cert_id=bytes.fromhex(args.sign_cert_id) if args.sign_cert_id else None,
            pin=pin,
        )
    _require_applicant_options(args)
    request = IntakeRequest(
        id_image=Path(args.id_image) if args.id_image else None,
        procedure_code=args.procedure,
        components={k: [Path(f) for f in v] for k, v in parse_components(args.component).items()},
        portal_url=args.portal,
        wait_s=args.wait,
        token=token,
        level=args.sign_level,
        tsa_url=args.sign_tsa,
        ocr=args.ocr,
        clean=not args.no_clean,
        channel=Channel(args.channel),
        payment_method=args.payment,
        return_method=args.return_method,
        civil_servant=args.civil_servant,
        receipt_dir=Path(args.receipt_dir) if args.receipt_dir else None,
        applicant=ApplicantRequest(
            kind=args.applicant_kind,
            tax_code=args.tax_code or "",
            name=args.org_name or "",
            address=args.org_address or "",
            agency_code=args.agency_code or "",
            passport_mrz=tuple(args.passport_mrz or ()),
            passport_image=Path(args.passport_image) if args.passport_image else None,
            representative_image=Path(args.representative_id) if args.representative_id else None,
            representative_qr=args.representative_qr or "",
            representative_role=args.representative_role or "",
        ),
    )
    ctx = AppContext.open()
    try:
        result = run_headless(ctx, request)
    finally:
        ctx.close()
    emit(result.as_dict())
    return 0


# The options each applicant kind needs (`--applicant-kind`).
_NEEDS = {
    "individual": (("id_image", "--id-image"),),
    "organisation": (("tax_code", "--tax-code"), ("org_name", "--org-name")),
    "agency": (("agency_code", "--agency-code"), ("org_name", "--org-name")),
    "foreigner": (("passport_mrz|passport_image", "--passport-mrz hoặc --passport-image"),),
}


def _require_applicant_options(args: argparse.Namespace) -> None:
    from counter_app.errors import KnownError

    needs = _NEEDS[args.applicant_kind]
    missing = [flag for attrs, flag in needs if not any(getattr(args, attr) for attr in attrs.split("|"))]
    if missing:
        raise KnownError(
            f"Người nộp hồ sơ loại «{args.applicant_kind}» cần thêm: {', '.join(missing)}.",
            "Ghi đủ các tham số đó (xem `counter-app intake --help`).",
            code="applicant_options_missing",
        )
