"""The errors of the analyses and charts.

One message per key, each saying what is wrong and what to do.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {}
