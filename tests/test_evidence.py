"""The student-facing calls that show rows of data: whole texts, the rows the pure functions select,
and a clear error for an id that does not exist."""

from __future__ import annotations

import html
import re

import pytest

from japan_nato import DataError, evidence, load
from japan_nato.timeline import filter_events

EVENTS = load("events").set_index("event_id")


def visible_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_notes_show_each_note_whole_and_in_the_order_asked():
    shown = evidence.notes("ev079", "ev045")
    text = re.sub(r"\s+", " ", visible_text(shown._repr_html_()))
    for event_id in ("ev079", "ev045"):
        note = re.sub(r"\s+", " ", EVENTS.loc[event_id, "note"])
        assert note in text, f"{event_id}: the note is not shown whole"
    assert text.index("[ev079]") < text.index("[ev045]")
    assert "..." not in text


def test_show_events_lists_exactly_the_events_the_filter_returns():
    shown = evidence.show_events(years=(1945, 1989), categories=["diplomacy"])
    expected = filter_events(load("events"), years=(1945, 1989), categories=["diplomacy"])
    assert [row[2] for row in shown.rows] == expected["event_id"].tolist()
    both = evidence.show_events(both=True, years=(2001, 2014))
    for row in both.rows:
        actors = EVENTS.loc[row[2], "actors"].split(";")
        assert "Japan" in actors and "NATO" in actors


def test_count_events_adds_up():
    counted = dict(evidence.count_events(years=(1990, 2000)).rows)
    total = len(filter_events(load("events"), years=(1990, 2000)))
    assert int(counted.pop("all events")) == total
    assert sum(int(n) for n in counted.values()) == total


def test_text_from_data_is_escaped():
    table = evidence.Evidence(["A"], [["<script>x</script>"]])
    assert "<script>" not in table._repr_html_()


def test_an_unknown_id_names_the_file_and_the_id():
    with pytest.raises(DataError, match=r"events.csv: no event with event_id 'ev999'"):
        evidence.show_events("ev999")
    with pytest.raises(DataError, match=r"partnerships.csv: no row with instrument_id 'pt99'"):
        evidence.notes("pt99")
    with pytest.raises(DataError, match=r"'xx1' is not an id"):
        evidence.notes("xx1")


def test_tables_name_their_columns_for_screen_readers():
    markup = evidence.show_instruments(kind="japan_instrument")._repr_html_()
    assert markup.count('<th scope="col"') == 4
    assert "<th></th>" not in markup


def test_every_term_of_a_list_has_a_description():
    shown = evidence.Evidence(["Entry", "", "Source"], [["ev001", "", ""]], kind="list")
    markup = shown._repr_html_()
    assert markup.count("<dt") == markup.count("<dd") == 1
