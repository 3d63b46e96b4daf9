"""The shared data: every file validates, the tables agree with each other and with the paper."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from frictionless import Package

from japan_nato import load, load_all, resource_names
from japan_nato.data import cache_dir
from tests.conftest import DATA, ROOT


def test_every_csv_is_described_and_every_description_has_a_csv():
    described = {
        r["path"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]
    }
    on_disk = {p.name for p in DATA.glob("*.csv")}
    assert described == on_disk


def test_the_whole_package_validates_with_frictionless():
    report = Package(str(DATA / "datapackage.json")).validate()
    problems = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:10]


def test_every_resource_records_provenance():
    for resource in json.loads((DATA / "datapackage.json").read_text())["resources"]:
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        if resource["name"] in {"operation_participants"}:
            continue  # provenance is that of its operation (operations.source)
        assert fields["source"]["constraints"]["required"], resource["name"]


@pytest.mark.parametrize(
    ("name", "minimum"),
    [
        ("events", 80),
        ("nato_members", 32),
        ("operations", 14),
        ("glossary", 40),
        ("references", 39),
        ("security_laws", 15),
        ("partnerships", 12),
        ("afghanistan_support", 5),
        ("paper_sections", 20),
    ],
)
def test_counts_the_issue_promises(name, minimum):
    assert len(load(name)) >= minimum


def test_nato_has_exactly_32_members_and_12_founders():
    members = load("nato_members")
    assert len(members) == 32
    assert (members["accession_date"].dt.year == 1949).sum() == 12
    assert members["accession_date"].max() == pd.Timestamp("2024-03-07")  # Sweden


def test_events_span_1945_to_2024_in_date_order():
    # Rows are kept in calendar order; ids are stable, so an event added later takes the next
    # free id (ev113, ...) wherever its date puts it.
    events = load("events")
    assert events["date"].min().year == 1945
    assert events["date"].max().year == 2024
    assert events["date"].is_monotonic_increasing, "rows of events.csv follow the calendar"
    numbers = sorted(int(i[2:]) for i in events["event_id"])
    assert numbers == list(range(1, len(events) + 1)), "event ids run ev001... with no gap"


def test_events_link_to_sections_only_when_the_paper_mentions_them():
    events = load("events")
    in_paper = events["scope"] == "paper"
    assert events.loc[in_paper, "paper_section"].notna().all()
    assert events.loc[~in_paper, "paper_section"].isna().all()


def test_participants_match_the_papers_printed_cells():
    operations = load("operations").set_index("operation_id")
    participants = load("operation_participants")
    for op, group in participants.groupby("operation_id"):
        printed = operations.loc[op, "participants_as_printed"].split(", ")
        assert list(group.sort_values("position")["country_as_printed"]) == printed
    listed = set(operations.index[operations["participants_kind"] == "listed"])
    assert set(participants["operation_id"]) == listed


def test_reference_list_has_39_entries_for_29_works():
    refs = load("references")
    assert len(refs) == 39
    assert refs["work_id"].nunique() == 29
    # entries grouped into one work share author, year and title
    for _, group in refs.groupby("work_id"):
        assert group[["authors", "year", "title"]].nunique().max() == 1


def test_every_bibtex_key_is_in_references_bib():
    bib = (DATA.parent / "references.bib").read_text(encoding="utf-8")
    for key in load("references")["bibtex_key"].unique():
        assert f"{{{key}," in bib, key


def test_vocabularies_become_categoricals_in_schema_order():
    events = load("events")
    assert isinstance(events["category"].dtype, pd.CategoricalDtype)
    declared = next(
        f["constraints"]["enum"]
        for r in json.loads((DATA / "datapackage.json").read_text())["resources"]
        if r["name"] == "events"
        for f in r["schema"]["fields"]
        if f["name"] == "category"
    )
    assert list(events["category"].cat.categories) == declared
    assert pd.api.types.is_datetime64_any_dtype(events["date"])


def test_load_returns_a_copy():
    first = load("nato_members")
    first.loc[0, "country"] = "Atlantis"
    assert "Atlantis" not in set(load("nato_members")["country"])


def test_loading_everything_leaves_data_byte_for_byte_unchanged():
    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(DATA.iterdir())}

    before = digest()
    tables = load_all()
    assert set(tables) == set(resource_names())
    assert digest() == before


def test_unknown_dataset_names_the_known_ones():
    with pytest.raises(KeyError, match="events"):
        load("evnets")


def test_a_validated_table_loads_in_a_new_process_without_frictionless(tmp_path):
    """The record of a validation is kept outside data/ and spares the next process the work."""
    env = dict(os.environ, JAPAN_NATO_CACHE=str(tmp_path / "cache"))
    code = "import sys, japan_nato; japan_nato.load_all(); print('frictionless' in sys.modules)"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
    records = list((tmp_path / "cache" / "validated").iterdir())
    assert len(records) == len(resource_names())


def test_the_default_record_folder_is_outside_the_repository(monkeypatch):
    monkeypatch.delenv("JAPAN_NATO_CACHE", raising=False)
    folder = cache_dir().resolve()
    assert ROOT not in folder.parents and folder != ROOT
