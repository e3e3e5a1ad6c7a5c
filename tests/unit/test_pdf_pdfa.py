"""Document metadata: the info dictionary and the XMP packet say the same thing (a PDF/A requirement)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pikepdf

from scanner.pdf.pdfa import PdfMetadata, add_output_intent, srgb_colour_space, srgb_icc, write_metadata


def test_srgb_profile_is_a_valid_rgb_display_profile() -> None:
    icc = srgb_icc()
    assert icc[36:40] == b"acsp"  # ICC signature
    assert icc[12:16] == b"mntr" and icc[16:20] == b"RGB "
    assert int.from_bytes(icc[0:4], "big") == len(icc)


def test_info_and_xmp_agree(tmp_path) -> None:
    created = datetime(2026, 3, 2, 9, 15, 30, tzinfo=timezone(timedelta(hours=7)))
    meta = PdfMetadata("Giấy khai sinh", "Đăng ký khai sinh", "Nguyễn Văn Cán Bộ", "HS-42", created)
    out = tmp_path / "m.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        add_output_intent(pdf, srgb_colour_space(pdf))
        write_metadata(pdf, meta, pdfa=True)
        pdf.save(out)
    with pikepdf.open(out) as pdf:
        info, xmp = pdf.docinfo, pdf.open_metadata()
        assert str(info["/Title"]) == xmp["dc:title"] == "Giấy khai sinh"
        assert str(info["/Subject"]) == xmp["dc:description"] == "Đăng ký khai sinh"
        assert xmp["dc:creator"] == ["Nguyễn Văn Cán Bộ"] and str(info["/Author"]) == "Nguyễn Văn Cán Bộ"
        assert str(info["/Keywords"]) == xmp["pdf:Keywords"] == "HS-42"
        assert str(info["/CreationDate"]).startswith("D:20260302091530+07'00")
        assert xmp["xmp:CreateDate"].startswith("2026-03-02T09:15:30+07:00")
        assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "B"
        assert pdf.Root.OutputIntents[0].DestOutputProfile.read_bytes() == srgb_icc()


def test_no_pdfa_claim_when_not_asked(tmp_path) -> None:
    out = tmp_path / "n.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        write_metadata(pdf, PdfMetadata(title="x"), pdfa=False)
        pdf.save(out)
    with pikepdf.open(out) as pdf:
        assert "pdfaid:part" not in pdf.open_metadata()
