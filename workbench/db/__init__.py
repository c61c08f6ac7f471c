"""Data access: the models, the database handle, bulk loading and export."""

from workbench.db.engine import Database, connect

__all__ = ["Database", "connect"]
