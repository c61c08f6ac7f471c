"""Data quality and adoption: how completely and how soon each rep enters their data.

Per rep in the field at the cut's last call date (``as_of``), over a data cut:

- **completeness** of key fields: each doctor in the rep's current territory counts four
  fields (``mobile``, ``title``, ``specialty``, ``name_pinyin``), each call the rep made counts
  one (``next_step``); completeness is the share of these fields that hold a non-blank value;
- **entry delay**: days from the visit (``call_date``) to the day the report was entered
  (``entered_at``); the median, and the share of calls entered within the allowed days.
  Calls without an entry time (stored before entry times were kept) are left out of both;
- **weekly activity**: calls per week (weeks start on Monday) over the last weeks of the cut;
- **suspected duplicates**: doctors in the rep's territory with a likely duplicate in the same
  hospital, by the rule entry warns with (:func:`workbench.entry.duplicates.likely_same_doctor`);
- **the laptop refund rule**: eligible with at least ``refund_months`` full months of service,
  completeness of at least ``refund_completeness`` and at least ``refund_on_time`` of the calls
  entered within ``refund_entry_days`` days (:class:`~workbench.config.Settings`).

A rep is "in the field" on ``as_of`` when their role is ``rep``, they were hired on or before
it and had not left by it. A month of service is complete when the day of the month it began
on is reached again.

>>> import workbench
>>> from workbench.analysis import quality
>>> cut = workbench.cut(workbench.connect("sqlite://"), out="cuts")     # doctest: +SKIP
>>> quality.refund_eligibility(cut).table[["rep_id", "eligible"]]       # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from workbench.analysis.results import Table
from workbench.config import Settings
from workbench.cuts import Cut
from workbench.entry.duplicates import NAME_SIMILARITY, PINYIN_SIMILARITY, likely_same_doctor
from workbench.errors import AnalysisError
from workbench.i18n import said

__all__ = [
    "DOCTOR_FIELDS",
    "completeness",
    "entry_delay",
    "refund_eligibility",
    "reps_in_field",
    "suspected_duplicates",
    "weekly_calls",
]

#: The doctor fields whose completeness counts, one each per doctor in the territory.
DOCTOR_FIELDS: tuple[str, ...] = ("mobile", "title", "specialty", "name_pinyin")

_REPS = """
    SELECT r.rep_id, r.name, r.name_pinyin, r.region_id, g.name AS region,
           g.name_en AS region_en, r.hired_on,
           (year($as_of) - year(r.hired_on)) * 12 + month($as_of) - month(r.hired_on)
             - CASE WHEN day($as_of) < day(r.hired_on) THEN 1 ELSE 0 END AS months
    FROM rep r JOIN region g ON g.region_id = r.region_id
    WHERE r.role = 'rep' AND r.hired_on <= $as_of AND (r.left_on IS NULL OR r.left_on > $as_of)
"""

_TERRITORY = """
    SELECT DISTINCT rep_id, doctor_id FROM assignment
    WHERE start_on <= $as_of AND (end_on IS NULL OR end_on >= $as_of)
"""

_COMPLETENESS = f"""
    WITH reps AS ({_REPS}), territory AS ({_TERRITORY}),
    doctors AS (
        SELECT t.rep_id, count(*) AS doctors,
               count(*) FILTER (WHERE coalesce(trim(d.mobile), '') <> '') AS with_mobile,
               count(*) FILTER (WHERE coalesce(trim(d.title), '') <> '') AS with_title,
               count(*) FILTER (WHERE coalesce(trim(d.specialty), '') <> '') AS with_specialty,
               count(*) FILTER (WHERE coalesce(trim(d.name_pinyin), '') <> '') AS with_pinyin
        FROM territory t JOIN doctor d ON d.doctor_id = t.doctor_id
        GROUP BY t.rep_id
    ),
    calls AS (
        SELECT rep_id, count(*) AS calls,
               count(*) FILTER (WHERE coalesce(trim(next_step), '') <> '') AS with_next_step
        FROM call WHERE call_date <= $as_of GROUP BY rep_id
    )
    SELECT r.rep_id, coalesce(d.doctors, 0) AS doctors,
           coalesce(d.with_mobile, 0) AS with_mobile, coalesce(d.with_title, 0) AS with_title,
           coalesce(d.with_specialty, 0) AS with_specialty,
           coalesce(d.with_pinyin, 0) AS with_pinyin,
           coalesce(c.calls, 0) AS calls, coalesce(c.with_next_step, 0) AS with_next_step
    FROM reps r LEFT JOIN doctors d ON d.rep_id = r.rep_id LEFT JOIN calls c ON c.rep_id = r.rep_id
    ORDER BY r.rep_id
