"""The messages of the workbench's errors, one part per layer (keys start with ``error.``)."""

from __future__ import annotations

from workbench.i18n import errors_analysis, errors_store, errors_training

__all__ = ["MESSAGES", "PARTS"]

#: one catalogue part per layer of the package
PARTS = (errors_store, errors_analysis, errors_training)

MESSAGES: dict[str, dict[str, str]] = {k: v for part in PARTS for k, v in part.MESSAGES.items()}
