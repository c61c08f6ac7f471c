"""Data access: the models, the database handle, bulk loading and export."""

# the gradebook's tables join the models' metadata whenever the data layer is imported
from workbench.db import gradebook as gradebook
from workbench.db.engine import Database, connect

__all__ = ["Database", "connect"]