"""

_ENTRY = f"""
    WITH reps AS ({_REPS}),
    lags AS (
        SELECT rep_id, date_diff('day', call_date, CAST(entered_at AS DATE)) AS days
        FROM call WHERE call_date <= $as_of AND entered_at IS NOT NULL
    )
    SELECT r.rep_id, count(l.days) AS entered, median(l.days) AS median_days,
           count(l.days) FILTER (WHERE l.days <= $days) AS on_time_calls
    FROM reps r LEFT JOIN lags l ON l.rep_id = r.rep_id
    GROUP BY r.rep_id ORDER BY r.rep_id
"""

_WEEKLY = f"""
    WITH reps AS ({_REPS}),
    weeks AS (
        SELECT CAST(w AS DATE) AS week
        FROM range(CAST($first AS TIMESTAMP), CAST($last AS TIMESTAMP) + INTERVAL 1 DAY,
                   INTERVAL 7 DAY) t(w)
    ),
    counted AS (
        SELECT rep_id, CAST(date_trunc('week', call_date) AS DATE) AS week, count(*) AS calls
        FROM call WHERE call_date >= $first AND call_date <= $as_of
        GROUP BY ALL
    )
    SELECT r.rep_id, w.week, coalesce(c.calls, 0) AS calls
    FROM reps r CROSS JOIN weeks w
    LEFT JOIN counted c ON c.rep_id = r.rep_id AND c.week = w.week
    ORDER BY r.rep_id, w.week
"""

_HOSPITAL_DOCTORS = """
    SELECT DISTINCT dp.hospital_id, h.name AS hospital, h.name_en AS hospital_en, d.doctor_id,
           d.name, d.name_pinyin, d.mobile, d.title
    FROM doctor d
    JOIN affiliation a ON a.doctor_id = d.doctor_id
    JOIN department dp ON dp.department_id = a.department_id
    JOIN hospital h ON h.hospital_id = dp.hospital_id
    ORDER BY dp.hospital_id, d.doctor_id
"""


def _as_of(cut: Cut, as_of: dt.date | None) -> dt.date:
    """The day the measures are taken: ``as_of``, or the cut's last call date."""
    if as_of is not None:
        return as_of
    last = cut.sql("SELECT max(call_date) AS last FROM call").loc[0, "last"]
    if pd.isna(last):
        raise AnalysisError(key="error.calls.none")
    day: dt.date = pd.Timestamp(last).date()
    return day


def _period(cut: Cut, as_of: dt.date) -> str:
    first = cut.sql("SELECT min(call_date) AS first FROM call WHERE call_date <= $as_of",
                    {"as_of": as_of}).loc[0, "first"]  # fmt: skip
    start = "" if pd.isna(first) else f"{pd.Timestamp(first).date()} – "
    return f"{start}{as_of}"


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else Settings()


def reps_in_field(cut: Cut, *, as_of: dt.date | None = None) -> pd.DataFrame:
    """The reps in the field on ``as_of``, with their region and full months of service."""
    day = _as_of(cut, as_of)
    frame = cut.sql(f"{_REPS} ORDER BY r.rep_id", {"as_of": day})
    frame["hired_on"] = pd.to_datetime(frame["hired_on"]).dt.date
    return frame


