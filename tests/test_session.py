"""JupyterLab as a reader meets it: the chapters in a real browser (Chromium), JupyterLab on 127.0.0.1
with the environment's own settings (jupyter-config/) and a fresh user folder.

Before anything runs, every chapter must read as in the book: MyST rendered (no ``:::{`` fences, no
``{cite:`` or ``{term}`` roles, no "Citation Not Found"), no news prompt, each model answer folded
under its "Solution" control until clicked. Then chapters run: Run All gives no error output, a
self-check question answers a click, and a click on the timeline chart's slider redraws the chart
to exactly the events the Python filter returns. The student
edition shows no model answer at all. The notebooks are copies in a temporary folder, so JupyterLab's
autosave never touches the repository. Screenshots go to ``_build/screenshots/``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import nbformat
import pytest

from japan_nato.editions import write_student_notebooks
from tests.conftest import ROOT, SCREENSHOTS, WAIT

CHAPTERS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
RAW = (":::{", "{cite:", "{term}", "Citation Not Found", "{solution}", "{exercise}")
# Rendered Markdown only: a Markdown cell also holds its (hidden) source editor.
# Only in the notebook on screen: JupyterLab may keep other notebooks open in hidden tabs.
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
RENDERED = f"{PANEL} .jp-MarkdownCell .myst"
SOLUTION = f"{PANEL} details:has(> summary:has-text('Solution to'))"


class Lab(NamedTuple):
    url: str  # where JupyterLab listens
    work: Path  # the folder it serves: notebooks/ and the student edition in student/


def server_url(runtime: Path, process: subprocess.Popen) -> str | None:
    """The address the server reports in its runtime file once it listens (it may have had to move
    to another port than the one asked for, so the file, not the request, is the truth)."""
    info = runtime / f"jpserver-{process.pid}.json"
    if not info.exists():
        return None
    try:
        return json.loads(info.read_text(encoding="utf-8"))["url"].rstrip("/")
    except (ValueError, KeyError):  # being written
        return None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("lab")
    work = home / "work"
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    write_student_notebooks(work / "student")
    # Render every cell at once (JupyterLab otherwise renders only what is on screen), so the
    # checks below see the whole chapter; every other setting is the environment's.
    tracker = (
        home / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    )
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(home / "config"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
    )
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        "--port=8899",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={work}",
        "--expose-app-in-browser",
    ]
    log = open(home / "lab.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + WAIT / 1000
    while time.monotonic() < deadline:
        url = server_url(home / "runtime", process)
        try:
            if url:
                urllib.request.urlopen(f"{url}/api/status", timeout=5)
                break
        except OSError:
            pass
        assert process.poll() is None, (home / "lab.log").read_text()
        time.sleep(0.5)
    else:
        process.terminate()
        pytest.fail("JupyterLab did not start:\n" + (home / "lab.log").read_text()[-3000:])
    yield Lab(url, work)
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def app(browser, lab):
    """One JupyterLab page for the whole module (started once, with a fresh workspace); each test
    opens its notebook in it, as a reader opens one from the file browser."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(WAIT)
    page.goto(f"{lab.url}/lab?reset")
    page.wait_for_function("window.jupyterapp && window.jupyterapp.commands")
    page.wait_for_selector(".jp-DirListing-item")  # the file browser is up
    yield page
    page.close()


def open_notebook(app, lab: Lab, path: str, kernel: bool = False):
    """``path`` opened in JupyterLab and on screen, its Markdown rendered (and, with ``kernel``, its
    kernel started and idle). Returns the page."""
    app.evaluate("path => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", path)
    app.wait_for_function(
        "path => window.jupyterapp.shell.currentWidget?.context?.path === path", arg=path
    )
    app.wait_for_selector(f"{PANEL} .jp-Cell")
    if kernel:
        app.wait_for_function(
            """() => window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel
                     && window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus
                        === 'idle'"""
        )
    # Every Markdown cell of the file rendered by MyST (they render one after another).
    cells = nbformat.read(lab.work / path, as_version=4).cells
    expected = sum(c.cell_type == "markdown" for c in cells)
    app.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length >= n", arg=[RENDERED, expected]
    )
    app.locator(f"{RENDERED} h1").first.wait_for()  # the chapter's title, rendered
    return app


