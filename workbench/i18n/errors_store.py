"""The errors of the store, settings, files, cuts, sample worlds, the command line, the server.

One message per key, each saying what is wrong and what to do.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "cli.error": {"zh": "错误：", "en": "error: "},
    "error.config.lang": {
        "zh": "不支持语言 {value!r}：请选择 {choices} 之一",
        "en": "lang {value!r} is not supported; choose one of {choices}",
    },
}
