"""Growth between periods, cross-checked against plain pandas on the cut's files."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import workbench
from workbench import analysis as wa

Tables = Callable[[str], pd.DataFrame]


def test_growth_matches_pandas(camp_cut: workbench.Cut, camp_tables: Tables) -> None:
    sales = camp_tables("sale")
    before = sales[sales["sale_date"].dt.month == 6].groupby("hospital_id")["amount"].sum()
    after = sales[sales["sale_date"].dt.month == 10].groupby("hospital_id")["amount"].sum()
    result = wa.growth(camp_cut, by="hospital", before="2026-06", after="2026-10")
    assert (result.before, result.after) == ("2026-06-01 – 2026-06-30", "2026-10-01 – 2026-10-31")
    got = result.table.set_index("hospital_id")
    np.testing.assert_allclose(got.loc[before.index, "before"], before)
    np.testing.assert_allclose(
        got.loc[after.index, "growth"], after / before.reindex(after.index) - 1
    )
    assert got["share"].sum() == pytest.approx(1.0)


def test_the_seeds_key_account_story_in_the_national_world(national_cut: workbench.Cut) -> None:
    """2001: 68% of business in 270 hospitals; the next year +18% and 80% in 200."""
    first = wa.concentration(national_cut, value="amount", by="hospital", period=2024)
    second = wa.concentration(national_cut, value="amount", by="hospital", period=2025)
    assert first.share_of_top(270) == pytest.approx(0.68, abs=0.02)
    assert second.total / first.total - 1 == pytest.approx(0.18, abs=0.02)
    assert second.n_for_share(0.80) == pytest.approx(200, abs=15)
    by_region = wa.growth(national_cut, by="region", before=2024, after=2025)
    assert by_region.total_growth == pytest.approx(second.total / first.total - 1)
