"""The log keeps the application's own lines and third-party warnings, not their chatter."""

from __future__ import annotations

import logging

from counter_app.logging_setup import LOG_FILE_NAME, setup_logging, tail


def test_third_party_info_stays_out_of_the_log_and_its_tail(tmp_path) -> None:
    root = logging.getLogger()
    before = list(root.handlers), root.level
    try:
        for handler in [h for h in root.handlers if getattr(h, "_counter_app", False)]:
            root.removeHandler(handler)
        path = setup_logging(tmp_path)
        for i in range(50):
            logging.getLogger("fontTools.subset").info("glyphs retained %d", i)
        logging.getLogger("fontTools.ttLib").warning("font table damaged")
        logging.getLogger("counter_app.intake.service").info("dossier LOC-1 filed")
        logging.getLogger("ui.app").info("main window shown after 812 ms")
        for handler in root.handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "glyphs retained" not in text
        assert "font table damaged" in text and "dossier LOC-1 filed" in text
    finally:
        for handler in [h for h in root.handlers if getattr(h, "_counter_app", False)]:
            root.removeHandler(handler)
            handler.close()
        root.handlers[:] = before[0]
        root.setLevel(before[1])


def test_an_older_file_full_of_chatter_is_shown_without_it(tmp_path) -> None:
    lines = [f"2026-12-06 08:00:{i:02d},100 INFO    fontTools.subset: name table retained" for i in range(40)]
    lines.insert(10, "2026-12-06 08:00:10,200 INFO    counter_app.intake: dossier LOC-2 queued")
    lines.append("2026-12-06 08:01:00,000 WARNING fontTools.ttLib: table 'kern' skipped")
    (tmp_path / LOG_FILE_NAME).write_text("\n".join(lines) + "\n", encoding="utf-8")
    shown = tail(tmp_path / LOG_FILE_NAME)
    assert len(shown) == 2
    assert "LOC-2 queued" in shown[0] and "kern" in shown[1]
