"""The command line in the terminal's language: every command's help, its options', the headings.

The help written beside each command and option is the English; the catalogue
(``workbench/locale``) holds both languages under the command's path, so
:func:`speak` can put either in place before the command line is read.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click
import click.core
import click.decorators
import click.exceptions
import click.parser
import click.types

from workbench.i18n import MESSAGES, text

__all__ = ["HELP_OPTION_NAMES", "WRITTEN", "Context", "Formatter", "commands", "help_key", "speak"]

HELP_OPTION_NAMES = ["-h", "--help"]

#: click's own headings, by the words click passes in
_HEADINGS = {
    "Options": "cli.heading.options",
    "Commands": "cli.heading.commands",
    "Arguments": "cli.heading.arguments",
}


#: click's notes after an option's help, by their English start
_NOTES = (("default: ", "cli.note.default"), ("required", "cli.note.required"))


class Formatter(click.HelpFormatter):
    """Click's help formatter, with its headings in :attr:`lang`."""

    lang = "en"

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, its prefix in :attr:`lang`."""
        super().write_usage(prog, args, text("cli.heading.usage", self.lang))

    def write_heading(self, heading: str) -> None:
        """A heading, ended by the colon of :attr:`lang`."""
        colon = "：" if self.lang == "zh" else ":"
        self.write(f"{'':>{self.current_indent}}{heading}{colon}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """The options or commands, with click's notes (``[default: …]``) in :attr:`lang`."""
        notes = [(f"[{english}", f"[{text(key, self.lang)}") for english, key in _NOTES]
        said = []
        for term, definition in rows:
            for english, spoken in notes:
                definition = definition.replace(english, spoken)
            said.append((term, definition))
        super().write_dl(said, col_max, col_spacing)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        """A section of the help, its heading in :attr:`lang`."""
        key = _HEADINGS.get(name)
        with super().section(text(key, self.lang) if key else name):
            yield


class Context(click.Context):
    """Click's context, formatting help with :class:`Formatter`."""

    formatter_class = Formatter


def commands(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command`` (itself first) with its path of names."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from commands(sub, (*path, name))


def help_key(path: tuple[str, ...], option: str | None = None) -> str:
    """The catalogue key of a command's help, or of one of its options' help.

    An option's own key (``cli.sample.seed``) wins over the one shared by every command
    (``cli.option.database``).
    """
    command = "cli." + (".".join(path) or "main")
    if option is None:
        return command
    own = f"{command}.{option}"
    return own if own in MESSAGES else f"cli.option.{option}"


#: the English help written beside each command and option, by catalogue key, as it was
#: before the first :func:`speak` replaced it (``tests/test_cli_language.py`` compares them)
WRITTEN: dict[str, str] = {}


def _plain(help_text: str | None) -> str:
    """The help's paragraphs, each on one line: how the catalogue writes them."""
    paragraphs = inspect.cleandoc(help_text or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


#: click's modules that say its usage errors (``No such option``) through gettext's ``_``
_CLICK_SAYS = (click.core, click.exceptions, click.types, click.parser, click.decorators)


def _click_words(lang: str) -> dict[str, str]:
    """Click's own English (its usage errors), by what it reads in ``lang``: ``click.*``."""
    return {e["en"]: e.get(lang, e["en"]) for k, e in MESSAGES.items() if k.startswith("click.")}


def _click_speaks(lang: str) -> None:
    """Have click say its usage errors in ``lang``; words the catalogue lacks stay English."""
    words = _click_words(lang)

    def said(message: str) -> str:
        return words.get(message, message)

    def said_of(singular: str, plural: str, n: int) -> str:
        return said(singular if n == 1 else plural)

    for module in _CLICK_SAYS:
        setattr(module, "_", said)  # noqa: B010 (click's modules bind gettext's ``_``)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", said_of)  # noqa: B010


def speak(main: click.Command, lang: str) -> None:
    """Give ``main`` and its commands their help, the headings and click's errors in ``lang``."""
    Formatter.lang = lang
    _click_speaks(lang)
    for path, command in commands(main):
        command.context_class = Context
        WRITTEN.setdefault(help_key(path), _plain(command.help))
        command.help = text(help_key(path), lang)
        command.short_help = None
        help_option = command.get_help_option(Context(command, help_option_names=HELP_OPTION_NAMES))
        if help_option is not None:
            help_option.help = text("cli.option.help", lang)
        for param in command.params:
            if isinstance(param, click.Option) and param.help is not None:
                WRITTEN.setdefault(help_key(path, param.name or ""), _plain(param.help))
                param.help = text(help_key(path, param.name or ""), lang)
