"""Figures for notebooks: made without pyplot's global state, so a cell shows each figure once.

A figure returned as a cell's last expression is displayed by Jupyter's inline formatter; because
pyplot never tracks it, it is not shown a second time at the end of the cell.
"""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: F401  (activates Jupyter's inline figure formatter)
from matplotlib.figure import Figure


def new_axes(width: float, height: float):
    """A new figure of ``width`` x ``height`` inches with one axes, laid out to fit its labels."""
    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()
