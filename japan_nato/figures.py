"""Figures for notebooks, shown once per cell.

A figure returned as a cell's last expression is displayed by Jupyter's inline formatter. Pyplot
creates it (which switches Jupyter's inline backend on) and then forgets it, so the inline backend
does not show it a second time at the end of the cell.
"""

from __future__ import annotations

import matplotlib.pyplot as plt


def new_axes(width: float, height: float):
    """A new figure of ``width`` x ``height`` inches with one axes, laid out to fit its labels."""
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    plt.close(fig)  # still drawable and displayable; no longer shown again by pyplot
    return fig, ax


def on_axes(ax, width: float, height: float):
    """``ax`` and its figure when given (a widget redraws one figure), else a new figure."""
    return new_axes(width, height) if ax is None else (ax.figure, ax)


def empty_chart(ax, message: str):
    """Say ``message`` where a chart would be, instead of drawing empty axes; returns the figure."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax.figure
