"""The charts' words: titles, axes, legends and marks (``chart.*``)."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {}
