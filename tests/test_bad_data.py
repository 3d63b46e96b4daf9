"""Bad input gets one clear message naming the file, line, column and value, and a fix.

Each case breaks one file in a private copy of data/ (see the ``data_copy`` fixture) and checks
what a student would read. The real data/ is never touched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from japan_nato import DataError, load


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def expect(name: str, *parts: str) -> str:
    with pytest.raises(DataError) as caught:
        load(name)
    message = str(caught.value)
    for part in parts:
        assert part in message, f"{part!r} missing from: {message}"
    assert "Fix:" in message, message
    return message


def test_missing_file(data_copy):
    (data_copy / "glossary.csv").unlink()
    expect("glossary", "data/glossary.csv", "file not found", "git checkout")


def test_empty_file(data_copy):
    (data_copy / "glossary.csv").write_text("", encoding="utf-8")
    expect("glossary", "data/glossary.csv", "empty")


def test_missing_column(data_copy):
    path = data_copy / "nato_members.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cut = [",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in lines]
    path.write_text("\n".join(cut) + "\n", encoding="utf-8")
    expect("nato_members", "data/nato_members.csv", "line 1", "'iso3'", "missing")


def test_extra_column(data_copy):
    edit(data_copy / "paper_sections.csv", "source\n", "source,page\n")
    expect("paper_sections", "data/paper_sections.csv", "line 1", "'page'")


def test_wrong_delimiter(data_copy):
    path = data_copy / "afghanistan_support.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    expect("afghanistan_support", "data/afghanistan_support.csv", "line 1", "comma")


def test_non_utf8_bytes(data_copy):
    path = data_copy / "nato_members.csv"
    raw = path.read_bytes().replace(b"Portugal", "Portugál".encode("latin-1"), 1)
    path.write_bytes(raw)
    line = raw.split(b"\n").index(next(x for x in raw.split(b"\n") if b"Portug" in x)) + 1
    expect("nato_members", "data/nato_members.csv", f"line {line}", "'country'", "0xe1", "UTF-8")


def test_impossible_calendar_date(data_copy):
    path = data_copy / "nato_members.csv"
    edit(path, "2004-03-29", "2004-02-30")
    line = line_of(path, "2004-02-30")
    expect("nato_members", f"line {line}", "'accession_date'", "'2004-02-30'", "YYYY-MM-DD")


def test_date_in_the_wrong_format(data_copy):
    path = data_copy / "nato_members.csv"
    edit(path, "1952-02-18", "18/02/1952")
    line = line_of(path, "18/02/1952")
    expect("nato_members", f"line {line}", "'accession_date'", "'18/02/1952'")


def test_duplicate_id(data_copy):
    path = data_copy / "paper_sections.csv"
    edit(path, "s05,5,", "s04,5,")
    expect("paper_sections", "data/paper_sections.csv", "line 6", "'section_id'", "'s04'", "twice")


def test_value_outside_the_vocabulary(data_copy):
    path = data_copy / "security_laws.csv"
    text = path.read_text(encoding="utf-8")
    first_row = text.splitlines()[1]
    area = next(a for a in ("peacekeeping", "alliance", "maritime") if f",{a}," in first_row)
    edit(path, f",{area},", ",pacifism,")
    expect("security_laws", "line 2", "'area'", "'pacifism'", "enum")


def test_unknown_foreign_key(data_copy):
    path = data_copy / "operation_participants.csv"
    edit(path, "Hungary,Hungary", "Hungary,Hungry")
    line = line_of(path, "Hungry")
    expect("operation_participants", f"line {line}", "'country'", "'Hungry'", "nato_members.csv")


def test_foreign_key_to_a_paper_section_that_does_not_exist(data_copy):
    path = data_copy / "afghanistan_support.csv"
    edit(path, ",s16,", ",s99,")
    line = line_of(path, ",s99,")
    expect("afghanistan_support", f"line {line}", "'paper_section'", "'s99'", "paper_sections.csv")


def test_required_value_left_empty(data_copy):
    path = data_copy / "nato_members.csv"
    edit(path, "Spain,ESP", "Spain,")
    line = line_of(path, "Spain,,")
    expect("nato_members", f"line {line}", "'iso3'", "required")


def test_id_that_breaks_its_pattern(data_copy):
    path = data_copy / "operations.csv"
    edit(path, "op03,3,", "op-3,3,")
    expect("operations", "line 4", "'operation_id'", "'op-3'", "pattern")


def test_year_that_is_not_a_number(data_copy):
    path = data_copy / "operations.csv"
    edit(path, ",1996,", ",199x,")
    line = line_of(path, ",199x,")
    expect("operations", f"line {line}", "'year_deployed'", "'199x'", "integer")


def test_boolean_that_is_not_true_or_false(data_copy):
    path = data_copy / "operations.csv"
    edit(path, "Mozambique,true,", "Mozambique,yes,")
    expect("operations", "line 3", "'un_mission'", "'yes'", "boolean")


def test_date_not_matching_its_precision(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    number, line = next((i, x) for i, x in enumerate(lines, 1) if ",year," in x)
    year = line.split(",")[1][:4]
    lines[number - 1] = line.replace(f"{year}-01-01,year,", f"{year}-07-01,year,", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expect("events", f"line {number}", "'date'", f"'{year}-07-01'", "first day", f"'{year}-01-01'")


def test_a_broken_file_changes_nothing_on_disk(data_copy):
    path = data_copy / "operations.csv"
    edit(path, ",1996,", ",199x,")
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}
    with pytest.raises(DataError):
        load("operations")
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.iterdir()}
    assert after == before


def test_fixing_the_file_makes_it_load_again(data_copy):
    path = data_copy / "operations.csv"
    edit(path, ",1996,", ",199x,")
    with pytest.raises(DataError):
        load("operations")
    edit(path, ",199x,", ",1996,")
    assert len(load("operations")) == 14


# --- the record of validated tables never hides a change ----------------------------------


def test_a_file_broken_after_it_loaded_cleanly_is_validated_again(data_copy):
    assert len(load("operations")) == 14  # validated and recorded
    edit(data_copy / "operations.csv", ",1996,", ",199x,")
    expect("operations", "data/operations.csv", "'year_deployed'", "'199x'")


def test_a_change_to_a_referenced_table_revalidates_the_table_that_points_to_it(data_copy):
    assert len(load("operation_participants")) > 0
    edit(data_copy / "operations.csv", "op12,", "op99,")  # participants still point at op12
    expect("operation_participants", "data/operation_participants.csv", "'op12'")


def test_a_change_to_the_schema_revalidates(data_copy):
    assert len(load("operations")) == 14
    edit(data_copy / "datapackage.json", '"pattern": "^op\\\\d{2}$"', '"pattern": "^x\\\\d{2}$"')
    expect("operations", "data/operations.csv", "'operation_id'", "'op01'")


def test_a_schema_edited_during_a_session_is_the_one_validated_against(data_copy):
    edit(data_copy / "operations.csv", ",1996,", ",2030,")
    expect("operations", "'year_deployed'", "2030")  # above the schema's maximum, 2024
    edit(data_copy / "datapackage.json", '"maximum": 2024', '"maximum": 2030')
    assert len(load("operations")) == 14  # the same process now reads the new schema


def test_try_edit_shows_the_error_a_student_would_get_and_leaves_data_alone():
    # Chapter 0's exercise: one cell changed in a temporary copy, the real files untouched.
    from japan_nato.data import DEFAULT_DATA_DIR, try_edit

    def digest() -> str:
        files = sorted(DEFAULT_DATA_DIR.iterdir())
        return hashlib.sha256(b"".join(f.name.encode() + f.read_bytes() for f in files)).hexdigest()

    before = digest()
    bulgaria = line_of(DEFAULT_DATA_DIR / "nato_members.csv", "Bulgaria,")
    message = try_edit("nato_members", bulgaria, "accession_date", "2004-02-30")
    for part in (
        f"data/nato_members.csv, line {bulgaria}",
        "'accession_date'",
        "'2004-02-30'",
        "Fix",
    ):
        assert part in message
    assert "loads" in try_edit("nato_members", bulgaria, "accession_date", "2004-03-29")
    assert "'iso3'" in try_edit("nato_members", bulgaria, "iso3", "bg")
    with pytest.raises(ValueError, match="no column 'accession'"):
        try_edit("nato_members", bulgaria, "accession", "2004-03-29")
    with pytest.raises(ValueError, match="lines 2 to"):
        try_edit("nato_members", 1, "iso3", "BGR")
    assert digest() == before
