"""The window's imports in line (`counter_app.intake.import_line`): only the import next in line cleans
its files ahead, the one after it begins when the next takes its turn, and a dropped import lets
its cleaning go. On the real intake service and its workers, with synthetic page files."""

from __future__ import annotations

from counter_app.intake import heavy
from counter_app.intake.import_line import Import, ImportLine
from counter_app.intake.service import IntakeService
from tests.synthetic import render_text_page, save_page


def begun(item: Import) -> bool:
    return item._feed is not None  # the cleaning handed to the workers


def test_only_the_next_import_cleans_ahead_and_the_following_one_begins_at_its_turn(ctx, tmp_path) -> None:
    heavy.pages()  # loaded, as in the window by the time pages are imported
    files = [
        str(save_page(render_text_page(dpi=100, seed=s), tmp_path / f"p{s}.png", dpi=100)) for s in range(4)
    ]
    with IntakeService(ctx) as service:
        line = ImportLine()
        first, second, third, fourth = (Import(service, "to_khai_khai_sinh", [f]) for f in files)
        for item in (first, second, third, fourth):
            line.add(item)
        assert [begun(i) for i in (first, second, third, fourth)] == [True, False, False, False]

        feed = line.turn(first)  # its step runs: the second begins behind it
        assert [p.meta.dpi for _key, pages, _last in feed for p in pages] == [100]
        assert [begun(i) for i in (second, third, fourth)] == [True, False, False]

        line.drop(third)  # Esc before its turn
        assert not begun(third)
        line.turn(second).close()
        assert begun(fourth)  # the one after the dropped one is next
        line.turn(fourth).close()
        third.start(may_wait=True)  # a dropped import never begins again
        assert not begun(third)
