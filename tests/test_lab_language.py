"""The analyst's copy of each analysis notebook is in one language, and keeps every code cell."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from workbench.lab import copy_analysis, in_language
from workbench.resources import analysis_notebooks

HAN = re.compile(r"[\u4e00-\u9fff]")
NOTEBOOKS = analysis_notebooks()


def _prose(cells: list[dict[str, object]]) -> list[str]:
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]  # type: ignore[arg-type]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_notebook_reads_in_either_language_and_runs_the_same_code(path: Path) -> None:
    whole = json.loads(path.read_text(encoding="utf-8"))
    code = [c["source"] for c in whole["cells"] if c["cell_type"] == "code"]
    zh, en = in_language(path, "zh")["cells"], in_language(path, "en")["cells"]
    for cells in (zh, en):
        assert [c["source"] for c in cells if c["cell_type"] == "code"] == code
    assert _prose(zh) and all(HAN.search(text) for text in _prose(zh))
    assert _prose(en) and not [text for text in _prose(en) if HAN.search(text)]
    # every markdown cell is in one language, and the two languages pair up
    tags = [c["metadata"].get("tags", []) for c in whole["cells"] if c["cell_type"] == "markdown"]
    assert all(("lang-zh" in t) != ("lang-en" in t) for t in tags)
    assert len(_prose(zh)) == len(_prose(en))


def test_a_copy_already_there_is_the_analysts_and_is_kept(tmp_path: Path) -> None:
    copies = copy_analysis(NOTEBOOKS, tmp_path, "en")
    assert [c.name for c in copies] == [p.name for p in NOTEBOOKS]
    copies[0].write_text("edited", encoding="utf-8")
    copies[1].unlink()
    again = copy_analysis(NOTEBOOKS, tmp_path, "zh")
    assert again[0].read_text(encoding="utf-8") == "edited"
    restored = json.loads(again[1].read_text(encoding="utf-8"))
    assert all(HAN.search(text) for text in _prose(restored["cells"]))
