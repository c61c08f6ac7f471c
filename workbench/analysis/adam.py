"""Trial derivations in the spirit of CDISC ADaM.

Populations (ADSL), best overall response (ADRS), times to event (ADTTE) and
treatment-emergent adverse events (ADAE).

They are pure functions of what sites reported, rebuilt for each data cut; every
convention is a named parameter and is written into the result's ``.note`` (a
:class:`~workbench.analysis.results.Table`: the derived rows and how they were derived).

Inputs are frames with these columns:

- subjects: ``subject_id, arm, randomised_on, first_dose_on, last_dose_on, died_on,
  last_alive_on`` (dates; missing as NaT);
- assessments: ``subject_id, visit, assessed_on, overall`` and optionally ``version``
  (the highest version of a subject's visit is the one that counts);
- adverse events: ``subject_id, preferred_term, soc, grade, serious, start_on``.

Best overall response follows RECIST 1.1 with confirmation:

- a CR is confirmed by a CR at least ``confirm_min_days`` later;
- a PR is confirmed by a PR or CR at least ``confirm_min_days`` later;
- between the two, only responses of the same kind or better may appear, and at most
  ``max_ne`` NE;
- SD (or NON-CR/NON-PD) counts only when it is at least ``sd_min_days`` after the
  reference date (first dose, else randomisation);
- nothing after the first PD counts.

A CR or PR still waiting for its confirmation at the cut (no later assessment yet, no PD)
is ``pending``: it is reported apart, never counted as a response.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from workbench.analysis.results import Table
from workbench.errors import AnalysisError
from workbench.i18n import said

__all__ = [
    "RESPONSES",
    "adverse_events",
    "best_overall_response",
    "populations",
    "time_to_event",
    "worst_grade",
]

#: best first
RESPONSES = ("CR", "PR", "SD", "NON-CR/NON-PD", "PD", "NE")
_RANK = {r: i for i, r in enumerate(RESPONSES)}
_STABLE = ("SD", "NON-CR/NON-PD")


def _lacking(frame: pd.DataFrame, columns: Sequence[str]) -> str:
    """Which of ``columns`` the frame lacks, comma-separated; empty when it has them all."""
    return ", ".join(c for c in columns if c not in frame.columns)


def _dates(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def _latest(assessments: pd.DataFrame, cutoff: dt.date | None) -> pd.DataFrame:
    """Each subject's visits, the highest version of each, on or before the cut."""
    if lacking := _lacking(assessments, ("subject_id", "visit", "assessed_on", "overall")):
        raise AnalysisError(key="error.adam.assessments_columns", columns=lacking)
    frame = _dates(assessments, "assessed_on")
    unknown = sorted(set(frame["overall"]) - set(RESPONSES))
    if unknown:
        raise AnalysisError(key="error.adam.response", responses=unknown, choices=RESPONSES)
    if cutoff is not None:
        frame = frame[frame["assessed_on"] <= pd.Timestamp(cutoff)]
    if "version" in frame.columns:
        frame = frame.sort_values("version").drop_duplicates(["subject_id", "visit"], keep="last")
    return frame.sort_values(["subject_id", "assessed_on", "visit"])


def _day_numbers(values: pd.Series) -> list[int]:
    """Dates as whole days since 1970 (fast to compare in a loop)."""
    days = pd.to_datetime(values).to_numpy().astype("datetime64[D]").astype(np.int64)
    numbers: list[int] = days.tolist()
    return numbers


def _timestamp(day: int) -> pd.Timestamp:
    return pd.Timestamp(np.datetime64(day, "D"))


def _confirmed(
    rows: list[tuple[int, str]], at: int, confirm_min_days: int, max_ne: int
) -> tuple[bool, bool]:
    """(confirmed, could still be confirmed) for the response at index ``at``."""
    first_day, kind = rows[at]
    allowed = ("CR",) if kind == "CR" else ("CR", "PR")
    nes = 0
    for day, later in rows[at + 1 :]:
        if later == "NE":
            nes += 1
            if nes > max_ne:
                return False, False
            continue
        if later not in allowed:
            return False, False
        if day - first_day >= confirm_min_days:
            return True, False
    return False, True