def close(page) -> None:
    """Close the notebook on screen without saving, and shut every kernel down."""
    page.evaluate(
        """async () => {
            const widget = window.jupyterapp.shell.currentWidget;
            widget.context.model.dirty = false;
            widget.dispose();
            await window.jupyterapp.serviceManager.sessions.shutdownAll();
        }"""
    )


def run_all(page) -> int:
    """Run every cell; returns the number of error outputs once every code cell has run."""
    # The command's promise settles once every cell has run (JupyterLab's NotebookActions.runAll);
    # then the kernel must be idle and every code cell must show an execution count.
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = [...panel.content.model.cells].filter(c => c.type === 'code');
            return cells.length > 0 && cells.every(c => c.executionCount !== null)
                && panel.sessionContext.kernelDisplayStatus === 'idle';
        }""",
        timeout=3 * WAIT,
    )
    return page.locator(f'{PANEL} [data-mime-type="application/vnd.jupyter.error"]').count()


class Unrun(NamedTuple):
    """What a reader meets in a chapter opened in JupyterLab before anything runs."""

    shown: str  # the rendered Markdown's text
    news: int  # how many times the news prompt shows
    outputs: str  # the text of the saved outputs
    folded: bool | None  # the first model answer hidden under its Solution control (None: none)
    opened: bool | None  # ... and shown once the control is clicked


@pytest.fixture(scope="module")
def unrun(app, lab):
    """``unrun(chapter)``: the chapter opened once, unrun, and what it shows recorded (two tests
    read it)."""
    seen = {}

    def unrun(chapter: str) -> Unrun:
        if chapter not in seen:
            page = open_notebook(app, lab, f"notebooks/{chapter}")
            shown = "\n".join(page.locator(RENDERED).all_inner_texts())
            news = page.get_by_text("official Jupyter news").count()
            outputs = "\n".join(page.locator(f"{PANEL} .jp-OutputArea-output").all_inner_texts())
            solutions = page.locator(SOLUTION)
            folded = opened = None
            if solutions.count():
                first = solutions.first
                first.scroll_into_view_if_needed()
                answer = first.locator("> :not(summary)").first
                folded = not first.evaluate("d => d.open") and not answer.is_visible()
                first.locator("> summary").click()
                answer.wait_for(state="visible")
                opened = first.evaluate("d => d.open")
                page.screenshot(path=str(SCREENSHOTS / f"lab_{chapter[:2]}_solution_opened.png"))
            close(page)
            seen[chapter] = Unrun(shown, news, outputs, folded, opened)
        return seen[chapter]

    return unrun


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda name: name[:2])
def test_a_chapter_reads_as_in_the_book_before_anything_runs(unrun, chapter):
    found = unrun(chapter)
    assert found.shown.strip(), f"{chapter}: no rendered Markdown"
    for raw in RAW:
        assert raw not in found.shown, f"{chapter}: {raw!r} shows in the rendered chapter"
    assert found.news == 0, f"{chapter}: the news prompt covers the chapter"
    if chapter != "00_how_to_use.ipynb":
        assert found.folded is not None, f"{chapter}: no Solution control"
        assert found.folded, (
            f"{chapter}: a model answer is visible before its Solution control is clicked"
        )
        assert found.opened, f"{chapter}: clicking Solution did not show the model answer"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda name: name[:2])
def test_an_unrun_chapter_says_what_to_do_instead_of_showing_object_reprs(unrun, chapter):
    from japan_nato.quiz import NOT_RUN

    outputs = unrun(chapter).outputs
    for repr_text in ("IPython.core.display", "VBox(children=", "<Figure size"):
        assert repr_text not in outputs, f"{chapter}: an unrun output shows {repr_text!r}"
    if chapter != "00_how_to_use.ipynb":
        assert NOT_RUN in outputs, f"{chapter}: no word on how to bring the questions to life"


# Chapters 4 and 6 are run and answered too, in the accessibility test at the end of this file.
@pytest.mark.parametrize("chapter", ["10_reading_critically.ipynb"])
def test_run_all_is_clean_and_a_self_check_answers_a_click(app, lab, chapter):
    page = open_notebook(app, lab, f"notebooks/{chapter}", kernel=True)
    errors = run_all(page)
    choice = page.locator(f"{PANEL} .MCButton").first
    choice.scroll_into_view_if_needed()
    choice.click()
    feedback = page.locator(f"{PANEL} .Feedback.correct, {PANEL} .Feedback.incorrect").first
    feedback.wait_for(state="visible")
    text = feedback.inner_text().strip()
    page.screenshot(path=str(SCREENSHOTS / f"lab_{chapter[:2]}_self_check.png"))
    close(page)
    assert errors == 0, f"{chapter}: {errors} cell(s) show an error"
    assert len(text) > 10, f"{chapter}: feedback too short: {text!r}"


def test_the_timeline_slider_changes_the_events_shown(app, lab):
    # The chapter's timeline is a Vega-Lite chart (japan_nato.charts): JupyterLab draws it itself,
    # and a click on its slider redraws it to exactly the events filter_events returns. (A mouse,
    # not the keyboard: in a notebook JupyterLab takes the arrow keys for its own shortcuts.)
    from japan_nato import load
    from japan_nato.timeline import filter_events

    page = open_notebook(app, lab, "notebooks/02_roots_1945_1989.ipynb", kernel=True)
    errors = run_all(page)
    chart = page.locator(f"{PANEL} .vega-embed").first
    chart.scroll_into_view_if_needed()
    chart.locator('[aria-roledescription="point"]').first.wait_for()  # drawn, as SVG
    slider = chart.locator("label", has_text="From year").locator("input").first
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.15, box["y"] + box["height"] / 2)
    start = int(slider.input_value())
    expected = filter_events(load("events"), years=(start, 1989))["event_id"].tolist()
    page.wait_for_function(
        """([el, n]) => el.querySelectorAll('[aria-roledescription="point"]').length === n""",
        arg=[chart.element_handle(), len(expected)],
    )
    drawn = chart.evaluate(
        """el => [...el.querySelectorAll('[aria-roledescription="point"]')]
            .map(mark => mark.getAttribute('aria-label'))"""
    )
    # The controls sit side by side, as in the book (the chart carries their style, since
    # JupyterLab loads none of the book's CSS): the timeline's eleven tick boxes take a few rows.
    rows = chart.evaluate(
        """el => new Set([...el.querySelectorAll('.vega-bind input[type=checkbox]')]
            .map(box => Math.round(box.getBoundingClientRect().top))).size"""
    )
    page.screenshot(path=str(SCREENSHOTS / "lab_02_after_slider.png"))
    close(page)
    assert errors == 0, f"{errors} cell(s) show an error"
    assert rows <= 3, f"the chart's tick boxes take {rows} rows: one per line, not side by side"
    assert start > 1945, "the click did not move the slider"
    assert sorted(drawn) == sorted(expected)


@pytest.mark.parametrize("chapter", ["04_after_9_11.ipynb", "10_reading_critically.ipynb"])
def test_the_student_edition_shows_no_model_answer(app, lab, chapter):
    page = open_notebook(app, lab, f"student/notebooks/{chapter}")
    shown = "\n".join(page.locator(RENDERED).all_inner_texts())
    exercises = page.locator(f"{PANEL} .myst-exercise").count()
    solutions = page.locator(SOLUTION).count()
    page.screenshot(path=str(SCREENSHOTS / f"lab_student_{chapter[:2]}.png"))
    close(page)
    assert solutions == 0 and "Solution to" not in shown, f"student {chapter} shows a model answer"
    assert exercises >= 2, f"student {chapter}: the exercises no longer render"
    for raw in RAW:
        assert raw not in shown, f"student {chapter}: {raw!r} shows"


# --- JupyterLab is a way in too: the chapter's own content, after Run All and before ---------------

#: The chapter's own content in the notebook on screen: rendered Markdown and outputs, not
#: JupyterLab's editors, toolbars or menus (those are JupyterLab's to audit, not the book's).
CONTENT = {
    "include": [[f"{PANEL} .jp-MarkdownOutput"], [f"{PANEL} .jp-OutputArea-output"]],
}
AUDIT = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
}
#: Text colour against the colour actually behind it (the first ancestor with an opaque
#: background, else the notebook's), as WCAG computes contrast.
CONTRAST = """el => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let node = el, back = null;
    while (node && node.nodeType === 1) {
        const c = rgb(getComputedStyle(node).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.99)) { back = c; break; }
        node = node.parentElement;
    }
    back = back || rgb(getComputedStyle(document.body).backgroundColor);
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(back)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""
THEMES = ["JupyterLab Light", "JupyterLab Dark"]


