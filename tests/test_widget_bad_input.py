"""Widgets given awkward data: an empty table, a single row, unknown categories, HTML in the text.

Each shows a message, never a traceback, and text from data is escaped wherever it becomes HTML.
"""

from __future__ import annotations

import pandas as pd
import pytest

from japan_nato import load
from japan_nato.widgets import (
    NOTHING,
    MembershipChecker,
    PartnershipExplorer,
    TimelineExplorer,
)

EVENTS = load("events")
MEMBERS = load("nato_members")
OPS = load("operations")
PARTS = load("operation_participants")
SCRIPT = "<script>alert('x')</script>"


def hostile_events() -> pd.DataFrame:
    events = EVENTS.head(3).copy()
    events["category"] = events["category"].astype(str)
    events.loc[events.index[0], "category"] = "mystery"  # not in the schema's vocabulary
    events.loc[events.index[0], "title"] = f"Title {SCRIPT}"
    events.loc[events.index[0], "description"] = f"Description {SCRIPT}"
    events.loc[events.index[0], "actors"] = "Japan;<img src=x onerror=alert(1)>"
    return events


@pytest.mark.parametrize("plot", [False, True])
def test_timeline_with_no_events_says_nothing_matches(plot):
    explorer = TimelineExplorer(EVENTS.iloc[:0], plot=plot)
    assert explorer.message == NOTHING
    assert explorer.table.empty


def test_timeline_with_one_event():
    explorer = TimelineExplorer(EVENTS.iloc[:1])
    assert explorer.message.startswith("1 event between")


def test_timeline_with_an_unknown_category_and_html_in_the_text():
    explorer = TimelineExplorer(hostile_events())
    assert "mystery" in explorer.categories.options
    assert explorer.message.startswith("3 events")
    shown = explorer.table_html.value + explorer.status.value
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<img src=x" not in shown


def test_membership_checker_with_no_members_or_one_member():
    empty = MembershipChecker(MEMBERS.iloc[:0], plot=True)
    assert "no membership data" in empty.message.lower()
    one = MembershipChecker(MEMBERS.iloc[:1], country="Belgium", year=1950)
    assert "Belgium" in one.message


def test_membership_checker_escapes_country_names():
    members = MEMBERS.head(2).copy()
    members.loc[members.index[0], "country"] = f"Land {SCRIPT}"
    checker = MembershipChecker(members, country=f"Land {SCRIPT}", year=2000)
    assert "<script>" not in checker.status.value


@pytest.mark.parametrize("plot", [False, True])
def test_partnership_explorer_with_no_operations(plot):
    explorer = PartnershipExplorer(OPS.iloc[:0], PARTS.iloc[:0], MEMBERS, plot=plot)
    assert "no operation" in explorer.message.lower()


def test_partnership_explorer_with_one_operation_and_an_unknown_country():
    parts = PARTS[PARTS["operation_id"] == "op03"].copy()
    parts.loc[parts.index[0], "country"] = "Atlantis"
    parts.loc[parts.index[0], "country_as_printed"] = f"Atlantis {SCRIPT}"
    explorer = PartnershipExplorer(OPS[OPS["operation_id"] == "op03"], parts, MEMBERS)
    assert "not in nato_members.csv" in set(explorer.table["status"])
    assert "<script>" not in explorer.table_html.value
