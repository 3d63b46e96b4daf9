"""One place finds the browser: an explicit path wins, a missing one is reported, never guessed."""

from __future__ import annotations

from japan_nato import browser


def test_the_environment_variable_names_the_browser(tmp_path, monkeypatch):
    chrome = tmp_path / "chrome"
    chrome.write_text("#!/bin/sh\n")
    monkeypatch.setenv("JAPAN_NATO_BROWSER", str(chrome))
    assert browser.find_browser() == chrome


def test_a_named_browser_that_does_not_exist_is_not_replaced_by_another(tmp_path, monkeypatch):
    monkeypatch.setenv("JAPAN_NATO_BROWSER", str(tmp_path / "nowhere"))
    assert browser.find_browser() is None


def test_without_a_browser_the_message_names_the_install_command(monkeypatch):
    monkeypatch.delenv("JAPAN_NATO_BROWSER", raising=False)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(browser, "KNOWN_PATHS", ())
    assert browser.find_browser() is None
    assert "apt-get install chromium" in browser.INSTALL_HINT
