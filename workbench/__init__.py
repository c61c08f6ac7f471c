"""The workbench: data access and analysis helpers for pharmaceutical field-sales CRM.

>>> import workbench
>>> db = workbench.connect()          # the embedded SQLite database, created on first use
>>> db = workbench.connect("postgresql://postgres@127.0.0.1:5432/crm")  # doctest: +SKIP
>>> c = workbench.cut(db)              # a Parquet snapshot, queried with DuckDB  # doctest: +SKIP
>>> c.sql("SELECT count(*) FROM call")  # doctest: +SKIP
"""

from typing import TYPE_CHECKING, Any

from workbench._version import __version__
from workbench.config import Settings
from workbench.errors import (
    AnalysisError,
    BundleRefused,
    ConfigError,
    DataError,
    FileUnusable,
    ForeignStore,
    InvalidEntry,
    MissingEntry,
    NotPermitted,
    RuleViolation,
    StoreError,
    StoreLocked,
    StoreNotEmpty,
    StoreRefused,
    StoreUnavailable,
    Unsupported,
    WorkbenchError,
)

__all__ = [
    "AnalysisError",
    "BundleRefused",
    "ConfigError",
    "Cut",
    "DataError",
    "Database",
    "FileUnusable",
    "ForeignStore",
    "InvalidEntry",
    "MissingEntry",
    "NotPermitted",
    "RuleViolation",
    "Settings",
    "StoreError",
    "StoreLocked",
    "StoreNotEmpty",
    "StoreRefused",
    "StoreUnavailable",
    "Unsupported",
    "WorkbenchError",
    "__version__",
    "connect",
    "cut",
    "latest_cut",
    "list_cuts",
    "open_cut",
]

if TYPE_CHECKING:
    from workbench.cuts import Cut, cut, latest_cut, list_cuts, open_cut
    from workbench.db.engine import Database, connect

#: names imported on first use, each from its module: the database brings SQLAlchemy and
#: Alembic, cuts bring DuckDB and Arrow, slow to load and not needed by every page
_LAZY = {
    **dict.fromkeys(["Cut", "cut", "latest_cut", "list_cuts", "open_cut"], "workbench.cuts"),
    **dict.fromkeys(["Database", "connect"], "workbench.db.engine"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")
