"""The errors of camps, exercises, forms and entry.

One message per key, each saying what is wrong and what to do.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {}
