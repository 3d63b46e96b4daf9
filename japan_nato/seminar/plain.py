"""Plain values: the only thing that leaves the sandbox, and how the grader reads it back.

The runner in the sandbox writes each answer as JSON (:func:`japan_nato.seminar.runner.encode`). The
grader trusts none of it: :func:`decode` accepts JSON's own values (numbers, text, true/false, null,
lists) and three tagged forms, and turns them into fresh built-in objects in the grader's process:

- ``{"dict": [[key, value], ...]}``: a dict whose keys are text (or, because Assignment 5's
  ``works_by_year`` asks for years, whole numbers);
- ``{"tuple": [...]}``: a tuple (several current questions ask for a pair, such as ``(28, 31)``);
- ``{"table": {"columns": [...], "rows": [[...], ...]}}``: a pandas DataFrame of plain cells
  (Assignment 3's ``steps``).

Anything else (a custom class, an ``int`` subclass whose ``==`` always says yes, a set, a numpy
number, a table of dates) is not a plain value: the question scores 0 with a note that says so. The
tuple, whole-number-key and table forms exist only for the questions that ask for them today; the
rewrite of the assignments (issue 20, point 6) can drop them by removing them from :data:`ALLOWED`.
"""

from __future__ import annotations

import json

#: The tagged forms :func:`decode` accepts besides JSON's own values.
ALLOWED = ("dict", "tuple", "table")
#: Said in a note when an answer is not a plain value.
WHAT_IS_PLAIN = (
    "a number, text, True/False, None, or a list, tuple or dict of these (or, where a question "
    "asks for one, a DataFrame)"
)


class NotPlain(ValueError):
    """The data is not a plain value."""


def decode(data, depth: int = 0):
    """The Python value behind JSON ``data`` written by the runner, or NotPlain."""
    if depth > 25:
        raise NotPlain("nested too deep")
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(item, depth + 1) for item in data]
    if type(data) is not dict or len(data) != 1:
        raise NotPlain("not a plain value")
    ((tag, body),) = data.items()
    if tag not in ALLOWED:
        raise NotPlain(f"unknown form {tag[:20]!r}")
    if tag == "tuple" and type(body) is list:
        return tuple(decode(item, depth + 1) for item in body)
    if tag == "dict" and type(body) is list:
        out = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) not in (str, int):
                raise NotPlain("a dict whose keys are not text or whole numbers")
            out[pair[0]] = decode(pair[1], depth + 1)
        return out
    if tag == "table" and type(body) is dict and set(body) == {"columns", "rows"}:
        import pandas as pd

        columns, rows = body["columns"], body["rows"]
        if type(columns) is not list or not all(type(c) is str for c in columns):
            raise NotPlain("a table whose column names are not text")
        if type(rows) is not list or not all(
            type(r) is list
            and len(r) == len(columns)
            and all(c is None or type(c) in (bool, int, float, str) for c in r)
            for r in rows
        ):
            raise NotPlain("a table whose cells are not plain values")
        return pd.DataFrame(rows, columns=columns)
    raise NotPlain(f"a malformed {tag}")


def loads(line: str) -> dict:
    """A runner's JSON line as a dict (untrusted: ValueError if it is not one)."""
    value = json.loads(line)
    if type(value) is not dict:
        raise ValueError("not an object")
    return value
