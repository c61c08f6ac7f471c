"""The analyst's notebooks in the analyst's language, copied where JupyterLab opens them.

An analysis notebook is written once in both languages: each markdown cell carries the tag
``lang-zh`` or ``lang-en``, and its code cells (which draw and label in the language the
settings give) carry none. The copy an analyst opens keeps the cells of one language:

>>> from workbench.resources import analysis_notebooks
>>> cells = in_language(analysis_notebooks()[0], "en")["cells"]
>>> any("lang-zh" in c["metadata"].get("tags", []) for c in cells)
False
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbench.config import LANGS

__all__ = ["copy_analysis", "in_language"]


def _language_of(cell: dict[str, Any]) -> str | None:
    tags = cell.get("metadata", {}).get("tags", [])
    return next((lang for lang in LANGS if f"lang-{lang}" in tags), None)


def in_language(path: Path, lang: str) -> dict[str, Any]:
    """The notebook at ``path`` with the cells of the other language left out."""
    notebook: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = [c for c in notebook["cells"] if _language_of(c) in (None, lang)]
    return notebook


def copy_analysis(notebooks: list[Path], folder: Path, lang: str) -> list[Path]:
    """Copy ``notebooks`` into ``folder`` in ``lang``, keeping any copy already there.

    A notebook already in ``folder`` is the analyst's (perhaps edited) and is left as it is;
    one deleted there comes back fresh.

    Returns
    -------
    list of Path
        The copies in ``folder``, in the order of ``notebooks``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    copies = []
    for notebook in notebooks:
        copy = folder / notebook.name
        if not copy.exists():
            said = json.dumps(in_language(notebook, lang), indent=1, ensure_ascii=False)
            copy.write_text(said + "\n", encoding="utf-8")
        copies.append(copy)
    return copies
