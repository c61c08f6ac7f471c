"""Every exception the workbench raises on purpose.

::

    WorkbenchError                 the root: catch this to catch them all
    ├── ConfigError                a setting or URL is malformed
    ├── StoreError                 the database cannot be used as asked
    │   ├── StoreUnavailable       the server cannot be reached, or the database does not exist
    │   ├── StoreLocked            another program holds a lock on the database
    │   ├── ForeignStore           not a workbench database, or a newer schema than this version
    │   └── StoreNotEmpty          a sample world would overwrite data (use replace=True)
    ├── DataError                  what was given or asked for does not fit the data
    │   ├── InvalidEntry           an entry failed validation; ``.problems`` lists every problem
    │   └── MissingEntry           a row that was referred to does not exist
    └── AnalysisError              an analysis cannot run on the data given

Every message is one line a newcomer can act on: it says what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AnalysisError",
    "ConfigError",
    "DataError",
    "ForeignStore",
    "InvalidEntry",
    "MissingEntry",
    "StoreError",
    "StoreLocked",
    "StoreNotEmpty",
    "StoreUnavailable",
    "WorkbenchError",
]


class WorkbenchError(Exception):
    """Root of the workbench's exceptions."""


class ConfigError(WorkbenchError):
    """A setting, environment variable or database URL is malformed."""


class StoreError(WorkbenchError):
    """The database cannot be used as asked."""


class StoreUnavailable(StoreError):
    """The database server cannot be reached, or the database does not exist."""


class StoreLocked(StoreError):
    """Another program holds a lock on the database."""


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
    """A row that was referred to does not exist."""


class AnalysisError(WorkbenchError):
    """An analysis cannot run on the data given."""
