"""Load the book's datasets, validated against ``data/datapackage.json``.

Every notebook gets its data through :func:`load`, so every notebook sees the same checked,
typed tables. ``datapackage.json`` (a Frictionless Data Package) is the single description of
the data: types, required fields, controlled vocabularies, primary and foreign keys. The
`frictionless` library does the validation; this module only turns its findings into one
message a student can act on, and turns the valid CSV into a typed DataFrame.

Loading only reads: nothing under ``data/`` is ever written.

Validation is complete but not repeated needlessly. After a table passes, the loader records the
SHA-256 of everything its verdict depended on (this module, ``datapackage.json``, the table and the
tables its foreign keys point to) as an empty file in a per-user cache folder outside the repository
(``$JAPAN_NATO_CACHE``, else the platform's user cache folder). A table whose record exists is read
without importing Frictionless; any change to any of those bytes gives a new digest, so a changed
file is always validated again. If the cache folder cannot be written, every load validates.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd

__all__ = [
    "DataError",
    "catalogue",
    "columns",
    "data_dir",
    "load",
    "load_all",
    "resource_names",
    "schema",
    "try_edit",
]

#: The folder the book's CSVs live in (``data/`` at the repository root).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class DataError(ValueError):
    """A dataset does not match ``datapackage.json``.

    The message names the file, the line, the column, the offending value and how to fix it.
    """

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a traceback: a student sees one message, not library frames.
        return [f"DataError: {self}"]


def data_dir() -> Path:
    """The data folder: ``$JAPAN_NATO_DATA`` if set (tests use copies), else ``data/``."""
    return Path(os.environ.get("JAPAN_NATO_DATA", DEFAULT_DATA_DIR))


def _descriptor(folder: Path) -> dict:
    path = folder / "datapackage.json"
    if not path.exists():
        raise DataError(f"{path}: file not found. Fix: restore it with `git checkout -- {path}`.")
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def resource_names(folder: Path | None = None) -> list[str]:
    """Names of all datasets, in the order ``datapackage.json`` lists them."""
    return [r["name"] for r in _descriptor(folder or data_dir())["resources"]]


def schema(name: str, folder: Path | None = None) -> dict:
    """The resource descriptor (path, title, description, schema) of dataset ``name``."""
    for resource in _descriptor(folder or data_dir())["resources"]:
        if resource["name"] == name:
            return resource
    known = ", ".join(resource_names(folder))
    raise KeyError(f"No dataset called {name!r}. Known datasets: {known}.")


# --- checks the schema language cannot express well, done before Frictionless -------------


def _check_file(path: Path, shown: str, fields: list[str]) -> None:
    """File present, not empty, UTF-8, and its header names exactly the schema's columns."""
    if not path.exists():
        raise DataError(f"{shown}: file not found. Fix: restore it with `git checkout -- {shown}`.")
    raw = path.read_bytes()
    if not raw.strip():
        raise DataError(
            f"{shown}: the file is empty. Fix: it needs a header line "
            f"({','.join(fields)}) and at least one row; restore it with `git checkout -- {shown}`."
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_no = raw[: err.start].count(b"\n") + 1
        line = raw.split(b"\n")[line_no - 1]
        column = _column_at(fields, line, err.start - (raw.rfind(b"\n", 0, err.start) + 1))
        raise DataError(
            f"{shown}, line {line_no}, column {column!r}: byte 0x{raw[err.start]:02x} is not UTF-8 "
            f"(value {line.decode('utf-8', 'replace')[:60]!r}). "
            "Fix: save the file with UTF-8 encoding."
        ) from None
    header = next(csv.reader([text.splitlines()[0]]))
    if header == fields:
        return
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        raise DataError(
            f"{shown}, line 1: the header {header[0][:60]!r} is not comma-separated. "
            "Fix: save the file as CSV with commas between columns."
        )
    missing = [f for f in fields if f not in header]
    extra = [h for h in header if h not in fields]
    if missing:
        raise DataError(
            f"{shown}, line 1: column {missing[0]!r} is missing (header: {','.join(header)}). "
            f"Fix: the header must be exactly: {','.join(fields)}."
        )
    if extra:
        raise DataError(
            f"{shown}, line 1: column {extra[0]!r} is not in datapackage.json. "
            f"Fix: remove it, or describe it in datapackage.json; the header must be: {','.join(fields)}."
        )
    raise DataError(
        f"{shown}, line 1: the columns are out of order ({','.join(header)}). "
        f"Fix: the header must be exactly: {','.join(fields)}."
    )


def _column_at(fields: list[str], line: bytes, offset: int) -> str:
    """The column a byte offset falls in, counting commas (good enough to point at a cell)."""
    index = line[:offset].count(b",")
    return fields[index] if index < len(fields) else "?"


# --- Frictionless validation and the one clear message -------------------------------------


def _import_frictionless():
    """Import frictionless without the 2-6 s that jsonschema's optional IRI checker costs.

    frictionless validates descriptors with jsonschema; jsonschema imports ``rfc3987_syntax``
    when it is installed (JupyterLab's dependencies install it), and that module compiles
    about 40 grammars at import, for format checks frictionless never asks for. Hiding it
    during this one import makes the first ``load()`` in a notebook fast; it is importable
    again afterwards.
    """
    if "jsonschema" in sys.modules:
        import frictionless
    else:
        hidden = "rfc3987_syntax" not in sys.modules
        if hidden:
            sys.modules["rfc3987_syntax"] = None  # makes `import rfc3987_syntax` raise ImportError
        try:
            import frictionless
            import jsonschema  # noqa: F401  (frictionless imports it lazily; import it while hidden)
        finally:
            if hidden:
                del sys.modules["rfc3987_syntax"]
    return frictionless


@lru_cache(maxsize=8)
def _package(folder: str, descriptor_sha: str):
    """The Frictionless package for ``folder``, read anew whenever its descriptor's bytes change."""
    return _import_frictionless().Package(str(Path(folder) / "datapackage.json"))


_TYPE_FIX = {
    "date": "write the date as YYYY-MM-DD, a real calendar date (e.g. 2013-04-15)",
    "integer": "write a whole number such as 1996",
    "number": "write a number such as 5 or 0.5, without units or thousands separators",
    "boolean": "write true or false",
}


def _message(shown: str, resource: dict, error) -> str:
    """Turn one Frictionless error into: file, line, column, value, problem, fix."""
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    kind = error.type
    line = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None)
    value = getattr(error, "cell", None)
    if kind == "primary-key":
        key = resource["schema"]["primaryKey"]
        column = ", ".join(key)
        value = ", ".join(str(error.cells[list(fields).index(k)]) for k in key)
        earlier = error.note.rsplit(" ", 1)[-1]
        problem = f"is used twice (first on line {earlier})"
        fix = "give every row its own id"
    elif kind == "foreign-key":
        column = ", ".join(error.field_names)
        value = ", ".join(str(v) for v in error.field_cells)
        ref = f"data/{error.reference_name}.csv"
        problem = f"is not in {ref} (column {', '.join(error.reference_field_names)})"
        fix = f"use a value that exists in {ref}, or add that row there first"
    elif kind == "type-error":
        kind_of = fields[column]["type"]
        problem = f"is not a valid {kind_of}"
        fix = _TYPE_FIX.get(kind_of, f"write a valid {kind_of}")
    elif kind == "constraint-error":
        rules = fields[column].get("constraints", {})
        problem = f"breaks the schema's rule {error.note}"
        if "required" in error.note:
            problem, value, fix = "is empty but required", None, "fill in the cell"
        elif "enum" in error.note:
            fix = "use one of: " + ", ".join(str(v) for v in rules["enum"])
        elif "pattern" in error.note:
            fix = f"write a value matching {rules['pattern']} (like the other rows)"
        else:
            fix = "use a value within: " + ", ".join(f"{k} {v}" for k, v in rules.items())
    elif kind == "missing-cell":
        problem, fix = (
            "is missing",
            "give the row a value for every column (empty ones still need commas)",
        )
    elif kind == "extra-cell":
        problem, fix = (
            "is an extra cell",
            "quote values that contain commas, or remove the extra value",
        )
    else:
        problem, fix = (error.note or error.title), "correct the row"
    where = f"{shown}, line {line}" if line else shown
    if column:
        where += f", column {column!r}"
    subject = f"value {value!r} " if value is not None else ""
    return f"{where}: {subject}{problem}. Fix: {fix}."


