"""Printed chapter handouts: one PDF per chapter, from the student book, printed by Chromium.

    python -m japan_nato.editions handouts     # editions/handouts/01_global_partners.pdf ...

The student edition is built first (or an already built student book is given), served on
127.0.0.1, and each chapter page is printed with playwright's ``page.pdf`` in the machine's
Chromium (never a downloaded one). The print styles in ``vendor/book.css`` (``@media print``) make a
page a handout: no sidebars, buttons or controls, charts as their drawn figure, self-check questions
numbered with their options and no answers. The student book holds no model answers. Each page
carries the chapter's title and page numbers in its footer, and the chapter's address once the book
has one (``html: baseurl:`` in ``_config.yml``).
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from japan_nato.browser import launch, serve, settle

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = [p.stem for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))][1:]  # 01-10
#: How long a page may take to load and draw (ms); generous, so a slow machine is slow, not broken.
WAIT = 120_000


def baseurl() -> str:
    """The book's public address from ``_config.yml`` (``html: baseurl:``), or "" while it has none."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str((config.get("html") or {}).get("baseurl") or "").rstrip("/")


def footer(title: str, address: str) -> str:
    """Chromium's footer template: the chapter, its address (if any), page N of M."""
    where = f" · {html.escape(address)}" if address else ""
    return (
        '<div style="font-size:8px; width:100%; padding:0 12mm; display:flex; '
        'justify-content:space-between; color:#333;">'
        f"<span>{html.escape(title)}{where}</span>"
        '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
        "</div>"
    )


def print_page(page, url: str, target: Path, address: str) -> None:
    """Load one chapter page, wait until its charts and self-checks are drawn, print it."""
    page.goto(url, wait_until="load", timeout=WAIT)
    settle(page, timeout=WAIT)
    page.emulate_media(media="print")
    title = page.locator("main h1").first.inner_text().replace("#", "").strip()
    page.pdf(
        path=str(target),
        format="A4",
        print_background=True,
        margin={"top": "15mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=footer(title, address),
    )


def print_handouts(
    html_folder: Path, dest: Path, chapters: list[str] | None = None, browser=None
) -> list[Path]:
    """One PDF per chapter of the built book in ``html_folder``, written to ``dest``. ``browser``:
    a playwright Browser already running (one per process), else one is started."""
    if browser is None:
        with launch() as started:
            return print_handouts(html_folder, dest, chapters, started)
    dest.mkdir(parents=True, exist_ok=True)
    address = baseurl()
    written = []
    with serve(html_folder) as site:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        for chapter in chapters or CHAPTERS:
            target = dest / f"{chapter}.pdf"
            where = f"{address}/notebooks/{chapter}.html" if address else ""
            print_page(page, f"{site}/notebooks/{chapter}.html", target, where)
            written.append(target)
            print(f"printed {target}", flush=True)
        page.close()
    return written
