"""What an app shows, as text, and the check that it is all in one language.

``shown(widget)`` walks a widget tree and returns every word a user sees: HTML and labels,
descriptions, placeholders, button and option labels. ``assert_one_language(widget, lang,
messages)`` fails on any message of ``messages`` shown in the other language, and (in English)
on any Chinese character outside the data a page names (``allowed``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

import ipywidgets as widgets

from workbench.i18n import MESSAGES

__all__ = ["OWN", "assert_one_language", "assert_text_in_one_language", "shown"]

#: each app's own messages: its title and purpose, and the keys of its screen
OWN = {
    app: {k: v for k, v in MESSAGES.items() if k.startswith((f"app.{app}.", *prefixes))}
    for app, prefixes in {
        "plan-review": (
            "review.",
            "plan.",
            "entry.not_for_review",
            "entry.not_a_manager",
            "entry.other_region",
        ),
        "key-accounts": ("accounts.",),
        "data-quality": ("quality.",),
        "site-reporting": ("sites.",),
    }.items()
}

_TAG = re.compile(r"<[^>]+>")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _options(widget: widgets.Widget) -> Iterable[str]:
    for option in getattr(widget, "options", ()) or ():
        yield str(option[0] if isinstance(option, tuple) else option)


def shown(widget: widgets.Widget) -> list[str]:
    """Every text the widget tree shows, tags stripped."""
    found: list[str] = []
    if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label):
        found.append(html.unescape(_TAG.sub(" ", widget.value)))
    for attribute in ("description", "placeholder", "tooltip"):
        value = getattr(widget, attribute, None)
        if isinstance(value, str) and value:
            found.append(value)
    if not isinstance(widget, widgets.ToggleButtons):  # the language switch names both
        found.extend(_options(widget))
    for child in getattr(widget, "children", ()) or ():
        found.extend(shown(child))
    return found


def assert_text_in_one_language(
    page: str,
    lang: str,
    messages: Mapping[str, Mapping[str, str]],
    *,
    allowed: Iterable[str] | None = (),
) -> None:
    """Fail if ``page`` holds a message of ``messages`` in the other language.

    In English, Chinese characters are allowed only inside the strings of ``allowed`` (names
    of people, hospitals and places stored in Chinese); ``allowed=None`` skips that check.
    """
    other = "en" if lang == "zh" else "zh"
    for key, entry in messages.items():
        theirs, ours = entry[other], entry[lang]
        for piece in re.split(r"\{[^}]*\}", theirs):  # the words around the placeholders
            piece = piece.strip(" :：,，.。()（）")
            if len(piece) >= 4 and piece not in ours and piece in page:
                raise AssertionError(f"{key}: {piece!r} shown in {lang} mode")
    if lang == "en" and allowed is not None:
        names = set(allowed)
        stray = [h for h in _HAN.findall(page) if not any(h in n for n in names)]
        assert not stray, f"Chinese shown in English mode: {stray[:10]}"


def assert_one_language(
    widget: widgets.Widget,
    lang: str,
    messages: Mapping[str, Mapping[str, str]],
    *,
    allowed: Iterable[str] = (),
) -> None:
    """Fail if ``widget`` shows a message of ``messages`` in the other language.

    In English, Chinese characters are allowed only inside the strings of ``allowed`` (names
    of people, hospitals and places stored in Chinese).
    """
    assert_text_in_one_language("\n".join(shown(widget)), lang, messages, allowed=allowed)
