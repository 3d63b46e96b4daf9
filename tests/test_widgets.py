"""Widgets driven as a student would: set control values, read what is shown.

Property-based tests sweep random control states: no state may raise.
"""

from __future__ import annotations

import json

import matplotlib
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from japan_nato import load
from japan_nato.quiz import QUESTIONS, check_bank
from japan_nato.widgets import (
    NOTHING,
    MembershipChecker,
    PartnershipExplorer,
    TimelineExplorer,
)

matplotlib.use("Agg")

EVENTS = load("events")
MEMBERS = load("nato_members")
OPS = load("operations")
PARTS = load("operation_participants")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_timeline_slider_changes_what_is_shown():
    explorer = TimelineExplorer(EVENTS, years=(1945, 1989))
    cold_war = len(explorer.table)
    assert explorer.message.startswith(f"{cold_war} events between 1945 and 1989")
    explorer.years.value = (1990, 2000)
    assert explorer.message.startswith(f"{len(explorer.table)} events between 1990 and 2000")
    assert len(explorer.table) == int(EVENTS["date"].dt.year.between(1990, 2000).sum())
    assert "Partnership for Peace" in explorer.table_html.value


def test_timeline_with_nothing_ticked_says_so():
    explorer = TimelineExplorer(EVENTS, plot=False)
    explorer.categories.value = ()
    assert explorer.message == NOTHING
    assert explorer.table.empty and explorer.table_html.value == ""


def test_timeline_search_finds_williamsburg():
    explorer = TimelineExplorer(EVENTS, plot=False)
    explorer.search.value = "Williamsburg"
    assert len(explorer.table) >= 1
    assert explorer.table["when"].str.contains("1983").all()


def test_membership_checker_answers_member_or_not_and_since_when():
    checker = MembershipChecker(MEMBERS, country="Poland", year=1996, plot=False)
    assert "was not yet a NATO member" in checker.message and "12 March 1999" in checker.message
    checker.year.value = 2005
    assert "was a NATO member (since 12 March 1999)" in checker.message
    assert len(checker.table) == 26


def test_partnership_explorer_shows_one_operation():
    explorer = PartnershipExplorer(OPS, PARTS, MEMBERS, plot=False)
    golan = OPS.loc[OPS["place"] == "Golan Heights", "operation_id"].item()
    explorer.operation.value = golan
    assert list(explorer.table["country"]) == ["Canada", "Croatia", "Poland"]
    assert "2 listing(s) name a country that was not yet a NATO member" in explorer.message


def test_partnership_explorer_explains_rows_without_a_country_list():
    explorer = PartnershipExplorer(OPS, PARTS, MEMBERS, plot=False)
    explorer.years.value = (1999, 1999)  # Turkey earthquake: "All NATO nations"
    assert explorer.table.empty
    assert "names no individual countries" in explorer.message
    assert "All NATO nations" in explorer.status.value


def test_every_question_bank_is_well_formed():
    banks = sorted(QUESTIONS.glob("*.json"))
    for path in banks:
        check_bank(json.loads(path.read_text(encoding="utf-8")), path.name)


def test_a_malformed_question_bank_names_file_and_question():
    data = {
        "questions": [
            {
                "type": "multiple_choice",
                "question": "Q?",
                "answers": [
                    {"answer": "a", "correct": False, "feedback": "no"},
                    {"answer": "b", "correct": False, "feedback": "no"},
                ],
            }
        ]
        * 3
    }
    with pytest.raises(ValueError, match=r"x.json, question 1: no answer is marked correct"):
        check_bank(data, "x.json")


# --- property-based sweeps: no control state raises ------------------------------------------

years = st.tuples(st.integers(1945, 2024), st.integers(1945, 2024)).map(lambda t: tuple(sorted(t)))
categories = st.lists(st.sampled_from(list(EVENTS["category"].cat.categories)), unique=True)


@FAST
@given(years=years, cats=categories, text=st.text(max_size=8), actor_index=st.integers(0, 200))
def test_timeline_explorer_never_raises(years, cats, text, actor_index):
    explorer = TimelineExplorer(EVENTS, plot=False)
    explorer.years.value = years
    explorer.categories.value = tuple(cats)
    explorer.actor.value = explorer.actor.options[actor_index % len(explorer.actor.options)]
    explorer.search.value = text
    assert explorer.message == NOTHING or explorer.message.startswith(
        f"{len(explorer.table)} event"
    )


@FAST
@given(year=st.integers(1945, 2024), country_index=st.integers(0, 100))
def test_membership_checker_never_raises(year, country_index):
    checker = MembershipChecker(MEMBERS, plot=False)
    checker.country.value = checker.country.options[country_index % len(checker.country.options)]
    checker.year.value = year
    assert str(year) in checker.message or "joined NATO during" in checker.message


@FAST
@given(
    years=st.tuples(st.integers(1991, 2010), st.integers(1991, 2010)).map(
        lambda t: tuple(sorted(t))
    ),
    op_index=st.integers(0, 20),
)
def test_partnership_explorer_never_raises(years, op_index):
    explorer = PartnershipExplorer(OPS, PARTS, MEMBERS, plot=False)
    explorer.years.value = years
    explorer.operation.value = explorer.operation.options[
        op_index % len(explorer.operation.options)
    ][1]
    assert explorer.message


def test_widgets_with_plots_draw_without_error():
    TimelineExplorer(EVENTS, years=(1990, 2000))
    MembershipChecker(MEMBERS, country="Finland", year=2023)
    explorer = PartnershipExplorer(OPS, PARTS, MEMBERS)
    explorer.years.value = (2005, 2005)
    assert isinstance(explorer.table, pd.DataFrame)
