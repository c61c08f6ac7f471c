"""The ``workbench`` command's entry point: Ctrl-C at any moment is one line, never a traceback.

The command line imports SQLAlchemy, pandas and the rest before a command runs; Ctrl-C
while they load would print Python's traceback. :func:`run` says it the way a command
stopped by Ctrl-C says it (:func:`interrupted`), with the exit code shells give it. This
module imports nothing of the package until it has to speak, so that is quick.
"""

from __future__ import annotations

import sys
from typing import NoReturn

__all__ = ["INTERRUPTED", "interrupted", "run"]

#: the exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells give it
INTERRUPTED = 130


def interrupted(key: str = "cli.interrupted") -> NoReturn:
    """Say in one line that Ctrl-C stopped the command (``key`` says what it left) and exit."""
    from workbench.config import terminal_lang
    from workbench.i18n import text

    sys.stderr.write(f"\n{text(key, terminal_lang())}\n")  # past the ^C the terminal echoed
    sys.exit(INTERRUPTED)


def run() -> None:
    """Run the command line; an interrupt before a command starts ends it the same way."""
    try:
        from workbench.cli import main

        main()  # a command's own interrupt is said inside it (``friendly``)
    except KeyboardInterrupt:
        interrupted()
