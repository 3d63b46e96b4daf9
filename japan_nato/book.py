"""The book's glue for the Vega-Lite charts of :mod:`japan_nato.charts`.

Notebooks store each chart as its Vega-Lite specification (``application/vnd.vegalite.v5+json``),
which JupyterLab draws natively. For the book, two pieces turn it into a chart that works offline:

- :class:`VegaLiteRenderer`, a MyST-NB mime-render plugin (registered in ``pyproject.toml`` under
  ``myst_nb.mime_renderers``), writes the specification into the page beside an empty ``<div>``;
- :func:`setup`, a Sphinx extension (``_config.yml``), adds the vendored Vega, Vega-Lite and
  vega-embed files, ``vega-charts.js``, which draws every such ``<div>``, ``vega-charts.css`` and
  the package's ``static/chart-controls.css`` to the pages that have a chart, and only to those.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

VEGA_LITE = "application/vnd.vegalite.v5+json"
CHART_CLASS = "japan-nato-vega"
#: Loaded in this order, before require.js (priority 500), whose define() the libraries' UMD
#: wrappers would otherwise register with instead of setting their globals.
SCRIPTS = ("vega/vega.min.js", "vega/vega-lite.min.js", "vega/vega-embed.min.js", "vega-charts.js")


def chart_html(spec: dict | str, number: int = 0) -> str:
    """The HTML for one chart: an empty container and its specification as JSON."""
    text = spec if isinstance(spec, str) else json.dumps(spec, ensure_ascii=False)
    ident = f"chart-{hashlib.sha256(text.encode()).hexdigest()[:10]}-{number}"
    safe = text.replace("</", "<\\/")  # the JSON cannot close its <script> element
    return (
        f'<div class="{CHART_CLASS}" id="{ident}"></div>\n'
        f'<script type="application/json" id="{ident}-spec">{safe}</script>\n'
    )


class VegaLiteRenderer:
    """MyST-NB plugin: a Vega-Lite output becomes an offline chart in the HTML book."""

    # A chart (japan_nato.figures.Chart) comes as a PNG and as an <img> with its text alternative,
    # for JupyterLab, which prefers HTML. The book takes the PNG, which it draws as a numbered figure
    # with the caption and alt text of the cell's metadata.
    mime_priority_overrides = [
        ("html", VEGA_LITE, 5),
        ("dirhtml", VEGA_LITE, 5),
        ("html", "image/png", 25),
        ("dirhtml", "image/png", 25),
    ]
    _count = 0

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool):
        if inline or data.mime_type != VEGA_LITE:
            return None
        from docutils import nodes

        VegaLiteRenderer._count += 1
        html = chart_html(data.content, VegaLiteRenderer._count)
        return [nodes.raw(text=html, format="html", classes=["output", "text_html"])]


STATIC = Path(__file__).with_name("static")
#: The controls' layout: the package's own, which japan_nato.charts also hands to JupyterLab.
CONTROLS_CSS = STATIC / "chart-controls.css"
#: The charts' box (vendor/) and their controls' layout.
STYLES = ("vega-charts.css", CONTROLS_CSS.name)


def _add_scripts(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if f'class="{CHART_CLASS}"' in context.get("body", ""):
        for priority, script in enumerate(SCRIPTS, start=200):
            app.add_js_file(script, priority=priority)
        for style in STYLES:
            app.add_css_file(style)


def _static_files(app, config) -> None:
    """The package's static files (the controls' layout) are the book's too."""
    config.html_static_path.append(str(STATIC))


def _citations_as_list_items(app) -> None:
    """Bibliography entries as plain list items.

    docutils writes each entry as ``<div role="doc-biblioentry">`` inside ``<div role="list">``;
    DPUB-ARIA has deprecated that role, so accessibility checkers (axe-core's
    aria-required-children) no longer count the entries as the list's items. The entries keep
    their markup and become ``role="listitem"``, by a subclass of whatever HTML translator the
    theme set up.
    """
    base = app.registry.get_translator_class(app.builder) or app.builder.default_translator_class
    if getattr(base, "_japan_nato_citations", False):
        return

    class Translator(base):
        _japan_nato_citations = True

        def visit_citation(self, node):
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

    app.set_translator(app.builder.name, Translator, override=True)


def setup(app) -> dict:
    app.connect("config-inited", _static_files)
    app.connect("html-page-context", _add_scripts)
    # After the theme's own builder-inited handlers, which may set a translator of their own.
    app.connect("builder-inited", _citations_as_list_items, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
