"""Segments, each cross-checked against a plain pandas/numpy computation on the same rows."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import workbench
from tests.analysis.conftest import primary_place
from workbench import AnalysisError
from workbench import analysis as wa

# --- independent reference computations -------------------------------------------------------


def pareto_reference(frame: pd.DataFrame, key: str, value: str) -> pd.DataFrame:
    totals = frame.groupby(key, as_index=False)[value].sum()
    totals = totals.sort_values([value, key], ascending=[False, True]).reset_index(drop=True)
    totals["share"] = totals[value] / totals[value].sum()
    totals["cum_share"] = totals[value].cumsum() / totals[value].sum()
    classes, held = [], 0.0
    for share in totals["share"]:
        classes.append("A" if held < 0.8 - 1e-9 else "B" if held < 0.95 - 1e-9 else "C")
        held += share
    totals["abc"] = classes
    return totals


def gini_reference(values: np.ndarray) -> float:
    """1 − 2 × the area under the Lorenz curve (trapezoids)."""
    lorenz = np.concatenate([[0.0], np.cumsum(np.sort(values)) / values.sum()])
    area = np.trapezoid(lorenz, dx=1 / len(values))
    return float(1 - 2 * area)


def random_lines(seed: int, n: int = 3000, keys: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "key": rng.integers(0, keys, n),
            # lognormal amounts, rounded so that ties happen
            "amount": np.round(rng.lognormal(3, 1.5, n), -1),
        }
    )
    return frame


# --- concentration ----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_concentration_matches_pandas_on_generated_lines(seed: int) -> None:
    lines = random_lines(seed)
    got = wa.concentration(lines, value="amount", by="key")
    want = pareto_reference(lines, "key", "amount")
    assert got.table["key"].tolist() == want["key"].tolist()
    np.testing.assert_allclose(got.table["share"], want["share"], rtol=1e-12)
    np.testing.assert_allclose(got.table["cum_share"], want["cum_share"], rtol=1e-12)
    assert got.table["abc"].tolist() == want["abc"].tolist()
    assert got.table["rank"].tolist() == list(range(1, len(want) + 1))
    assert got.gini == pytest.approx(gini_reference(want["amount"].to_numpy()), abs=1e-12)
    for p in (0.5, 0.8, 0.95, 1.0):
        assert got.n_for_share(p) == int(np.searchsorted(want["cum_share"], p - 1e-9) + 1)
    assert got.share_of_top(10) == pytest.approx(want["share"].head(10).sum())


def test_equal_values_give_gini_zero_and_ties_by_key() -> None:
    frame = pd.DataFrame({"k": [5, 3, 1, 4, 2], "v": [10.0] * 5})
    got = wa.concentration(frame, value="v", by="k")
    assert got.table["k"].tolist() == [1, 2, 3, 4, 5]
    assert got.gini == pytest.approx(0.0, abs=1e-12)
    # 4 of 5 hold exactly 80%: the fifth is not needed for 80%
    assert got.n_for_share(0.8) == 4
    assert got.table["abc"].tolist() == ["A", "A", "A", "A", "B"]


def test_zero_values_rank_last_and_a_single_entity_holds_everything() -> None:
    frame = pd.DataFrame({"k": ["a", "b", "c"], "v": [0, 5, 0]})
    got = wa.concentration(frame, value="v", by="k")
    assert got.table["k"].tolist() == ["b", "a", "c"]
    assert got.table["abc"].tolist() == ["A", "C", "C"]
    assert got.gini == pytest.approx(gini_reference(np.array([0, 5, 0.0])))
    one = wa.concentration(pd.DataFrame({"k": ["x", "x"], "v": [2, 3]}), value="v", by="k")
    assert one.table[["value", "share", "cum_share"]].iloc[0].tolist() == [5, 1.0, 1.0]
    assert one.gini == 0.0
    assert one.n_for_share(0.8) == 1


def test_nothing_to_concentrate_gives_an_empty_table_not_a_crash() -> None:
    empty = wa.concentration(pd.DataFrame({"k": [], "v": []}), value="v", by="k")
    assert empty.table.empty and np.isnan(empty.gini)
    assert empty.n_for_share(0.8) == 0 and empty.share_of_top(5) == 0.0
    zeros = wa.concentration(pd.DataFrame({"k": [1, 2], "v": [0, 0]}), value="v", by="k")
    assert zeros.table["share"].isna().all() and zeros.n_for_share(0.8) == 0


def test_bad_requests_name_the_fix() -> None:
    frame = pd.DataFrame({"k": [1, 2], "v": [3, -4]})
    with pytest.raises(AnalysisError, match="negative"):
        wa.concentration(frame, value="v", by="k")
    with pytest.raises(AnalysisError, match="its columns are k, v"):
        wa.concentration(frame, value="amount", by="k")
    with pytest.raises(AnalysisError, match="adding up to 1"):
        wa.concentration(frame.abs(), value="v", by="k", abc=(0.7, 0.1, 0.1))
    with pytest.raises(AnalysisError, match="must hold numbers"):
        wa.concentration(frame.assign(v=["x", "y"]), value="v", by="k")


def test_abc_cut_offs_are_parameters() -> None:
    lines = random_lines(3)
    got = wa.concentration(lines, value="amount", by="key", abc=(0.5, 0.3, 0.2))
    before = got.table["cum_share"] - got.table["share"]
    assert (got.table["abc"] == "A").sum() == (before < 0.5 - 1e-9).sum() == got.n_for_share(0.5)
    assert "ABC 50/30/20" in got.note


@pytest.mark.parametrize(
    ("value", "by"),
    [
        ("amount", "hospital"),
        ("amount", "region"),
        ("amount", "city"),
        ("quantity", "product"),
        ("amount", "month"),
        ("calls", "doctor"),
        ("calls", "department"),
        ("calls", "rep"),
        ("prescriptions", "doctor"),
        ("potential", "hospital"),
    ],
)
def test_concentration_over_a_cut_matches_pandas_on_its_files(
    camp_cut: workbench.Cut, camp_tables: Callable[[str], pd.DataFrame], value: str, by: str
) -> None:
    place = primary_place(camp_tables)
    if value in ("amount", "quantity"):
        rows = camp_tables("sale").merge(
            place.drop_duplicates("hospital_id")[["hospital_id", "city_id", "region_id"]],
            on="hospital_id",
        )
        rows["month"] = rows["sale_date"].dt.to_period("M").dt.start_time
    elif value == "calls":
        rows = camp_tables("call").merge(place, on="doctor_id").assign(calls=1)
    else:
        rows = camp_tables("potential").merge(place, on="doctor_id")
    key = wa.DIMENSIONS[by][0]
    want = pareto_reference(rows, key, value)
    got = wa.concentration(camp_cut, value=value, by=by)
    got_keys = got.table[key]
    if by == "month":
        got_keys = pd.to_datetime(got_keys)
    assert got_keys.tolist() == want[key].tolist()
    np.testing.assert_allclose(got.table["value"], want[value])
    assert got.table["abc"].tolist() == want["abc"].tolist()
    assert got.source == camp_cut.label and camp_cut.label in got.note
    if by != "month":
        assert got.table["name"].notna().all()


def test_period_narrows_the_rows(
    camp_cut: workbench.Cut, camp_tables: Callable[[str], pd.DataFrame]
) -> None:
    sales = camp_tables("sale")
    july = sales[sales["sale_date"].dt.month == 7]
    got = wa.concentration(camp_cut, value="amount", by="hospital", period="2026-07")
    assert got.total == pytest.approx(july["amount"].sum())
    same = wa.concentration(
        camp_cut, value="amount", by="hospital", period=("2026-07-01", "2026-07-31")
    )
    assert same.table.equals(got.table)
    nothing = wa.concentration(camp_cut, value="amount", by="hospital", period=2019)
    assert nothing.table.empty and nothing.n_for_share(0.8) == 0


def test_a_measure_that_cannot_be_split_so_says(camp_cut: workbench.Cut) -> None:
    with pytest.raises(AnalysisError, match="amount cannot be broken down by doctor"):
        wa.concentration(camp_cut, value="amount", by="doctor")
    with pytest.raises(AnalysisError, match="not a measure"):
        wa.concentration(camp_cut, value="revenue", by="hospital")
    with pytest.raises(AnalysisError, match="is not understood"):
        wa.concentration(camp_cut, value="amount", by="hospital", period="last year")


# --- deciles ---------------------------------------------------------------------------------


def test_equal_count_deciles_are_ntile_over_positive_values() -> None:
    lines = random_lines(4, n=500, keys=123)
    lines.loc[lines["key"] % 17 == 0, "amount"] = 0
    got = wa.deciles(lines, value="amount", by="key", method="count")
    totals = pareto_reference(lines, "key", "amount")
    positive = totals[totals["amount"] > 0]
    expected = {}
    for group, part in enumerate(np.array_split(positive["key"].to_numpy(), 10)):
        expected.update(dict.fromkeys(part.tolist(), 10 - group))
    expected.update(dict.fromkeys(totals.loc[totals["amount"] == 0, "key"].tolist(), 0))
    assert dict(zip(got.table["key"], got.table["decile"], strict=True)) == expected
    summary = got.summary.set_index("decile")
    assert summary["count"].sum() == len(totals)
    assert summary.loc[0, "total"] == 0 and summary.loc[0, "count"] > 0
    assert summary["share"].sum() == pytest.approx(1.0)
    top = np.array_split(positive["amount"].to_numpy(), 10)[0]
    assert (summary.loc[10, "min"], summary.loc[10, "max"]) == (top.min(), top.max())


def test_volume_weighted_deciles_each_start_in_their_tenth() -> None:
    lines = random_lines(5, n=2000, keys=300)
    got = wa.deciles(lines, value="amount", by="key", method="volume")
    totals = pareto_reference(lines, "key", "amount")
    start = (totals["cum_share"] - totals["share"]).to_numpy()
    expected = [10 - min(int(np.floor(s * 10 + 1e-9)), 9) for s in start]
    assert got.table["decile"].tolist() == expected
    shares = got.summary.set_index("decile")["share"]
    # every decile holds about a tenth; the top one at least a tenth
    assert shares.loc[10] >= 0.1 - 1e-9
    assert "volume-weighted" in got.note


def test_deciles_edge_cases() -> None:
    one = wa.deciles(pd.DataFrame({"k": [1], "v": [7]}), value="v", by="k")
    assert one.table["decile"].tolist() == [10]
    assert one.summary.set_index("decile").loc[10, "count"] == 1
    few = wa.deciles(pd.DataFrame({"k": [1, 2, 3], "v": [3, 2, 1]}), value="v", by="k")
    assert few.table["decile"].tolist() == [10, 9, 8]
    with pytest.raises(AnalysisError, match="'count' or 'volume'"):
        wa.deciles(pd.DataFrame({"k": [1], "v": [7]}), value="v", by="k", method="quantile")


# --- potential × adoption, goals, migration -------------------------------------------------


def test_potential_adoption_places_hand_made_doctors() -> None:
    frame = pd.DataFrame(
        {
            "doctor_id": [1, 2, 3, 4, 5, 6],
            "potential": [100, 100, 50, 50, 10, 10],
            "adoption": [1, 5, 3, 4, 2, 5],
        }
    )
    got = wa.potential_adoption(frame, potential_cuts=(40, 80))
    assert got.doctors["potential_tier"].tolist() == [
        "high",
        "high",
        "medium",
        "medium",
        "low",
        "low",
    ]
    assert got.doctors["adoption_level"].tolist() == ["low", "high", "mid", "high", "low", "high"]
    assert got.doctors["segment"].tolist() == [
        "develop",
        "defend",
        "grow",
        "maintain",
        "monitor",
        "maintain",
    ]
    assert got.matrix.loc["high"].tolist() == [1, 0, 1]
    assert int(got.matrix.to_numpy().sum()) == 6
    renamed = {key: f"S-{name}" for key, name in wa.DEFAULT_SEGMENTS.items()}
    custom = wa.potential_adoption(frame, potential_cuts=(40, 80), segments=renamed)
    assert custom.doctors["segment"].iloc[0] == "S-develop"
    with pytest.raises(AnalysisError, match="name all nine cells"):
        wa.potential_adoption(frame, segments={("high", "low"): "x"})


def test_potential_adoption_on_a_cut_uses_the_latest_quarter_and_quantiles(
    camp_cut: workbench.Cut, camp_tables: Callable[[str], pd.DataFrame]
) -> None:
    rows = camp_tables("potential")
    latest = rows[rows["period_start"] == rows["period_start"].max()]
    got = wa.potential_adoption(camp_cut)
    assert len(got.doctors) == len(latest)
    q50, q80 = np.quantile(latest["potential"], [0.5, 0.8])
    assert got.potential_cuts == pytest.approx((q50, q80))
    high = got.doctors[got.doctors["potential_tier"] == "high"]
    assert (high["potential"] >= q80).all()
    assert len(high) == (latest["potential"] >= q80).sum()
    expected = pd.crosstab(
        np.where(
            latest["potential"] >= q80,
            "high",
            np.where(latest["potential"] >= q50, "medium", "low"),
        ),
        np.where(latest["adoption"] >= 4, "high", np.where(latest["adoption"] >= 3, "mid", "low")),
    )
    for tier in wa.segments.TIERS:
        for level in wa.segments.LEVELS:
            assert got.matrix.loc[tier, level] == expected.loc[tier, level]
    assert got.quarter == "2026Q4"
    earlier = wa.potential_adoption(
        camp_cut, quarter="2026Q3", product=int(rows["product_id"].iloc[0])
    )
    assert earlier.quarter == "2026Q3"
    assert earlier.doctors["product_id"].nunique() == 1


def test_doctor_goals_take_the_highest_goal_over_products() -> None:
    frame = pd.DataFrame(
        {
            "doctor_id": [1, 1, 2],
            "product_id": [1, 2, 1],
            "potential": [100, 10, 10],
            "adoption": [1, 5, 2],
        }
    )
    segmented = wa.potential_adoption(frame, potential_cuts=(40, 80))
    goals = wa.doctor_goals(segmented)
    assert goals.set_index("doctor_id")["goal"].to_dict() == {1: 4.0, 2: 0.0}
    with pytest.raises(AnalysisError, match="lacks a goal"):
        wa.doctor_goals(segmented, goals={"develop": 4})


def test_segment_migration_counts_moves_new_and_gone() -> None:
    before = pd.DataFrame(
        {"doctor_id": [1, 2, 3], "product_id": [1, 1, 1], "segment": ["grow", "grow", "develop"]}
    )
    after = pd.DataFrame(
        {"doctor_id": [1, 2, 4], "product_id": [1, 1, 1], "segment": ["defend", "grow", "develop"]}
    )
    moved = wa.segment_migration(before, after)
    assert moved.loc["grow", "defend"] == 1
    assert moved.loc["grow", "grow"] == 1
    assert moved.loc["develop", "(gone)"] == 1
    assert moved.loc["(new)", "develop"] == 1
    assert int(moved.to_numpy().sum()) == 4


# --- clusters --------------------------------------------------------------------------------


def test_engagement_features_match_pandas(
    camp_cut: workbench.Cut, camp_tables: Callable[[str], pd.DataFrame]
) -> None:
    got = wa.engagement(camp_cut).set_index("doctor_id")
    calls = camp_tables("call")
    assert got["calls"].to_dict() == (
        calls.groupby("doctor_id").size().reindex(got.index, fill_value=0).to_dict()
    )
    months = (
        calls.assign(m=calls["call_date"].dt.to_period("M")).groupby("doctor_id")["m"].nunique()
    )
    assert got["months_called"].to_dict() == months.reindex(got.index, fill_value=0).to_dict()
    inv = camp_tables("invitation")
    attended = inv[inv["status"] == "attended"].groupby("doctor_id").size()
    assert got["attended"].to_dict() == attended.reindex(got.index, fill_value=0).to_dict()


def test_clusters_are_seeded_and_ordered_by_calls(camp_cut: workbench.Cut) -> None:
    first = wa.cluster_doctors(camp_cut, k=4, seed=7)
    again = wa.cluster_doctors(camp_cut, k=4, seed=7)
    assert first.doctors["cluster"].tolist() == again.doctors["cluster"].tolist()
    calls = first.profile["calls"].tolist()
    assert calls == sorted(calls, reverse=True)
    assert first.profile["doctors"].sum() == len(first.doctors) == camp_cut.rows["doctor"]
    with pytest.raises(AnalysisError, match="between 1 and the number of doctors"):
        wa.cluster_doctors(camp_cut, k=0)
