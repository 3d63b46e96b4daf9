"""Pure cores of the ordering and classification exercises: checking answers.

:mod:`japan_nato.practice` turns every possible answer into a self-check question whose feedback
is what these functions return, so every rule about right and wrong lives here, is tested without
a UI, and is the same on the static page, in JupyterLab and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from japan_nato.timeline import display_date


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer: what was chosen, what is right, and why."""

    item: str
    chosen: str | None
    correct: str
    ok: bool
    explanation: str = ""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def check_place(events_in_order: pd.DataFrame, event_id: str, position: int) -> Feedback:
    """A student says the event ``event_id`` is number ``position`` (1 = earliest) among
    ``events_in_order``: right or wrong, with the dates that decide it."""
    ids = list(events_in_order["event_id"])
    whens = {
        i: display_date(d, p)
        for i, d, p in zip(
            ids, events_in_order["date"], events_in_order["date_precision"], strict=True
        )
    }
    titles = dict(zip(ids, events_in_order["title"], strict=True))
    truth = ids.index(event_id) + 1
    this = f"'{titles[event_id]}' ({whens[event_id]})"
    n = len(ids)
    if position == truth:
        if truth == 1:
            why = f"Right: {this} is the earliest of these {n}."
        elif truth == n:
            why = f"Right: {this} is the latest of these {n}."
        else:
            before = ids[truth - 2]
            why = (
                f"Right: {this} is {_ordinal(truth)} of {n}. "
                f"It follows '{titles[before]}' ({whens[before]})."
            )
    elif 1 <= position <= n:
        other = ids[position - 1]
        order = "later" if position < truth else "earlier"
        why = (
            f"Not {_ordinal(position)}: that place belongs to '{titles[other]}' "
            f"({whens[other]}). {this} came {order}: it is {_ordinal(truth)} of {n}."
        )
    else:
        why = f"Give a number from 1 (earliest) to {n} (latest)."
    return Feedback(event_id, str(position), str(truth), position == truth, why)


def check_classification(items: pd.DataFrame, answer: dict[str, str | None]) -> list[Feedback]:
    """Check each statement's chosen category. ``items`` has columns statement, category, explanation."""
    feedback = []
    for row in items.itertuples(index=False):
        chosen = answer.get(row.statement)
        ok = chosen == row.category
        if chosen is None:
            prefix = f"Not answered. It belongs under '{row.category}'."
        elif ok:
            prefix = "Right."
        else:
            prefix = f"Not '{chosen}': it belongs under '{row.category}'."
        feedback.append(
            Feedback(row.statement, chosen, row.category, ok, f"{prefix} {row.explanation}")
        )
    return feedback
