"""Launch links: Binder, Colab and a JupyterHub (nbgitpuller) open a chapter live, once the book has
a public repository.

    python -m japan_nato.launch https://github.com/OWNER/REPO            # Binder and Colab
    python -m japan_nato.launch https://github.com/OWNER/REPO --hub https://hub.example.edu
    python -m japan_nato.launch --off                                     # no launch links

Without a repository, Jupyter Book's launch buttons point at its own project
(``executablebooks/jupyter-book``), so the book ships with none. This command writes the one block of
``_config.yml`` that holds the repository and the launch buttons, and the Binder badge in the README,
together, so they cannot disagree. Binder opens JupyterLab at the reader's chapter
(``urlpath=lab/tree/notebooks/...``); the JupyterHub link pulls the repository with nbgitpuller (the
hub must have it installed) and opens the same chapter.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import quote

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "_config.yml"
README = ROOT / "README.md"
START, END = "# launch:start", "# launch:end"
BADGE_START, BADGE_END = "<!-- binder-badge:start -->", "<!-- binder-badge:end -->"
FIRST_CHAPTER = "notebooks/00_how_to_use.ipynb"
BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"
GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")


def settings(repository: str | None, hub: str | None = None, branch: str = "main") -> dict:
    """The ``_config.yml`` keys for ``repository``: launch buttons and the repository button, or,
    with no repository, only what leads nowhere else (a download button)."""
    if repository is None:
        return {
            "launch_buttons": {"notebook_interface": "jupyterlab"},
            "html": {"use_repository_button": False, "use_download_button": True},
        }
    if not GITHUB.match(repository):
        raise ValueError(f"{repository!r}: give the repository as https://github.com/OWNER/REPO")
    buttons = {"notebook_interface": "jupyterlab", "binderhub_url": BINDER, "colab_url": COLAB}
    if hub:
        buttons["jupyterhub_url"] = hub.rstrip("/")
    return {
        "repository": {"url": repository.rstrip("/"), "branch": branch},
        "launch_buttons": buttons,
        "html": {"use_repository_button": True, "use_download_button": True},
    }


def config_block(repository: str | None, hub: str | None = None) -> str:
    comment = (
        "# Written by `python -m japan_nato.launch` (see its --help): the repository and the launch\n"
        "# buttons. No repository yet, so no launch links (they would lead to another project).\n"
        if repository is None
        else "# Written by `python -m japan_nato.launch` (see its --help): the repository and the launch\n"
        "# buttons (Binder and JupyterHub open JupyterLab at the chapter; Colab opens the notebook).\n"
    )
    body = yaml.safe_dump(settings(repository, hub), sort_keys=False)
    return f"{START}\n{comment}{body}{END}"


def badge(repository: str | None) -> str:
    """The README's Binder badge, opening JupyterLab at the first chapter (none without a repository)."""
    if repository is None:
        return f"{BADGE_START}\n{BADGE_END}"
    match = GITHUB.match(repository)
    url = f"{BINDER}/v2/gh/{match['owner']}/{match['repo']}/main?labpath={quote(FIRST_CHAPTER, safe='')}"
    return f"{BADGE_START}\n[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({url})\n{BADGE_END}"


def _between(text: str, start: str, end: str, new: str, where: Path) -> str:
    if start not in text or end not in text:
        raise ValueError(f"{where.name}: the markers {start!r} and {end!r} are missing")
    first, last = text.index(start), text.index(end) + len(end)
    return text[:first] + new + text[last:]


def write(repository: str | None, hub: str | None = None) -> None:
    """Set (or, with None, remove) the repository in _config.yml and the README's badge."""
    config = _between(CONFIG.read_text("utf-8"), START, END, config_block(repository, hub), CONFIG)
    readme = _between(README.read_text("utf-8"), BADGE_START, BADGE_END, badge(repository), README)
    CONFIG.write_text(config, encoding="utf-8")
    README.write_text(readme, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repository", nargs="?", help="https://github.com/OWNER/REPO")
    parser.add_argument("--hub", help="a JupyterHub with nbgitpuller, e.g. https://hub.example.edu")
    parser.add_argument("--off", action="store_true", help="remove the repository and launch links")
    args = parser.parse_args(argv)
    if args.off == bool(args.repository):
        parser.error("give a repository address, or --off")
    try:
        write(None if args.off else args.repository, args.hub)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    print("wrote the launch settings in _config.yml and the Binder badge in README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