def _check_precision(df: pd.DataFrame, resource: dict, shown: str) -> None:
    """A date of month or year precision must be the first day of its month or year."""
    if "date_precision" not in df:
        return
    date_col = next(f["name"] for f in resource["schema"]["fields"] if f["type"] == "date")
    for idx, row in df.iterrows():
        d, p = row[date_col], row["date_precision"]
        if (p == "year" and (d.month, d.day) != (1, 1)) or (p == "month" and d.day != 1):
            first = d.strftime("%Y-01-01" if p == "year" else "%Y-%m-01")
            raise DataError(
                f"{shown}, line {idx + 2}, column {date_col!r}: value {d.date().isoformat()!r} has "
                f"date_precision {p!r} but is not the first day of its {p}. Fix: write {first!r}, "
                "or set date_precision to 'day'."
            )


def _typed(df: pd.DataFrame, resource: dict) -> pd.DataFrame:
    """Give every column the type the schema declares; vocabularies become categoricals."""
    out = {}
    for field in resource["schema"]["fields"]:
        col = df[field["name"]]
        kind = field["type"]
        enum = field.get("constraints", {}).get("enum")
        if kind == "date":
            col = pd.to_datetime(col, format="%Y-%m-%d")
        elif kind == "integer":
            col = pd.to_numeric(col).astype("Int64")
        elif kind == "number":
            col = pd.to_numeric(col).astype(float)
        elif kind == "boolean":
            col = col.map({"true": True, "false": False}).astype("boolean")
        if enum is not None and kind == "string":
            col = pd.Categorical(col, categories=enum)
        out[field["name"]] = col
    return pd.DataFrame(out, index=df.index)


