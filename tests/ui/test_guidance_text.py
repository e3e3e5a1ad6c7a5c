"""The citizen-facing texts and the window placement, without a window (both modules are Qt-free)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ui.guidance_place import citizen_screen, place_guidance
from ui.guidance_text import (
    STEP_ID,
    STEP_PROCEDURE,
    STEP_RECEIPT,
    STEP_SCAN,
    STEP_SIGN,
    STEP_SUBMIT,
    STEP_WELCOME,
    STEPS,
    mask_id_number,
    step_text,
)

SYNTHETIC_ID = "001203004567"  # synthetic: Hà Nội, born 2003, female


@pytest.mark.parametrize(
    ("step", "details", "title", "said"),
    [
        (STEP_WELCOME, {}, "Xin chào", "nộp hồ sơ trực tuyến ngay tại quầy"),
        (
            STEP_ID,
            {"name": "Nguyễn Thị Mẫu", "id_number": SYNTHETIC_ID},
            "Đọc thẻ căn cước",
            "không phải viết tay",
        ),
        (STEP_PROCEDURE, {"procedure": "Đăng ký khai sinh"}, "Chọn thủ tục", "lệ phí"),
        (STEP_SCAN, {"component": "Giấy chứng sinh", "page": 3, "pages": 7}, "Quét giấy tờ", "bản điện tử"),
        (STEP_SIGN, {}, "Ký số", "giống như ký tên"),
        (STEP_SUBMIT, {}, "Nộp trực tuyến", "VNeID hoặc Cổng dịch vụ công"),
        (STEP_RECEIPT, {"local_ref": "LOC-20261125-0001"}, "Phiếu hẹn", "quét mã QR"),
    ],
)
def test_each_step_explains_itself_in_one_plain_vietnamese_sentence(step, details, title, said) -> None:
    text = step_text(step, **details)
    assert title in text.title
    assert said in text.explanation
    assert text.explanation.count(".") <= 1, "one sentence for a citizen who never filed online"
    assert text.number == STEPS.index(step) + 1


def test_procedure_shows_fee_and_processing_days() -> None:
    text = step_text(STEP_PROCEDURE, procedure="Chứng thực bản sao", fee=8000, processing_days=3)
    assert text.lines == (
        "Thủ tục: Chứng thực bản sao",
        "Lệ phí: 8.000 đồng",
        "Thời hạn giải quyết: 3 ngày làm việc",
    )
    assert "Lệ phí: miễn phí" in step_text(STEP_PROCEDURE, procedure="Đăng ký khai sinh", fee=0).lines


def test_scan_shows_page_progress() -> None:
    text = step_text(STEP_SCAN, component="Tờ khai", page=3, pages=7)
    assert "Trang 3/7" in text.lines
    assert text.progress == (3, 7)


def test_submit_tells_the_citizen_when_the_dossier_waits_for_the_network() -> None:
    assert step_text(STEP_SUBMIT).lines == ()
    assert "tự gửi ngay khi có mạng" in step_text(STEP_SUBMIT, queued=True).lines[0]


def test_receipt_tracks_the_dossier_code_or_the_local_reference() -> None:
    known = step_text(STEP_RECEIPT, dossier_code="000.00.01.H31-261125-0004", appointment=date(2026, 11, 30))
    assert known.tracking.splitlines() == [
        "Mã hồ sơ: 000.00.01.H31-261125-0004",
        "Ngày hẹn trả kết quả: 30/11/2026",
    ]
    pending = step_text(STEP_RECEIPT, local_ref="LOC-20261125-0004")
    assert pending.tracking == "Số tham chiếu: LOC-20261125-0004 (mã hồ sơ sẽ được gửi sau)"
    assert pending.lines == ("Số tham chiếu: LOC-20261125-0004 (mã hồ sơ sẽ được gửi sau)",)
    assert len(pending.self_service) == 3 and "VNeID" in pending.self_service[0]


def test_every_step_but_the_last_gives_the_citizen_something_to_do_or_watch() -> None:
    parts = {step: step_text(step).your_part for step in STEPS if step != STEP_RECEIPT}
    assert all(parts.values()), parts
    assert "tự chụp giấy tờ bằng điện thoại" in parts[STEP_SCAN]


def test_unknown_step_or_detail_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown guidance step"):
        step_text("payment")
    with pytest.raises(TypeError):
        step_text(STEP_ID, address="somewhere")  # an address has no place on a public screen


def test_id_number_is_masked_as_on_the_brief() -> None:
    assert mask_id_number(SYNTHETIC_ID) == "0012******67"
    assert mask_id_number("352576714") == "3525***14"
    assert mask_id_number("12345") == "*****"
    texts = step_text(STEP_ID, name="Nguyễn Thị Mẫu", id_number=SYNTHETIC_ID)
    assert "Số định danh: 0012******67" in texts.lines
    assert SYNTHETIC_ID not in repr(texts)


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_masked_id_never_reveals_more_than_six_digits(id_number: str) -> None:
    masked = mask_id_number(id_number)
    assert len(masked) == 12 and sum(c.isdigit() for c in masked) == 6
    assert masked[:4] == id_number[:4] and masked[-2:] == id_number[-2:]


def test_translator_is_applied_before_placeholders_are_filled() -> None:
    english = {"Trang {page}/{pages}": "Page {page} of {pages}"}
    text = step_text(STEP_SCAN, lambda s: english.get(s, s), page=2, pages=5)
    assert "Page 2 of 5" in text.lines


# Screens as (x, y, width, height): the offscreen test platform has a single screen, so the
# placement is checked here as a function of the geometries a real desktop reports.
LAPTOP = (0, 0, 1366, 768)
TV_RIGHT = (1366, 0, 1920, 1080)
SMALL_LEFT = (-1024, 0, 1024, 768)


def test_second_screen_gets_the_guidance_full_screen() -> None:
    placement = place_guidance([LAPTOP, TV_RIGHT], officer_screen=0)
    assert (placement.screen, placement.rect, placement.full_screen) == (1, TV_RIGHT, True)
    assert place_guidance([TV_RIGHT, LAPTOP], officer_screen=1).screen == 0


def test_of_several_other_screens_the_largest_is_the_citizens() -> None:
    assert citizen_screen([SMALL_LEFT, LAPTOP, TV_RIGHT], officer_screen=1) == 2


def test_a_mirrored_screen_is_not_a_second_screen() -> None:
    assert citizen_screen([LAPTOP, LAPTOP], officer_screen=0) is None
    assert place_guidance([LAPTOP, LAPTOP], officer_screen=0).full_screen is False


def test_one_screen_gives_a_centred_resizable_window_inside_it() -> None:
    placement = place_guidance([LAPTOP], officer_screen=0)
    x, y, w, h = placement.rect
    assert not placement.full_screen and placement.screen == 0
    assert (w, h) == (1024, 614)  # 80 % of 768 in height
    assert x >= 0 and x + w <= 1366 and y >= 0 and y + h <= 768
    assert x == (1366 - w) // 2


def test_one_screen_puts_the_guidance_beside_the_officers_window_when_there_is_room() -> None:
    placement = place_guidance([LAPTOP], officer_screen=0, officer_window=(0, 0, 760, 728), min_width=560)
    assert not placement.full_screen and not placement.behind
    assert placement.rect == (760, 0, 606, 768)


def test_one_screen_filled_by_the_officers_window_keeps_the_guidance_behind_it() -> None:
    placement = place_guidance([LAPTOP], officer_screen=0, officer_window=(0, 0, 1366, 728), min_width=560)
    assert placement.behind and not placement.full_screen


def test_a_representative_sees_whom_they_file_for_and_their_own_masked_number() -> None:
    text = step_text(
        STEP_ID, name="Nguyễn Văn An", id_number=SYNTHETIC_ID, applicant="Công ty TNHH Mẫu", represented=True
    )
    assert text.title == "Đọc thẻ căn cước người nộp thay"
    assert text.lines == (
        "Hồ sơ của: Công ty TNHH Mẫu",
        "Người nộp thay: Nguyễn Văn An",
        "Số định danh: 0012******67",
    )


def test_a_foreigner_sees_the_passport_step_with_a_masked_passport_number() -> None:
    text = step_text(STEP_ID, name="TESUTO HANAKO", id_number="X9912345", passport=True)
    assert text.title == "Đọc hộ chiếu" and "hộ chiếu" in text.explanation
    assert "Số hộ chiếu: X*****45" in text.lines and SYNTHETIC_ID not in " ".join(text.lines)


def test_an_organisation_is_shown_how_to_file_with_its_own_account() -> None:
    own = step_text(STEP_RECEIPT, local_ref="LOC-1", organisation=True)
    person = step_text(STEP_RECEIPT, local_ref="LOC-1")
    assert own.self_service_title == "Lần sau, tổ chức có thể tự nộp trực tuyến"
    assert any("tài khoản định danh điện tử của tổ chức" in s for s in own.self_service)
    assert any("không dùng tài khoản cá nhân" in s for s in own.self_service)
    assert person.self_service_title == "Lần sau, ông/bà có thể tự nộp trực tuyến"
    assert any("VNeID" in s for s in person.self_service)
