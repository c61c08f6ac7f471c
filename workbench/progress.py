"""Progress bars for the long steps (sample, cut, export, camp creation), where someone watches.

A bar shows in a terminal (on stderr) and in a notebook (tqdm's notebook bar), and says what
the step is doing; it stays quiet in a pipe or a test. The apps ask for none: a Voila page's
screen is the app's own.

>>> with bar(3, "cutting", unit="rows", show=False) as b:
...     b.update(3)
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["bar", "watched"]


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    ipython = shell.get_ipython()
    return ipython is not None and type(ipython).__name__ == "ZMQInteractiveShell"


def watched() -> bool:
    """Whether someone watches this process: a terminal on stderr, or a notebook."""
    if _in_notebook():
        return True
    return sys.stderr is not None and sys.stderr.isatty()


def bar(total: int | None, what: str, *, unit: str = "rows", show: bool | None = None) -> Any:
    """A progress bar of ``total`` ``unit`` labelled ``what``: a context manager with ``update(n)``.

    ``show`` None shows it where someone watches (:func:`watched`); False never does.
    """
    if show is None:
        show = watched()
    if show and _in_notebook():
        from tqdm.notebook import tqdm
    else:
        from tqdm import tqdm
    return tqdm(
        total=total,
        desc=what,
        unit=unit,
        unit_scale=True,
        disable=not show,
        file=sys.stderr,
        leave=True,
        dynamic_ncols=True,
    )
