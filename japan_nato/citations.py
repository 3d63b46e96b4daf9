"""Citations that read the same in the book and in JupyterLab, generated from ``references.bib``.

JupyterLab's MyST renderer (jupyterlab-myst) cannot read a ``.bib`` file, so a ``{cite:p}`` role shows
there as a bare key marked "Citation Not Found". The chapters therefore cite with a plain Markdown link
to the entry's key, ``[or-Rashid, 2024](#orrashid2024 "the full reference")``:

- in the book, MyST resolves ``#orrashid2024`` to the entry on the bibliography page, which
  sphinxcontrib-bibtex still generates from ``references.bib``;
- in JupyterLab the link text is the author-year citation, and hovering shows the full reference.

The link text and title are not written by hand: ``python -m japan_nato.pages`` (re)writes every such
link from ``references.bib`` (author-year from the entry's names and year; the title formatted by
pybtex's ``plain`` style, the one the bibliography page uses), and a test fails while a notebook is
stale or still holds a ``{cite}`` role. A link whose text is "Name (Year)" cites in running text
(the old ``{cite:t}``); "Name, Year" in brackets cites in parentheses (``{cite:p}``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIB = ROOT / "references.bib"

#: ``{cite:p}`a,b``` or ``{cite:t}`a```, as the chapters used to write them.
ROLE = re.compile(r"\{cite:(?P<kind>[pt])\}`(?P<keys>[^`]+)`")


@lru_cache(maxsize=1)
def _entries() -> dict:
    from pybtex.database import parse_file

    return dict(parse_file(str(BIB), bib_format="bibtex").entries)


def keys() -> set[str]:
    """Every key in references.bib."""
    return set(_entries())


@cache
def _text(latex: str) -> str:
    from pybtex.backends.plaintext import Backend
    from pybtex.richtext import Text

    return Text.from_latex(latex).render(Backend())


@cache
def author_year(key: str) -> tuple[str, str]:
    """("or-Rashid", "2024"): surnames (two joined by "and", three or more as "et al.") and year."""
    entry = _entries()[key]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [_text(" ".join(p.prelast_names + p.last_names)) for p in people]
    if len(names) >= 3:
        who = f"{names[0]} et al."
    else:
        who = " and ".join(names) or _text(entry.fields.get("title", key))
    return who, entry.fields.get("year", "n.d.")


@lru_cache(maxsize=1)
def _full_references() -> dict[str, str]:
    """Every entry as the bibliography page prints it (pybtex's plain style), one line of text each.
    Formatted in one pass: pybtex looks its plugins up anew on every call, which is slow."""
    from pybtex.backends.plaintext import Backend
    from pybtex.style.formatting.plain import Style

    backend = Backend()
    return {
        entry.key: " ".join(entry.text.render(backend).split())
        for entry in Style().format_entries(_entries().values())
    }


def full_reference(key: str) -> str:
    """The entry ``key`` as the bibliography page prints it, as one line of text."""
    return _full_references()[key]


def link(key: str, textual: bool) -> str:
    """One citation link: text "Name, Year" (parenthetical) or "Name (Year)" (textual)."""
    who, year = author_year(key)
    text = f"{who} ({year})" if textual else f"{who}, {year}"
    title = full_reference(key).replace('"', "'")
    return f'[{text}](#{key} "{title}")'


def _from_role(match: re.Match) -> str:
    names = [k.strip() for k in match["keys"].split(",")]
    if match["kind"] == "t":
        return ", ".join(link(k, textual=True) for k in names)
    return "(" + "; ".join(link(k, textual=False) for k in names) + ")"


@lru_cache(maxsize=1)
def _link_pattern() -> re.Pattern:
    known = "|".join(sorted((re.escape(k) for k in keys()), key=len, reverse=True))
    return re.compile(rf'\[(?P<text>[^\]]*)\]\(#(?P<key>{known})(?: "[^"]*")?\)')


def refresh(markdown: str) -> str:
    """``markdown`` with every ``{cite}`` role turned into links and every citation link's text and
    title rewritten from references.bib. Other links are left alone."""
    markdown = ROLE.sub(_from_role, markdown)
    return _link_pattern().sub(
        lambda m: link(m["key"], textual=m["text"].rstrip().endswith(")")), markdown
    )


def without_citations(markdown: str) -> str:
    """``markdown`` with its citation links removed (what the text says in its own words)."""
    return _link_pattern().sub("", markdown)


def cited(markdown: str) -> list[str]:
    """The keys a text cites through citation links, in order."""
    return [m["key"] for m in _link_pattern().finditer(markdown)]
