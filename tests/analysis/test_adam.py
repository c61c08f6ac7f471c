"""Trial derivations on hand-made subjects, one RECIST 1.1 rule per case."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from workbench import AnalysisError
from workbench.analysis import adam, survival

D0 = dt.date(2026, 1, 1)


def day(n: int) -> pd.Timestamp:
    return pd.Timestamp(D0 + dt.timedelta(days=n))


def _subjects(n: int, **columns: list[object]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "subject_id": range(1, n + 1),
            "arm": ["A"] * n,
            "randomised_on": [day(0)] * n,
            "first_dose_on": [day(0)] * n,
            "last_dose_on": [day(180)] * n,
            "died_on": [pd.NaT] * n,
            "last_alive_on": [day(200)] * n,
        }
    )
    for name, values in columns.items():
        frame[name] = values
    return frame


def _assessments(*visits: tuple[int, int, str]) -> pd.DataFrame:
    rows = [
        {"subject_id": s, "visit": i, "assessed_on": day(d), "overall": r}
        for i, (s, d, r) in enumerate(visits, start=1)
    ]
    return pd.DataFrame(rows)


CASES = [
    # (visits as (day, response), bor, responder, pending)
    ("CR confirmed 42 days later", [(42, "CR"), (84, "CR")], "CR", True, False),
    ("PR confirmed by CR", [(42, "PR"), (84, "CR")], "PR", True, False),
    ("CR then PR: a partial response", [(42, "CR"), (84, "PR")], "PR", True, False),
    ("PR seen again too soon: awaiting", [(42, "PR"), (63, "PR")], "SD", False, True),
    ("PR, SD, PR: not confirmed", [(42, "PR"), (84, "SD"), (126, "PR")], "SD", False, True),
    ("one NE between is allowed", [(42, "PR"), (70, "NE"), (84, "PR")], "PR", True, False),
    ("two NE between are not", [(42, "PR"), (56, "NE"), (70, "NE"), (84, "PR")], "SD", False, True),
    ("SD too early", [(35, "SD")], "NE", False, False),
    ("SD late enough", [(42, "SD")], "SD", False, False),
    ("NON-CR/NON-PD late enough", [(49, "NON-CR/NON-PD")], "NON-CR/NON-PD", False, False),
    ("nothing after PD counts", [(42, "PD"), (84, "CR"), (126, "CR")], "PD", False, False),
    ("SD before PD", [(42, "SD"), (84, "PD")], "SD", False, False),
    ("a response then PD: not confirmed", [(42, "PR"), (70, "PD")], "SD", False, False),
    ("early PR then PD: progression", [(21, "PR"), (35, "PD")], "PD", False, False),
    ("no assessment", [], "NE", False, False),
    ("only NE", [(42, "NE")], "NE", False, False),
]


@pytest.mark.parametrize(
    ("visits", "bor", "responder", "pending"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_best_overall_response_follows_recist(
    visits: list[tuple[int, str]], bor: str, responder: bool, pending: bool
) -> None:
    subjects = _subjects(1)
    assessments = _assessments(*[(1, d, r) for d, r in visits])
    if assessments.empty:
        assessments = pd.DataFrame(columns=["subject_id", "visit", "assessed_on", "overall"])
    (row,) = adam.best_overall_response(subjects, assessments).table.to_dict("records")
    assert (row["bor"], row["responder"], row["pending"]) == (bor, responder, pending)


def test_without_confirmation_a_single_response_counts() -> None:
    subjects = _subjects(1)
    assessments = _assessments((1, 42, "PR"))
    (row,) = adam.best_overall_response(subjects, assessments, confirmation=False).table.to_dict(
        "records"
    )
    assert (row["bor"], row["responder"], row["response_on"]) == ("PR", True, day(42))
    assert (
        "without confirmation"
        in adam.best_overall_response(subjects, assessments, confirmation=False).note
    )


def test_the_latest_version_of_a_visit_counts_and_the_cut_is_respected() -> None:
    subjects = _subjects(1)
    assessments = _assessments((1, 42, "PR"), (1, 84, "PD"))
    corrected = pd.concat(
        [assessments.assign(version=1), assessments.tail(1).assign(overall="PR", version=2)]
    )
    (row,) = adam.best_overall_response(subjects, corrected).table.to_dict("records")
    assert row["bor"] == "PR"  # the site corrected visit 2 from PD to PR
    at_cut = adam.best_overall_response(
        subjects, corrected, cutoff=D0 + dt.timedelta(days=60)
    ).table
    (early,) = at_cut.to_dict("records")
    assert (early["bor"], early["pending"]) == ("SD", True)  # awaiting confirmation at the cut


def test_times_to_event_follow_the_stated_conventions() -> None:
    subjects = _subjects(
        4,
        died_on=[day(100), pd.NaT, day(400), pd.NaT],
        last_alive_on=[day(100), day(200), day(300), day(150)],
    )
    assessments = _assessments(
        (1, 42, "SD"), (1, 84, "PD"),
        (2, 42, "CR"), (2, 84, "CR"), (2, 126, "CR"), (2, 168, "NE"),
        (3, 42, "PR"), (3, 84, "PR"), (3, 168, "PD"),
    )  # fmt: skip
    derived = adam.time_to_event(subjects, assessments, cutoff=D0 + dt.timedelta(days=365))
    tte = derived.table
    got = {(r.subject_id, r.param): (r.days, r.event, r.why) for r in tte.itertuples()}
    assert got[(1, "OS")] == (101, 1, "death")
    assert got[(1, "PFS")] == (85, 1, "progression")
    assert got[(2, "PFS")] == (127, 0, "last adequate assessment")  # the NE at 168 is not
    assert got[(2, "OS")] == (201, 0, "alive at last contact")
    assert got[(2, "DOR")] == (126 - 42 + 1, 0, "last adequate assessment")
    assert got[(3, "DOR")] == (168 - 42 + 1, 1, "progression")
    assert got[(3, "OS")] == (301, 0, "alive at last contact")  # death after the cut
    assert got[(4, "PFS")] == (1, 0, "no adequate assessment")
    assert (1, "DOR") not in got and (4, "DOR") not in got
    assert "days = end − start + 1" in derived.note
    # the derived times feed the Kaplan–Meier summary directly
    pfs = tte[tte.param == "PFS"]
    (row,) = survival.km_summary(pfs, duration="days", event="event").table.to_dict("records")
    assert row["n"] == 4 and row["events"] == 2


def test_treatment_emergent_window_and_worst_grade() -> None:
    subjects = _subjects(2, first_dose_on=[day(0), pd.NaT])
    events = pd.DataFrame(
        {
            "subject_id": [1, 1, 1, 1, 2],
            "preferred_term": ["Nausea", "Nausea", "Rash", "Fatigue", "Nausea"],
            "soc": ["GI", "GI", "Skin", "General", "GI"],
            "grade": [1, 3, 2, 4, 2],
            "start_on": [day(-3), day(10), day(180 + 30), day(180 + 31), day(5)],
        }
    )
    adae = adam.adverse_events(subjects, events, window_days=30).table
    assert list(adae["teae"]) == [False, True, True, False, False]  # before dose; after window
    worst = adam.worst_grade(adae)
    assert worst.to_dict("records") == [{"subject_id": 1, "grade": 3}]
    by_term = adam.worst_grade(adae, by=["preferred_term"])
    assert set(map(tuple, by_term[["preferred_term", "grade"]].to_numpy())) == {
        ("Nausea", 3),
        ("Rash", 2),
    }
    with pytest.raises(AnalysisError, match="1 to 5"):
        adam.adverse_events(subjects, events.assign(grade=[1, 2, 3, 6, 1]))


def test_populations_and_unknown_responses() -> None:
    subjects = _subjects(3, first_dose_on=[day(0), day(0), pd.NaT])
    flags = adam.populations(subjects, _assessments((1, 42, "SD")))
    assert list(flags["itt"]) == [True, True, True]
    assert list(flags["safety"]) == [True, True, False]
    assert list(flags["evaluable"]) == [True, False, False]
    with pytest.raises(AnalysisError, match="RECIST"):
        adam.best_overall_response(subjects, _assessments((1, 42, "MR")))
