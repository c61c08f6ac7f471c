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
    └── AnalysisError              an analysis cannot run on the data given

Only the leaves are raised; ``WorkbenchError``, ``StoreError`` and ``DataError`` are there to
be caught. Every message is one line a newcomer can act on: it says what is wrong and what
to do.
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
    """Root of the workbench's exceptions."""


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


class MissingEntry(DataError):
    """A row, exercise, entry kind or table that was referred to does not exist."""


class RuleViolation(DataError):
    """The data breaks a rule the database keeps: a unique value, a foreign key, a check."""


class BundleRefused(DataError):
    """A camp bundle is damaged, edited or of another camp; nothing was imported."""


class AnalysisError(WorkbenchError):
    """An analysis cannot run on the data given."""