def best_overall_response(
    subjects: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    confirmation: bool = True,
    confirm_min_days: int = 28,
    sd_min_days: int = 42,
    max_ne: int = 1,
    cutoff: dt.date | None = None,
) -> Table:
    """Best overall response per subject, RECIST 1.1 with confirmation (see the module notes).

    Parameters
    ----------
    subjects
        Frame with ``subject_id`` and ``randomised_on``, and optionally ``first_dose_on`` (the
        reference date for SD; randomisation where it is missing).
    assessments
        Frame with ``subject_id, visit, assessed_on, overall`` and optionally ``version``.
    confirmation
        Whether a CR or PR must be confirmed to count as a response.
    confirm_min_days
        Days at least between a response and the assessment that confirms it.
    sd_min_days
        Days at least after the reference date for SD (or NON-CR/NON-PD) to count.
    max_ne
        NE assessments allowed between a response and its confirmation.
    cutoff
        Last day of assessments taken into account; ``None`` takes them all.

    Returns
    -------
    Table
        One row per subject: ``bor`` (CR, PR, SD, NON-CR/NON-PD, PD or NE), ``responder``
        (confirmed CR or PR), ``pending`` (a CR or PR awaiting confirmation at the cut),
        ``response_on`` (the first day of the best response, for duration of response) and
        ``assessments`` (how many counted); ``.note`` names the conventions.

    Raises
    ------
    AnalysisError
        A frame lacks a column, or an overall response is not one of :data:`RESPONSES`.
    """
    if lacking := _lacking(subjects, ("subject_id", "randomised_on")):
        raise AnalysisError(key="error.adam.subjects_columns", columns=lacking)
    people = _dates(subjects, "randomised_on", "first_dose_on")
    reference = people["first_dose_on"] if "first_dose_on" in people else people["randomised_on"]
    reference = reference.fillna(people["randomised_on"])
    start = dict(zip(people["subject_id"], _day_numbers(reference), strict=True))
    # one pass over plain arrays: subjects' assessments are contiguous, in date order
    latest = _latest(assessments, cutoff)
    ids = latest["subject_id"].to_numpy()
    days = _day_numbers(latest["assessed_on"])
    responses = latest["overall"].to_numpy()
    keys, first = np.unique(ids, return_index=True)
    ends = [*first[1:].tolist(), len(ids)] if len(ids) else []
    spans = dict(zip(keys.tolist(), zip(first.tolist(), ends, strict=True), strict=True))
    rows = []
    for subject_id in people["subject_id"]:
        seq: list[tuple[int, str]] = []
        if subject_id in spans:
            a, b = spans[subject_id]
            for day, overall in zip(days[a:b], responses[a:b].tolist(), strict=True):
                seq.append((day, overall))
                if overall == "PD":
                    break
        best, pending, response_on = "NE", False, None
        for i, (day, overall) in enumerate(seq):
            candidate = overall
            late_enough = day - start[subject_id] >= sd_min_days
            if overall in ("CR", "PR") and confirmation:
                confirmed, still_open = _confirmed(seq, i, confirm_min_days, max_ne)
                if not confirmed and overall == "CR":
                    # a CR not held but followed by a PR confirms a partial response
                    as_partial = [*seq[:i], (day, "PR"), *seq[i + 1 :]]
                    confirmed, open_partial = _confirmed(as_partial, i, confirm_min_days, max_ne)
                    candidate = "PR" if confirmed else candidate
                    still_open = still_open or open_partial
                if confirmed:
                    response_on = day if response_on is None else response_on
                else:
                    pending = pending or still_open
                    # an unconfirmed response is stable disease, if late enough
                    candidate = "SD" if late_enough else "NE"
            elif overall in ("CR", "PR"):
                response_on = day if response_on is None else response_on
            elif overall in _STABLE and not late_enough:
                candidate = "NE"
            if _RANK[candidate] < _RANK[best]:
                best = candidate
        if best in ("CR", "PR"):
            pending = False
        rows.append(
            {
                "subject_id": subject_id,
                "bor": best,
                "responder": best in ("CR", "PR"),
                "pending": pending,
                "response_on": pd.NaT if response_on is None else _timestamp(response_on),
                "assessments": len(seq),
            }
        )
    confirming = (
        said("note.adam.confirmed", days=confirm_min_days, max_ne=max_ne)
        if confirmation
        else said("note.adam.unconfirmed")
    )
    return Table(
        pd.DataFrame(rows),
        note=said(
            "note.adam.bor",
            confirmed=confirming,
            sd_days=sd_min_days,
            cutoff=said("note.adam.assessments_to", cutoff=cutoff) if cutoff else "",
        ),
    )


