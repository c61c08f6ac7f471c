"""Data access: the models, the database handle, bulk loading and export."""

# the gradebook's, the identity's and the steward's tables join the models' metadata
# with the data layer
from workbench.db import gradebook as gradebook
from workbench.db import identity as identity
from workbench.db import stewardship as stewardship
from workbench.db.engine import Database, connect

__all__ = ["Database", "connect"]
