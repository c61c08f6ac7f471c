"""An app's frame paints at once; the app takes its place when built, on the kernel's loop."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import sys
import threading
import types
from pathlib import Path

import ipywidgets as widgets
import pytest

from workbench import Settings
from workbench.apps.opening import Frame, show, title_key
from workbench.errors import StoreUnavailable
from workbench.i18n import text
from workbench.resources import APPS, apps_dir


class SlowApp:
    """A stand-in app module whose ``build`` waits until the test lets it go on."""

    def __init__(self, fails: Exception | None = None) -> None:
        self.go_on = threading.Event()
        self.built_in: threading.Thread | None = None
        self.fails = fails
        self.widget = widgets.VBox([widgets.HTML("the app itself")])
        self.widget.app = "state"

    def build(self, settings: Settings) -> widgets.VBox:
        assert self.go_on.wait(10)
        self.built_in = threading.current_thread()
        if self.fails is not None:
            raise self.fails
        return self.widget


def _standing_in(monkeypatch: pytest.MonkeyPatch, app: SlowApp) -> None:
    module = types.ModuleType("workbench.apps.plan_review")
    module.build = app.build  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workbench.apps.plan_review", module)


def _shown(frame: Frame) -> str:
    return html.unescape(" ".join(c.value for c in frame.children if isinstance(c, widgets.HTML)))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_frame_shows_the_title_before_the_app_is_built(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    app = SlowApp()
    _standing_in(monkeypatch, app)
    frame = show("plan-review", Settings(data_dir=tmp_path, lang=lang))
    assert text("app.plan-review.title", lang) in _shown(frame)
    assert text("app.opening", lang) in _shown(frame)
    assert not frame.opened.is_set() and frame.app is None
    app.go_on.set()
    assert frame.opened.wait(10)
    assert frame.children == (app.widget,) and frame.app == "state" and frame.error is None


def test_the_app_is_built_on_the_loop_the_frame_was_shown_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # widgets are made only where the kernel handles their messages: its loop's thread
    app = SlowApp()
    _standing_in(monkeypatch, app)

    async def page() -> Frame:
        frame = show("plan_review", Settings(data_dir=tmp_path))
        app.go_on.set()
        while not frame.opened.is_set():
            await asyncio.sleep(0.01)
        return frame

    frame = asyncio.run(page())
    assert app.built_in is threading.current_thread()
    assert frame.children == (app.widget,)


def test_an_app_that_cannot_open_says_why_in_the_pages_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = SlowApp(fails=StoreUnavailable("cannot reach the database server at 127.0.0.1:5432"))
    _standing_in(monkeypatch, app)
    frame = show("plan-review", Settings(data_dir=tmp_path, lang="en"))
    app.go_on.set()
    assert frame.opened.wait(10)
    assert frame.app is None and frame.error is not None
    assert "could not be opened" in _shown(frame) and "127.0.0.1:5432" in _shown(frame)
    assert text("app.opening", "en") not in _shown(frame)


def test_an_unexpected_failure_is_logged_and_the_page_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = SlowApp(fails=KeyError("column"))
    _standing_in(monkeypatch, app)
    with caplog.at_level(logging.ERROR, logger="workbench.apps.opening"):
        frame = show("plan-review", Settings(data_dir=tmp_path, lang="zh"))
        app.go_on.set()
        assert frame.opened.wait(10)
    assert text("app.failed", "zh") in _shown(frame)
    assert "KeyError" in caplog.text


def test_an_app_that_cannot_be_imported_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "workbench.apps.plan_review", None)
    with caplog.at_level(logging.ERROR, logger="workbench.apps.opening"):
        frame = show("plan-review", Settings(data_dir=tmp_path, lang="en"))
        assert frame.opened.wait(10)
    assert frame.app is None and text("app.failed", "en") in _shown(frame)
    assert "could not be imported" in caplog.text


def test_the_real_home_app_opens_in_its_frame(tmp_path: Path) -> None:
    frame = show("home", Settings(data_dir=tmp_path, lang="en"))
    assert frame.opened.wait(60)
    assert frame.error is None
    (home,) = frame.children
    assert "no calls yet" in home.children[1].value


@pytest.mark.parametrize("name", list(APPS))
def test_every_app_notebook_opens_its_own_app_through_a_titled_frame(name: str) -> None:
    notebook = json.loads((apps_dir() / APPS[name]).read_text(encoding="utf-8"))
    stem = APPS[name].removesuffix(".ipynb")
    assert notebook["cells"][-1]["source"] == f'show("{stem}", settings)'
    for lang in ("zh", "en"):
        assert text(title_key(name), lang) != title_key(name)


def test_a_failed_import_is_shown_on_the_loop_the_frame_was_shown_from(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "workbench.apps.plan_review", None)
    shown_in: list[threading.Thread] = []
    real = Frame.fail

    def fail(self: Frame, message: str) -> None:
        shown_in.append(threading.current_thread())
        real(self, message)

    monkeypatch.setattr(Frame, "fail", fail)

    async def page() -> Frame:
        frame = show("plan-review", Settings(data_dir=tmp_path, lang="en"))
        while not frame.opened.is_set():
            await asyncio.sleep(0.01)
        return frame

    frame = asyncio.run(page())
    assert shown_in == [threading.current_thread()]
    assert frame.error is not None


def test_the_frame_uses_only_characters_the_pages_fonts_have(tmp_path: Path) -> None:
    # a camp laptop may have only a CJK font: nothing outside the Basic Multilingual Plane,
    # no emoji-only symbols (the hourglass drew as a box)
    frame = Frame("home", Settings(data_dir=tmp_path, lang="zh"))
    page = _shown(frame)
    assert all(ord(c) < 0x2300 or 0x3000 <= ord(c) < 0xFFFF for c in page), page
