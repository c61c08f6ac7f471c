"""Widgets every screen shares (apps, entry forms, the exercise card).

>>> switch = language_switch("en")
>>> switch.value, [label for label, _ in switch.options]
('en', ['中文', 'English'])
"""

from __future__ import annotations

import ipywidgets as widgets

from workbench.config import LANGS

__all__ = ["LANGUAGE_NAMES", "language_switch"]

#: How each language names itself on the switch.
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


def language_switch(lang: str) -> widgets.ToggleButtons:
    """The 中文 / English switch: its ``value`` is ``"zh"`` or ``"en"``, starting at ``lang``.

    A screen observes its ``value`` and relabels everything it shows.
    """
    return widgets.ToggleButtons(
        options=[(LANGUAGE_NAMES[code], code) for code in LANGS],
        value=lang,
        layout=widgets.Layout(width="auto"),
    )