def _digest(name: str, folder: Path, resource: dict) -> str:
    """SHA-256 of all the bytes the verdict on table ``name`` depends on: this module (the checks),
    the descriptor, the table, and every table its foreign keys point to."""
    paths = [Path(__file__), folder / "datapackage.json", folder / resource["path"]]
    for fk in resource["schema"].get("foreignKeys", []):
        paths.append(folder / schema(fk["reference"]["resource"], folder)["path"])
    digest = hashlib.sha256(name.encode())
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where records of validated tables are kept: ``$JAPAN_NATO_CACHE``, else the user cache folder
    (``~/.cache/japan_nato`` on Linux). Never inside the repository."""
    if "JAPAN_NATO_CACHE" in os.environ:
        return Path(os.environ["JAPAN_NATO_CACHE"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("japan_nato", appauthor=False))


def _record_path(digest: str) -> Path:
    return cache_dir() / "validated" / digest


def _record(digest: str) -> None:
    """Note that the bytes behind ``digest`` passed validation (best effort: a read-only cache
    folder only means validating again next time)."""
    try:
        path = _record_path(digest)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        pass


def _validate(name: str, folder: Path, resource: dict, shown: str) -> None:
    """Run every check on table ``name``; raise DataError with the first problem found."""
    fields = [f["name"] for f in resource["schema"]["fields"]]
    _check_file(folder / resource["path"], shown, fields)
    # Foreign keys need the tables they point to: check those files first, for a clear message.
    for fk in resource["schema"].get("foreignKeys", []):
        target = schema(fk["reference"]["resource"], folder)
        _check_file(
            folder / target["path"],
            f"data/{target['path']}",
            [f["name"] for f in target["schema"]["fields"]],
        )
    descriptor_sha = hashlib.sha256((folder / "datapackage.json").read_bytes()).hexdigest()
    report = _package(str(folder), descriptor_sha).get_resource(name).validate()
    errors = [e for task in report.tasks for e in task.errors]
    if errors:
        more = f" ({len(errors) - 1} more problem(s) in this file after fixing this one.)"
        raise DataError(_message(shown, resource, errors[0]) + (more if len(errors) > 1 else ""))


@lru_cache(maxsize=64)
def _load_cached(name: str, folder: str, digest: str | None) -> pd.DataFrame:
    """Load and check table ``name``; memoised on the digest of everything the result depends on,
    so an edited file is read again however quickly it was edited."""
    path_folder = Path(folder)
    resource = schema(name, path_folder)
    shown = f"data/{resource['path']}"
    validated = digest is not None and _record_path(digest).exists()
    if not validated:
        _validate(name, path_folder, resource, shown)
    raw = pd.read_csv(
        path_folder / resource["path"],
        dtype=str,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )
    df = _typed(raw, resource)
    _check_precision(df, resource, shown)
    if not validated and digest is not None:
        _record(digest)
    return df


def load(name: str) -> pd.DataFrame:
    """Load dataset ``name`` (e.g. ``"events"``) as a validated, typed DataFrame.

    Dates become ``datetime64``, integers ``Int64``, booleans ``boolean`` and controlled
    vocabularies ``Categorical`` in the order the schema declares them.

    Raises :class:`DataError` with the file, line, column, value and a fix when the file does
    not match ``data/datapackage.json``. Returns a copy, so changing it changes nothing else.
    """
    folder = data_dir().resolve()
    resource = schema(name, folder)  # unknown names fail fast with the list of known ones
    try:
        digest = _digest(name, folder, resource)
    except OSError:  # a file is missing: validation says which, and how to restore it
        digest = None
    return _load_cached(name, str(folder), digest).copy()


def try_edit(name: str, line: int, column: str, value: str) -> str:
    """What the loader says about dataset ``name`` if the cell at ``line`` (counted as in the error
    messages: the header is line 1) and ``column`` held ``value``.

    The edit is made in a temporary copy of the data folder, so a student can practise reading and
    fixing a data error without touching the book's files. Returns the error message, or a line
    saying that the edited table loads.
    """
    import shutil
    import tempfile

    resource = schema(name)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(data_dir(), folder)
        path = folder / resource["path"]
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if column not in rows[0]:
            raise ValueError(f"{name} has no column {column!r}; its columns: {', '.join(rows[0])}")
        if not 2 <= line <= len(rows):
            raise ValueError(
                f"data/{resource['path']} has data on lines 2 to {len(rows)}, not {line}"
            )
        rows[line - 1][rows[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
        try:
            table = _load_cached(name, str(folder), _digest(name, folder, resource))
        except DataError as error:
            return str(error)
    return f"data/{resource['path']} with that edit loads: {len(table)} rows, no error."


def load_all() -> dict[str, pd.DataFrame]:
    """Every dataset, validated, keyed by name."""
    return {name: load(name) for name in resource_names()}


def catalogue() -> pd.DataFrame:
    """One row per dataset: its name, title, size and what it holds (from datapackage.json)."""
    rows = []
    for name, table in load_all().items():
        resource = schema(name)
        rows.append(
            {
                "dataset": name,
                "file": f"data/{resource['path']}",
                "rows": len(table),
                "columns": table.shape[1],
                "what it holds": resource["description"],
            }
        )
    return pd.DataFrame(rows)


def columns(name: str) -> pd.DataFrame:
    """The columns of dataset ``name``: type, whether required, allowed values, meaning."""
    rows = []
    for field in schema(name)["schema"]["fields"]:
        rules = field.get("constraints", {})
        allowed = ", ".join(str(v) for v in rules["enum"]) if "enum" in rules else ""
        rows.append(
            {
                "column": field["name"],
                "type": field["type"],
                "required": bool(rules.get("required")),
                "allowed values": allowed,
                "meaning": field["description"],
            }
        )
    return pd.DataFrame(rows)
