"""Plain values: the only thing that leaves the sandbox, and how the grader reads it back.

The runner in the sandbox writes each answer as JSON (:func:`japan_nato.seminar.runner.encode`). The
grader trusts none of it: :func:`decode` accepts JSON's own values only (numbers, text, true/false,
null, lists, and objects, whose keys JSON makes text) and rebuilds them as fresh built-in objects in
the grader's process. A tuple crosses as a list.

Anything else (a custom class, an ``int`` subclass whose ``==`` always says yes, a set, a numpy
number, a DataFrame, a dict with number keys) is not a plain value: the question scores 0 with a note
that says so.
"""

from __future__ import annotations

import json

#: Said in a note when an answer is not a plain value.
WHAT_IS_PLAIN = "a number, text, True/False, None, or a list or a dict (with text keys) of these"


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
    if type(data) is dict and all(type(key) is str for key in data):
        return {key: decode(item, depth + 1) for key, item in data.items()}
    raise NotPlain("not a plain value")


def loads(line: str) -> dict:
    """A runner's JSON line as a dict (untrusted: ValueError if it is not one)."""
    value = json.loads(line)
    if type(value) is not dict:
        raise ValueError("not an object")
    return value