def completeness(cut: Cut, *, as_of: dt.date | None = None) -> Table:
    """The key fields each rep's data fills: doctors' four fields and calls' next steps.

    Parameters
    ----------
    cut
        The data cut.
    as_of
        The day the territory is taken on and calls are counted up to; the cut's last call
        date by default.

    Returns
    -------
    Table
        One row per rep in the field: ``doctors`` in the territory and how many have each of
        ``with_mobile``, ``with_title``, ``with_specialty``, ``with_pinyin``; ``calls`` and
        ``with_next_step``; ``completeness``, the share of the ``4 × doctors + calls`` fields
        filled (empty for a rep with neither doctors nor calls).

    Raises
    ------
    AnalysisError
        The cut holds no calls (and no ``as_of`` is given).
    """
    day = _as_of(cut, as_of)
    frame = cut.sql(_COMPLETENESS, {"as_of": day})
    filled = frame[["with_mobile", "with_title", "with_specialty", "with_pinyin",
                    "with_next_step"]].sum(axis=1)  # fmt: skip
    fields = 4 * frame["doctors"] + frame["calls"]
    frame["completeness"] = (filled / fields.where(fields > 0)).astype(float)
    return Table(
        frame,
        note=said("note.quality.completeness"),
        source=cut.label,
        period=_period(cut, day),
    )


def entry_delay(
    cut: Cut,
    *,
    days: int | None = None,
    settings: Settings | None = None,
    as_of: dt.date | None = None,
) -> Table:
    """How soon each rep enters their calls: median days, and the share within ``days``.

    A call entered on the day of the visit took 0 days; one entered exactly ``days`` days
    later is on time, one a day later is not.

    Parameters
    ----------
    cut
        The data cut.
    days
        The days allowed; the settings' ``refund_entry_days`` (3) by default.
    settings
        Where the default ``days`` comes from.
    as_of
        Calls up to this day count; the cut's last call date by default.

    Returns
    -------
    Table
        One row per rep in the field: ``entered`` (calls with an entry time),
        ``median_days``, ``on_time_calls`` and ``on_time`` (their share; empty with no
        entered calls).

    Raises
    ------
    AnalysisError
        ``days`` is negative, or the cut holds no calls.
    """
    allowed = _settings(settings).refund_entry_days if days is None else days
    if allowed < 0:
        raise AnalysisError(key="error.quality.days_allowed", allowed=allowed)
    day = _as_of(cut, as_of)
    frame = cut.sql(_ENTRY, {"as_of": day, "days": allowed})
    frame["median_days"] = frame["median_days"].astype(float)
    entered = frame["entered"].where(frame["entered"] > 0)
    frame["on_time"] = (frame["on_time_calls"] / entered).astype(float)
    return Table(
        frame,
        note=said("note.quality.entry_delay", days=allowed),
        source=cut.label,
        period=_period(cut, day),
    )


def weekly_calls(cut: Cut, *, weeks: int = 12, as_of: dt.date | None = None) -> Table:
    """Calls each rep made each week over the last ``weeks`` weeks of the cut.

    Parameters
    ----------
    cut
        The data cut.
    weeks
        How many weeks, the last being the week (Monday to Sunday) of ``as_of``.
    as_of
        The last day counted; the cut's last call date by default.

    Returns
    -------
    Table
        ``rep_id``, ``week`` (its Monday) and ``calls``, a row for every rep in the field
        and every week, weeks without calls as 0.

    Raises
    ------
    AnalysisError
        ``weeks`` is less than 1, or the cut holds no calls.
    """
    if weeks < 1:
        raise AnalysisError(key="error.quality.weeks", weeks=weeks)
    day = _as_of(cut, as_of)
    last = day - dt.timedelta(days=day.weekday())
    first = last - dt.timedelta(weeks=weeks - 1)
    frame = cut.sql(_WEEKLY, {"as_of": day, "first": first, "last": last})
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    return Table(
        frame,
        note=said("note.quality.weekly_calls", weeks=weeks),
        source=cut.label,
        period=f"{first} – {day}",
    )


