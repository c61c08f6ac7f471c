"""An app's frame at once, the app itself as soon as it is built.

Voila shows a page only once its notebook has run. An app imports pandas, SQLAlchemy, DuckDB
and Altair and reads the database before its first widget exists, which keeps a manager in
front of a blank page for seconds, and longer on a server just started, whose kernels all
start together. :func:`show` returns the app's frame at once (its title and a line saying it
is opening), imports the app in a background thread, and builds it on the kernel's own event
loop, where the widgets' messages are handled: the frame takes the app's place when it is
ready, or says what went wrong and what to do.

>>> frame = show("home", Settings(lang="en"))  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import html
import importlib
import logging
import threading
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from workbench.config import Settings
from workbench.errors import WorkbenchError
from workbench.i18n import text

__all__ = ["Frame", "show", "title_key"]

log = logging.getLogger(__name__)


def title_key(name: str) -> str:
    """The catalogue key of app ``name``'s title (``plan-review`` or ``plan_review``)."""
    name = name.replace("_", "-")
    return "app.title" if name == "home" else f"app.{name}.title"


class Frame(widgets.VBox):  # type: ignore[misc]
    """An app's place on the page: its title and a note until the app is built, then the app.

    ``app`` is the app's state once it is built (the builder's ``widget.app``), ``error`` the
    message shown if it could not be, and ``opened`` is set when either has happened.
    """

    def __init__(self, name: str, settings: Settings) -> None:
        lang = settings.lang
        self.name, self.settings = name, settings
        self.app: Any = None
        self.error: str | None = None
        self.opened = threading.Event()
        self.note = widgets.HTML(
            f"<p class='workbench-opening'>{html.escape(text('app.opening', lang))}</p>"
        )
        title = widgets.HTML(f"<h2>{html.escape(text(title_key(name), lang))}</h2>")
        super().__init__([title, self.note])
        self.add_class("workbench-frame")

    def fill(self, module: Any) -> None:
        """Build the app from its imported ``module`` and take its place (on the kernel's loop)."""
        try:
            built = module.build(self.settings)
        except WorkbenchError as error:
            self.fail(error.message(self.settings.lang))
        except Exception:  # the page must say something; the server's log has the rest
            log.exception("the app %s could not be built", self.name)
            self.fail(text("app.failed", self.settings.lang))
        else:
            self.app = getattr(built, "app", None)
            self.children = (built,)
            self.opened.set()

    def fail(self, message: str) -> None:
        """Say on the page that the app could not be opened, and why."""
        self.error = message
        lang = self.settings.lang
        self.note.value = (
            f"<p class='workbench-error'>{html.escape(text('app.not_opened', lang))}<br>"
            f"{html.escape(message)}</p>"
        )
        self.opened.set()


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def show(
    name: str,
    settings: Settings,
    *,
    loop: asyncio.AbstractEventLoop | None = None,
) -> Frame:
    """The frame of app ``name`` (``plan_review`` or ``plan-review``), filled when the app is built.

    The app's module is imported in a thread; the app is built, or the failure shown, on
    ``loop`` (by default the loop running this call, the kernel's), so widgets only ever
    change where their messages are handled. Where no loop runs, that happens in the thread
    that imported the module.
    """
    frame = Frame(name, settings)
    target = loop if loop is not None else _running_loop()
    module_name = f"workbench.apps.{name.replace('-', '_')}"

    def on_loop(step: Callable[..., None], *args: object) -> None:
        if target is None or target.is_closed():
            step(*args)
        else:
            target.call_soon_threadsafe(step, *args)

    def open_app() -> None:
        try:
            module = importlib.import_module(module_name)
        except Exception:
            log.exception("the app %s could not be imported", name)
            on_loop(frame.fail, text("app.failed", settings.lang))
            return
        on_loop(frame.fill, module)

    threading.Thread(target=open_app, name=f"open-{name}", daemon=True).start()
    return frame
