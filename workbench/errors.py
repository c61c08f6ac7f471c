"""Every exception the workbench raises on purpose.

::

    WorkbenchError                 the root: catch this to catch them all
    ├── ConfigError                a setting, URL, option or argument is malformed
    ├── Unsupported                a form or exercise does not offer what was asked of it
    ├── FileUnusable               a file or folder the workbench reads or writes cannot be used
    ├── StoreError                 the database cannot be used as asked
    │   ├── StoreUnavailable       the server cannot be reached, or the database does not exist
    │   ├── StoreLocked            another program holds a lock on the database
    │   ├── StoreRefused           no permission, a read-only database, or a full disk
    │   ├── ForeignStore           not a workbench database, or a newer schema than this version
    │   └── StoreNotEmpty          a sample world would overwrite data (use replace=True)
    ├── DataError                  what was given or asked for does not fit the data
    │   ├── InvalidEntry           an entry failed validation; ``.problems`` lists every problem
    │   ├── MissingEntry           a row, exercise, kind or table referred to does not exist
    │   ├── RuleViolation          the data breaks a rule the database keeps (unique, foreign key)
    │   └── BundleRefused          a camp bundle is damaged, edited or of another camp
    ├── AnalysisError              an analysis cannot run on the data given
    └── NotPermitted               the viewer may not see or write that (workbench.access)

Only the leaves are raised; ``WorkbenchError``, ``StoreError`` and ``DataError`` are there to
be caught. Every message is one line a newcomer can act on: it says what is wrong and what
to do, in both languages. A leaf is raised with the catalogue key of its message and the
values the message names; ``str(error)`` is the English text and ``error.message(lang)``
the text in ``lang``:

>>> error = ConfigError(key="error.config.lang", value="fr", choices="zh, en")
>>> print(error.message("zh"))
不支持语言 'fr'：请选择 zh, en 之一
>>> str(error) == error.message("en")
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AnalysisError",
    "BundleRefused",
    "ConfigError",
    "DataError",
    "FileUnusable",
    "ForeignStore",
    "InvalidEntry",
    "MissingEntry",
    "NotPermitted",
    "RuleViolation",
    "StoreError",
    "StoreLocked",
    "StoreNotEmpty",
    "StoreRefused",
    "StoreUnavailable",
    "Unsupported",
    "WorkbenchError",
]


class WorkbenchError(Exception):
    """Root of the workbench's exceptions.

    Parameters
    ----------
    message
        The English text, for an error whose words come from elsewhere (a driver's message).
        Leave it out and give ``key`` instead.
    key
        The catalogue key of the message (``error.…``), shown in the reader's language.
    **values
        What the message names, filled into its ``{placeholders}``.
    """

    def __init__(self, message: str = "", /, *, key: str | None = None, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(message if key is None else self.message("en"))

    def message(self, lang: str) -> str:
        """The message in ``lang`` ("zh" or "en")."""
        if self.key is None:
            return str(self)
        from workbench.i18n import text  # the catalogue imports nothing of the package

        return text(self.key, lang, **self.values)


class ConfigError(WorkbenchError):
    """A setting, environment variable, database URL, option or argument is malformed."""


class Unsupported(WorkbenchError):
    """A form or exercise does not offer what was asked of it."""


class FileUnusable(WorkbenchError):
    """A file or folder the workbench reads or writes is missing, the wrong kind, or unwritable."""


class StoreError(WorkbenchError):
    """The database cannot be used as asked."""


class StoreUnavailable(StoreError):
    """The database server cannot be reached, or the database does not exist."""


class StoreLocked(StoreError):
    """Another program holds a lock on the database."""


class StoreRefused(StoreError):
    """The database refused the operation: no permission, a read-only database, or a full disk."""


class ForeignStore(StoreError):
    """The database is not a workbench database, or its schema is newer than this version."""


class StoreNotEmpty(StoreError):
    """A sample world would overwrite existing data."""


class DataError(WorkbenchError):
    """What was given or asked for does not fit the data."""


class InvalidEntry(DataError):
    """An entry failed validation; nothing was written.

    ``problems`` holds every problem found, each with ``field``, ``code`` and ``message(lang)``.
    """

    def __init__(self, problems: Sequence[Any], message: str | None = None) -> None:
        self.problems = list(problems)
        if message is None:
            fields = ", ".join(sorted({str(getattr(p, "field", "?")) for p in self.problems}))
            message = f"{len(self.problems)} problem(s) in the entry: {fields}"
        super().__init__(message)

    def message(self, lang: str) -> str:
        """Every problem, on one line, in ``lang``."""
        said = [p.message(lang) for p in self.problems if hasattr(p, "message")]
        return ("；" if lang == "zh" else "; ").join(said) or str(self)


class MissingEntry(DataError):
    """A row, exercise, entry kind or table that was referred to does not exist."""


class RuleViolation(DataError):
    """The data breaks a rule the database keeps: a unique value, a foreign key, a check."""


class BundleRefused(DataError):
    """A camp bundle is damaged, edited or of another camp; nothing was imported."""


class AnalysisError(WorkbenchError):
    """An analysis cannot run on the data given."""


class NotPermitted(WorkbenchError):
    """The viewer may not see or write what was asked (see :mod:`workbench.access`)."""