def populations(subjects: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """ADSL-like population flags, added to a copy of ``subjects``.

    The flags are ``itt`` (randomised), ``safety`` (dosed) and ``evaluable`` (dosed and with at
    least one response assessment).

    Raises
    ------
    AnalysisError
        ``subjects`` lacks ``subject_id``, ``randomised_on`` or ``first_dose_on``.
    """
    if lacking := _lacking(subjects, ("subject_id", "randomised_on", "first_dose_on")):
        raise AnalysisError(key="error.adam.subjects_columns", columns=lacking)
    assessed = set(assessments["subject_id"])
    frame = subjects.copy()
    frame["itt"] = frame["randomised_on"].notna()
    frame["safety"] = frame["first_dose_on"].notna()
    frame["evaluable"] = frame["safety"] & frame["subject_id"].isin(assessed)
    return frame


def time_to_event(
    subjects: pd.DataFrame,
    assessments: pd.DataFrame,
    *,
    cutoff: dt.date,
    bor: pd.DataFrame | None = None,
    **bor_options: object,
) -> Table:
    """Long ADTTE-like frame: one row per subject and parameter (OS, PFS, DOR).

    - OS: randomisation to death; censored at the last day known alive (on or before the cut).
    - PFS: randomisation to the first PD or death, whichever is first; censored at the last
      adequate assessment (not NE), or at randomisation when there is none.
    - DOR (confirmed responders only): first response to PD or death; censored at the last
      adequate assessment.

    ``days`` is end − start + 1 (ADaM's AVAL); ``event`` 1 = event, 0 = censored.

    Parameters
    ----------
    subjects
        Frame with ``subject_id, randomised_on, died_on, last_alive_on`` and optionally ``arm``.
    assessments
        Frame with ``subject_id, visit, assessed_on, overall`` and optionally ``version``.
    cutoff
        The day of the data cut: later events and assessments are not counted.
    bor
        The table of :func:`best_overall_response`, when already derived; otherwise it is
        derived here with ``bor_options``.
    **bor_options
        Options passed on to :func:`best_overall_response`.

    Returns
    -------
    Table
        Columns ``subject_id, arm, param, start_on, end_on, days, event, why``.

    Raises
    ------
    AnalysisError
        A frame lacks a column, or an overall response is not RECIST.
    """
    if lacking := _lacking(subjects, ("subject_id", "randomised_on", "died_on", "last_alive_on")):
        raise AnalysisError(key="error.adam.subjects_columns", columns=lacking)
    cut = pd.Timestamp(cutoff)
    people = _dates(subjects, "randomised_on", "died_on", "last_alive_on")
    visits = _latest(assessments, cutoff)
    if bor is None:
        bor = best_overall_response(subjects, assessments, cutoff=cutoff, **bor_options).table  # type: ignore[arg-type]
    response_on = dict(zip(bor["subject_id"], bor["response_on"], strict=True))
    responder = dict(zip(bor["subject_id"], bor["responder"], strict=True))
    grouped = {k: g for k, g in visits.groupby("subject_id")}
    rows = []
    for person in people.itertuples(index=False):
        died = person.died_on if pd.notna(person.died_on) and person.died_on <= cut else pd.NaT
        alive = min(person.last_alive_on, cut) if pd.notna(person.last_alive_on) else cut
        mine = grouped.get(person.subject_id, visits.iloc[0:0])
        progressed = mine.loc[mine["overall"] == "PD", "assessed_on"]
        first_pd = progressed.min() if len(progressed) else pd.NaT
        adequate = mine.loc[mine["overall"] != "NE", "assessed_on"]
        last_adequate = adequate.max() if len(adequate) else pd.NaT

        def row(
            param: str,
            start: pd.Timestamp,
            end: pd.Timestamp,
            event: int,
            why: str,
            person: object = person,
        ) -> None:
            rows.append(
                {
                    "subject_id": getattr(person, "subject_id"),  # noqa: B009
                    "arm": getattr(person, "arm", None),
                    "param": param,
                    "start_on": start,
                    "end_on": end,
                    "days": int((end - start).days) + 1,
                    "event": event,
                    "why": why,
                }
            )

        start = person.randomised_on
        if pd.notna(died):
            row("OS", start, died, 1, "death")
        else:
            row("OS", start, alive, 0, "alive at last contact")
        events = [(d, w) for d, w in ((first_pd, "progression"), (died, "death")) if pd.notna(d)]
        if events:
            day, why = min(events)
            row("PFS", start, day, 1, why)
        elif pd.notna(last_adequate):
            row("PFS", start, last_adequate, 0, "last adequate assessment")
        else:
            row("PFS", start, start, 0, "no adequate assessment")
        if responder.get(person.subject_id):
            began = response_on[person.subject_id]
            later = [(d, w) for d, w in events if d >= began]
            if later:
                day, why = min(later)
                row("DOR", began, day, 1, why)
            else:
                row("DOR", began, max(last_adequate, began), 0, "last adequate assessment")
    return Table(
        pd.DataFrame(rows),
        note=said("note.adam.tte", cutoff=cutoff),
    )


def adverse_events(
    subjects: pd.DataFrame, events: pd.DataFrame, *, window_days: int = 30
) -> Table:
    """ADAE-like: each adverse event flagged ``teae`` when treatment-emergent.

    An event is treatment-emergent when it started on or after the first dose and no later
    than ``window_days`` after the last.

    Parameters
    ----------
    subjects
        Frame with ``subject_id, first_dose_on, last_dose_on``.
    events
        Frame with ``subject_id, preferred_term, soc, grade, start_on`` (CTCAE grades 1 to 5).
    window_days
        Days after the last dose within which an event still counts.

    Returns
    -------
    Table
        The events with the subject's dose dates and ``teae``.

    Raises
    ------
    AnalysisError
        A frame lacks a column, or a grade is not 1 to 5.
    """
    if lacking := _lacking(subjects, ("subject_id", "first_dose_on", "last_dose_on")):
        raise AnalysisError(key="error.adam.subjects_columns", columns=lacking)
    if lacking := _lacking(events, ("subject_id", "preferred_term", "soc", "grade", "start_on")):
        raise AnalysisError(key="error.adam.events_columns", columns=lacking)
    bad = events.loc[~events["grade"].isin([1, 2, 3, 4, 5]), "grade"]
    if len(bad):
        raise AnalysisError(key="error.adam.grade", grades=sorted(set(bad)))
    people = _dates(subjects, "first_dose_on", "last_dose_on")
    frame = _dates(events, "start_on").merge(
        people[["subject_id", "first_dose_on", "last_dose_on"]], on="subject_id", how="left"
    )
    last = frame["last_dose_on"].fillna(frame["first_dose_on"])
    frame["teae"] = (
        frame["first_dose_on"].notna()
        & (frame["start_on"] >= frame["first_dose_on"])
        & (frame["start_on"] <= last + pd.Timedelta(days=window_days))
    )
    return Table(
        frame,
        note=said("note.adam.adverse", days=window_days),
    )


def worst_grade(adae: pd.DataFrame, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Each subject's worst treatment-emergent grade (overall, or per ``by`` columns)."""
    teae = adae[adae["teae"]]
    keys = ["subject_id", *by]
    worst = teae.groupby(keys, as_index=False)["grade"].max()
    worst["grade"] = worst["grade"].astype(np.int64)
    return worst
