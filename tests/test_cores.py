"""Pure cores, tested against answers known from the data and the public record."""

from __future__ import annotations

import pandas as pd
import pytest

from japan_nato import exercises, load, membership, operations, timeline


@pytest.fixture(scope="module")
def events():
    return load("events")


@pytest.fixture(scope="module")
def members():
    return load("nato_members")


@pytest.fixture(scope="module")
def ops():
    return load("operations")


@pytest.fixture(scope="module")
def participants():
    return load("operation_participants")


# --- timeline ---------------------------------------------------------------------------


def test_events_between_two_years_are_exactly_those_dated_in_them(events):
    found = timeline.filter_events(events, years=(1990, 2000))
    years = found["date"].dt.year
    assert years.between(1990, 2000).all()
    assert len(found) == int(events["date"].dt.year.between(1990, 2000).sum())
    assert "ev029" in set(found["event_id"])  # Woerner's visit to Tokyo, 1991


def test_reversed_year_range_is_read_the_right_way_round(events):
    forward = timeline.filter_events(events, years=(1945, 1960))
    backward = timeline.filter_events(events, years=(1960, 1945))
    assert list(forward["event_id"]) == list(backward["event_id"])


def test_no_categories_ticked_selects_nothing(events):
    assert timeline.filter_events(events, categories=[]).empty


def test_category_and_text_filters_combine(events):
    found = timeline.filter_events(events, categories=["enlargement"], text="join")
    assert not found.empty
    assert set(found["category"]) == {"enlargement"}
    assert (
        found["title"].str.lower().str.contains("join").all()
        or found["description"].str.lower().str.contains("join").all()
    )


def test_actor_filter_matches_whole_names_only(events):
    japan = timeline.filter_events(events, actor="Japan")
    assert japan["actors"].map(lambda a: "Japan" in a.split(";")).all()
    assert timeline.filter_events(events, actor="Jap").empty


def test_dates_are_shown_only_as_precisely_as_known():
    day = pd.Timestamp("2013-04-15")
    assert timeline.display_date(day, "day") == "15 April 2013"
    assert timeline.display_date(pd.Timestamp("1990-07-01"), "month") == "July 1990"
    assert timeline.display_date(pd.Timestamp("1979-01-01"), "year") == "1979"


def test_timeline_plot_has_one_marker_per_event(events):
    found = timeline.filter_events(events, years=(1945, 1989))
    fig = timeline.plot_timeline(found)
    markers = sum(len(c.get_offsets()) for c in fig.axes[0].collections)
    assert markers == len(found)
    assert str(len(found)) in fig.axes[0].get_title(loc="left")


# --- membership -------------------------------------------------------------------------


def test_members_in_1949_are_the_twelve_founders(members):
    assert len(membership.members_in(members, 1949)) == 12


@pytest.mark.parametrize(
    ("year", "size"),
    [
        (1951, 12),
        (1952, 14),
        (1955, 15),
        (1982, 16),
        (1999, 19),
        (2004, 26),
        (2009, 28),
        (2017, 29),
        (2020, 30),
        (2023, 31),
        (2024, 32),
    ],
)
def test_size_of_nato_after_each_enlargement(members, year, size):
    assert membership.size_by_year(members)[year] == size


def test_status_in_a_year_distinguishes_joining_during_it(members):
    assert membership.status_in_year(members, "Poland", 1996) == membership.NOT_MEMBER
    assert membership.status_in_year(members, "Poland", 1999) == membership.JOINED
    assert membership.status_in_year(members, "Poland", 2000) == membership.MEMBER
    assert membership.status_in_year(members, "Japan", 2020) == membership.UNKNOWN


def test_member_on_a_day(members):
    assert not membership.is_member_on(members, "Sweden", "2024-03-06")
    assert membership.is_member_on(members, "Sweden", "2024-03-07")


# --- operations (the paper's Figure 3) -------------------------------------------------------


def test_countries_of_the_golan_heights_row_in_the_papers_order(ops, participants):
    golan = ops.loc[ops["place"] == "Golan Heights", "operation_id"].item()
    assert operations.countries_of(participants, golan) == ["Canada", "Croatia", "Poland"]


def test_participation_matrix_marks_exactly_the_listed_pairs(ops, participants):
    matrix = operations.participation_matrix(ops, participants)
    assert int(matrix.to_numpy().sum()) == len(participants)
    assert matrix.shape[1] == int((ops["participants_kind"] == "listed").sum())


def test_membership_check_flags_countries_that_joined_later(ops, participants, members):
    check = operations.membership_check(ops, participants, members)
    golan = check[check["place"] == "Golan Heights"].set_index("country")["status"]
    assert golan["Canada"] == membership.MEMBER
    assert golan["Poland"] == membership.NOT_MEMBER  # joined 1999; the paper lists it for 1996
    haiti = check[check["place"] == "Haiti"].set_index("country")["status"]
    assert haiti["Sweden"] == membership.NOT_MEMBER and haiti["Finland"] == membership.NOT_MEMBER


def test_selecting_years_keeps_only_those_operations(ops):
    chosen = operations.select(ops, years=(2005, 2008))
    assert set(chosen["year_deployed"]) == {2005, 2006, 2007, 2008}


# --- exercises ---------------------------------------------------------------------------


def test_classification_feedback_explains_each_item():
    items = pd.DataFrame(
        {
            "statement": ["s1", "s2"],
            "category": ["A", "B"],
            "explanation": ["because 1", "because 2"],
        }
    )
    feedback = exercises.check_classification(items, {"s1": "A", "s2": "A"})
    assert [f.ok for f in feedback] == [True, False]
    assert "'B'" in feedback[1].explanation and "because 2" in feedback[1].explanation


def test_participation_plot_has_one_square_per_listing(ops, participants):
    matrix = operations.participation_matrix(ops, participants)
    fig = operations.plot_participation(matrix)
    assert len(fig.axes[0].collections[0].get_offsets()) == len(participants)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][0] == matrix.index[0]
