"""Mẫu 07 as an Excel workbook (openpyxl): the same columns as the printout, one sheet."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from counter_app.forms.log_book import COLUMNS, DOCUMENT_NAME, LogBookPage


def render_xlsx(book: LogBookPage) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ theo dõi hồ sơ"
    sheet["A1"] = book.agency.upper()
    sheet["A2"] = book.office_name.upper()
    sheet["A2"].font = Font(bold=True)
    sheet["A3"] = f"{DOCUMENT_NAME.upper()} — {book.period} — đơn vị {book.office_code}"
    sheet["A3"].font = Font(bold=True, size=13)
    for col, (name, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=5, column=col, value=name)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(col)].width = width * 0.8
    for row, line in enumerate(book.rows, start=6):
        for col, value in enumerate(line.cells(), start=1):
            sheet.cell(row=row, column=col, value=line.number if col == 1 else value)
    sheet.freeze_panes = "A6"
    buf = BytesIO()
    workbook.save(buf)
    return buf.getvalue()
