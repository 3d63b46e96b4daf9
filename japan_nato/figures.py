"""Figures for notebooks, shown once per cell, each with a text alternative.

A figure returned as a cell's last expression is displayed by Jupyter's inline formatter. Pyplot
creates it (which switches Jupyter's inline backend on) and then forgets it, so the inline backend
does not show it a second time at the end of the cell.

Every chart function returns a :class:`Chart`: the figure and a sentence saying what it shows,
written from the same rows the figure draws. Jupyter shows a Chart as a PNG and as an ``<img>``
carrying that sentence as its ``alt`` text (JupyterLab draws the HTML, so a screen reader hears
the sentence; the book draws the PNG as a numbered figure with the alt text of the cell's
metadata, see ``japan_nato.book``), and as the sentence wherever only text is shown.
"""

from __future__ import annotations

import base64
import html
import io

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


class Chart:
    """A matplotlib figure with its text alternative ``alt``. Anything else asked of it is asked of
    the figure (``chart.axes``, ``chart.savefig(...)``)."""

    def __init__(self, figure, alt: str):
        self.figure = figure
        self.alt = alt

    def __getattr__(self, name: str):
        return getattr(self.figure, name)

    def png(self) -> str:
        """The figure as a base64 PNG, as Jupyter's inline backend draws it."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", bbox_inches="tight")
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        img = (
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(self.alt)}" '
            'style="max-width:100%;height:auto">'
        )
        return {"image/png": png, "text/html": img, "text/plain": self.alt}


def years_text(start: int, end: int) -> str:
    return f"{start}" if start == end else f"{start} to {end}"