def serious(violations) -> list[str]:
    return [
        f"{rule['id']} ({rule['impact']}) at {node['target']}: {node['html'][:100]}"
        for rule in violations
        if rule["impact"] in ("serious", "critical")
        for node in rule["nodes"]
    ]


def use_theme(page, theme: str) -> None:
    """Switch JupyterLab's theme, as its Settings menu does, and wait until it is applied and its
    colours have stopped fading."""
    page.evaluate(
        "theme => window.jupyterapp.commands.execute('apputils:change-theme', {theme})", theme
    )
    page.wait_for_function(
        "theme => document.body.dataset.jpThemeName === theme", arg=theme, timeout=WAIT
    )
    page.wait_for_function(
        """() => document.getAnimations()
            .every(a => !(a instanceof CSSTransition) || a.playState !== 'running')""",
        polling="raf",
        timeout=WAIT,
    )


@pytest.mark.parametrize("chapter", ["04_after_9_11.ipynb", "06_formalising_partnership.ipynb"])
def test_after_run_all_and_an_answer_the_chapter_is_accessible_in_both_themes(app, lab, chapter):
    from axe_playwright_python.sync_playwright import Axe

    page = open_notebook(app, lab, f"notebooks/{chapter}", kernel=True)
    errors = run_all(page)
    # A self-check answered with a click, a sorting or ordering item answered by keyboard.
    page.locator(f"{PANEL} .japan-nato-self-check .MCButton").first.click()
    practice_item = page.locator(f"{PANEL} .japan-nato-practice .Quiz").first
    box = practice_item.locator("input.Input-text")
    if box.count():
        box.focus()
        page.keyboard.type("1")
        page.keyboard.press("Enter")
    else:
        practice_item.locator(".MCButton").first.click()
    feedback = page.locator(f"{PANEL} .Feedback.correct, {PANEL} .Feedback.incorrect")
    feedback.nth(1).wait_for(state="visible")
    images = page.locator(f"{PANEL} .jp-OutputArea-output img")
    shown_images = images.count()
    without_alt = images.evaluate_all(
        "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).length"
    )
    found, ratios = [], {}
    for theme in THEMES:
        use_theme(page, theme)
        found += [
            f"{theme}: {v}" for v in serious(Axe().run(page, CONTENT, AUDIT).response["violations"])
        ]
        ratios[theme] = [feedback.nth(i).evaluate(CONTRAST) for i in range(feedback.count())]
        labels = page.locator(f"{PANEL} .InpLabel")
        ratios[theme] += [labels.nth(i).evaluate(CONTRAST) for i in range(labels.count())]
        page.screenshot(path=str(SCREENSHOTS / f"lab_{chapter[:2]}_{theme.split()[-1]}.png"))
    use_theme(page, THEMES[0])
    close(page)
    assert errors == 0, f"{chapter}: {errors} cell(s) show an error"
    assert shown_images > 0 and without_alt == 0, f"{chapter}: images without a text alternative"
    assert found == [], "\n".join(found)
    for theme, values in ratios.items():
        assert len(values) >= 2 and min(values) >= 4.5, f"{chapter} ({theme}): contrast {values}"