def _pairs(group: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Pairs of doctors of one hospital that are likely one person, with the reasons."""
    if len(group) < 2:
        return []
    names = group["name"].fillna("").tolist()
    pinyin = ["".join(ch for ch in p.lower() if ch.isalpha()) for p in
              group["name_pinyin"].fillna("")]  # fmt: skip
    mobile = group["mobile"].fillna("").to_numpy()
    by_name = process.cdist(names, names, scorer=fuzz.ratio)
    by_pinyin = process.cdist(pinyin, pinyin, scorer=fuzz.ratio)
    near = (by_name >= NAME_SIMILARITY) | (by_pinyin >= PINYIN_SIMILARITY)
    near |= (mobile[:, None] == mobile[None, :]) & (mobile[:, None] != "")
    ids = group["doctor_id"].to_numpy()
    found = []
    for i, j in zip(*np.nonzero(np.triu(near, k=1)), strict=True):
        a, b = group.iloc[i], group.iloc[j]
        why = likely_same_doctor(a["name"], a["name_pinyin"], a["mobile"], b["name"],
                                 b["name_pinyin"], b["mobile"])  # fmt: skip
        if why:
            found.append((int(ids[i]), int(ids[j]), " ".join(why)))
    return found


def suspected_duplicates(cut: Cut, *, as_of: dt.date | None = None) -> Table:
    """Doctors in each rep's current territory with a likely duplicate in the same hospital.

    Two doctors working in the same hospital (in any of their departments) are likely one
    person by the rule entry warns with: names similar in characters or in pinyin, or the
    same mobile (:func:`workbench.entry.duplicates.likely_same_doctor`).

    Parameters
    ----------
    cut
        The data cut.
    as_of
        The day the territories are taken on; the cut's last call date by default.

    Returns
    -------
    Table
        One row per rep, doctor of their territory and likely duplicate: ``rep_id``,
        ``doctor_id``, ``name``, ``name_pinyin``, ``title``, ``other_id``, ``other_name``,
        ``other_name_pinyin``, ``hospital_id``, ``hospital``, ``hospital_en`` and ``reasons``
        (codes of :func:`~workbench.entry.duplicates.likely_same_doctor`, separated by
        spaces).

    Raises
    ------
    AnalysisError
        The cut holds no calls (and no ``as_of`` is given).
    """
    day = _as_of(cut, as_of)
    doctors = cut.sql(_HOSPITAL_DOCTORS)
    rows: list[tuple[int, int, int, str]] = []
    for hospital_id, group in doctors.groupby("hospital_id", sort=True):
        for a, b, why in _pairs(group.reset_index(drop=True)):
            rows += [(int(hospital_id), a, b, why), (int(hospital_id), b, a, why)]
    pairs = pd.DataFrame(rows, columns=["hospital_id", "doctor_id", "other_id", "reasons"])
    pairs = pairs.drop_duplicates(["doctor_id", "other_id"])
    territory = cut.sql(f"WITH reps AS ({_REPS}), territory AS ({_TERRITORY}) "
                        "SELECT t.* FROM territory t JOIN reps r ON r.rep_id = t.rep_id",
                        {"as_of": day})  # fmt: skip
    who = doctors.drop_duplicates("doctor_id").set_index("doctor_id")
    where = doctors.drop_duplicates("hospital_id").set_index("hospital_id")
    table = territory.merge(pairs, on="doctor_id")
    for column in ("name", "name_pinyin", "title"):
        table[column] = who[column].reindex(table["doctor_id"]).to_numpy()
    for column in ("name", "name_pinyin"):
        table[f"other_{column}"] = who[column].reindex(table["other_id"]).to_numpy()
    for column in ("hospital", "hospital_en"):
        table[column] = where[column].reindex(table["hospital_id"]).to_numpy()
    table = table[["rep_id", "doctor_id", "name", "name_pinyin", "title", "other_id",
                   "other_name", "other_name_pinyin", "hospital_id", "hospital", "hospital_en",
                   "reasons"]]  # fmt: skip
    table = table.sort_values(["rep_id", "doctor_id", "other_id"]).reset_index(drop=True)
    return Table(
        table,
        note=said("note.quality.duplicates", name=NAME_SIMILARITY, pinyin=PINYIN_SIMILARITY),
        source=cut.label,
        period=said("period.territories_on", day=day),
    )


def _flags(frame: pd.DataFrame, s: Settings) -> pd.Series:
    """What keeps each rep from the refund, as codes (empty: eligible)."""
    checks: Sequence[tuple[str, pd.Series]] = (
        ("service", frame["months"] < s.refund_months),
        ("completeness", ~(frame["completeness"] >= s.refund_completeness)),
        ("late_entry", ~(frame["on_time"] >= s.refund_on_time)),
    )
    codes = pd.Series([""] * len(frame), index=frame.index, dtype=object)
    for code, failed in checks:
        codes = codes.where(~failed, (codes + " " + code).str.strip())
    return codes


def refund_eligibility(
    cut: Cut,
    *,
    settings: Settings | None = None,
    weeks: int = 12,
    as_of: dt.date | None = None,
) -> Table:
    """Each rep in the field against the laptop refund rule, with the measures behind it.

    Eligible with at least ``refund_months`` full months of service, completeness of at
    least ``refund_completeness`` and a share of at least ``refund_on_time`` of the calls
    entered within ``refund_entry_days`` days. A rep exactly at a threshold is eligible. A
    rep with no fields to fill, or no entered calls, is not.

    Parameters
    ----------
    cut
        The data cut.
    settings
        The rule's thresholds; :class:`~workbench.config.Settings`' defaults when ``None``.
    weeks
        The weeks of the activity trend (``calls_week``, the mean calls a week).
    as_of
        The day of the measures; the cut's last call date by default.

    Returns
    -------
    Table
        One row per rep in the field: ``rep_id``, ``name``, ``name_pinyin``, ``region_id``,
        ``region``, ``region_en``, ``hired_on``, ``months``, ``doctors``, ``calls``,
        ``completeness``, ``entered``, ``median_days``, ``on_time``, ``calls_week``,
        ``duplicates`` (doctors with a likely duplicate), ``eligible`` and ``blocked_by``
        (codes of the unmet conditions, ``service``, ``completeness``, ``late_entry``).

    Raises
    ------
    AnalysisError
        The cut holds no calls (and no ``as_of`` is given).
    """
    s = _settings(settings)
    day = _as_of(cut, as_of)
    reps = reps_in_field(cut, as_of=day)
    filled = completeness(cut, as_of=day).table
    entry = entry_delay(cut, settings=s, as_of=day).table
    trend = weekly_calls(cut, weeks=weeks, as_of=day).table
    dups = suspected_duplicates(cut, as_of=day).table
    table = reps.merge(filled[["rep_id", "doctors", "calls", "completeness"]], on="rep_id")
    table = table.merge(entry[["rep_id", "entered", "median_days", "on_time"]], on="rep_id")
    per_week = trend.groupby("rep_id")["calls"].mean().rename("calls_week")
    table = table.merge(per_week, left_on="rep_id", right_index=True, how="left")
    counted = dups.groupby("rep_id")["doctor_id"].nunique().rename("duplicates")
    table = table.merge(counted, left_on="rep_id", right_index=True, how="left")
    table["duplicates"] = table["duplicates"].fillna(0).astype(int)
    table["blocked_by"] = _flags(table, s)
    table["eligible"] = table["blocked_by"] == ""
    return Table(
        table.reset_index(drop=True),
        note=said(
            "note.quality.refund",
            months=s.refund_months,
            completeness=s.refund_completeness,
            on_time=s.refund_on_time,
            days=s.refund_entry_days,
        ),
        source=cut.label,
        period=_period(cut, day),
    )
