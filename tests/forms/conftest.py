"""The forms work on the same camp world per backend as the entry rules beneath them."""

from tests.entry.conftest import store

__all__ = ["store"]
