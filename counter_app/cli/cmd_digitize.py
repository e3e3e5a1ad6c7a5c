"""`counter-app digitize`: one digitised PDF (PDF/A-2b) from page images, for scripts and checks."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

PROFILES = ("standard", "bw", "gray", "color")


def register(
    subparsers: argparse._SubParsersAction, add_common: Callable[[argparse.ArgumentParser], None]
) -> None:
    p = subparsers.add_parser("digitize", help="build one digitised PDF (PDF/A-2b) from page images")
    add_common(p)
    p.add_argument(
        "--profile", choices=PROFILES, default="standard", help="standard = colour, >=200 dpi (default)"
    )
    ocr = p.add_mutually_exclusive_group()
    ocr.add_argument(
        "--ocr", dest="ocr", action="store_true", default=False, help="add a searchable text layer"
    )
    ocr.add_argument("--no-ocr", dest="ocr", action="store_false", help="no text layer (the default here)")
    p.add_argument("--title", default="", help="document title (the component name)")
    p.add_argument("--subject", default="", help="subject (the procedure)")
    p.add_argument("--author", default="", help="author (the officer)")
    p.add_argument("--keywords", default="", help="keywords (the local dossier reference)")
    p.add_argument("--out", required=True, type=Path, help="the PDF to write")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="page images or PDFs, in order")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.cli.output import emit
    from scanner.pdf import PdfMetadata, build_pdf

    meta = PdfMetadata(title=args.title, subject=args.subject, author=args.author, keywords=args.keywords)
    result = build_pdf(args.files, args.out, profile=args.profile, metadata=meta, ocr=args.ocr)
    # stdout carries exactly the contract's fields; what the officer should know goes to stderr.
    notes = list(result.warnings)
    if args.ocr and result.ocr_reason:
        notes.append(result.ocr_reason)
    for note in notes:
        sys.stderr.write(json.dumps({"warning": note}, ensure_ascii=False) + "\n")
    emit(
        {
            "out": str(result.out),
            "pages": result.pages,
            "bytes": result.bytes,
            "ms": result.ms,
            "profile": result.profile,
            "pdfa": result.pdfa,
        }
    )
    return 0
