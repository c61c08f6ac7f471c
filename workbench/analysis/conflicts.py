"""Conflicts a manager catches on Monday, over a data cut.

One doctor planned by several reps in a week, and doctors invited to events by several reps
or again too soon.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbench.analysis._source import PeriodLike, period_of
from workbench.analysis.results import Table
from workbench.cuts import Cut
from workbench.errors import AnalysisError
from workbench.i18n import said

__all__ = ["InvitationConflicts", "invitation_conflicts", "plan_conflicts"]


def plan_conflicts(cut: Cut, *, period: PeriodLike = None) -> Table:
    """Doctors planned by two or more reps in the same week.

    Parameters
    ----------
    cut
        The data cut whose weekly plans are read.
    period
        The weeks (by their first day) looked at; all by default.

    Returns
    -------
    Table
        Columns ``week_start``, ``doctor_id``, ``doctor``, ``reps`` (how many) and ``rep_ids``
        (which, ascending).

    Raises
    ------
    AnalysisError
        The period is not understood.
    """
    within = period_of(period)
    # who planned whom each week, once per rep; lists are built only for the conflicts
    frame = cut.sql(
        f"""
        WITH planned AS (
            SELECT DISTINCT p.week_start, i.doctor_id, p.rep_id
            FROM plan_item i JOIN plan p USING (plan_id) WHERE {within.where("p.week_start")}),
        shared AS (
            SELECT week_start, doctor_id FROM planned GROUP BY ALL HAVING count(*) >= 2)
        SELECT s.week_start, s.doctor_id, d.name AS doctor, count(*) AS reps,
               array_to_string(list(pl.rep_id ORDER BY pl.rep_id), ', ') AS rep_ids
        FROM shared s JOIN planned pl USING (week_start, doctor_id)
        JOIN doctor d ON d.doctor_id = s.doctor_id
        GROUP BY ALL ORDER BY s.week_start, s.doctor_id
        """,
        within.params(),
    )
    return Table(
        frame,
        note=said("note.conflicts.plans"),
        source=cut.label,
        period=str(within),
    )


@dataclass(frozen=True)
class InvitationConflicts:
    """Invitation conflicts of two kinds, one table each.

    ``several_reps``: a doctor invited to one event by more than one rep.
    ``repeated``: a doctor invited again within ``within_days`` of their previous invitation.
    """

    several_reps: pd.DataFrame
    repeated: pd.DataFrame
    within_days: int
    source: str


def invitation_conflicts(cut: Cut, *, within_days: int = 30) -> InvitationConflicts:
    """Invitations that annoy doctors: several reps for one event, or again too soon.

    An invitation exactly ``within_days`` after the previous one counts as too soon.

    Parameters
    ----------
    cut
        The data cut whose invitations are read.
    within_days
        Days after a doctor's previous invitation within which another is too soon.

    Returns
    -------
    InvitationConflicts
        ``several_reps`` (``event_id, event, doctor_id, doctor, reps, rep_ids``) and
        ``repeated`` (each invitation with the previous one and the ``days`` between).

    Raises
    ------
    AnalysisError
        ``within_days`` is negative.
    """
    if within_days < 0:
        raise AnalysisError(key="error.conflicts.within_days", within_days=within_days)
    several = cut.sql(
        """
        SELECT i.event_id, e.name AS event, i.doctor_id, d.name AS doctor,
               count(DISTINCT i.rep_id) AS reps,
               array_to_string(list_sort(list(DISTINCT i.rep_id)), ', ') AS rep_ids
        FROM invitation i JOIN event e USING (event_id) JOIN doctor d USING (doctor_id)
        GROUP BY ALL HAVING count(DISTINCT i.rep_id) >= 2
        ORDER BY i.event_id, i.doctor_id
        """
    )
    repeated = cut.sql(
        """
        WITH ordered AS (
            SELECT doctor_id, invitation_id, event_id, rep_id, invited_on,
                   lag(invitation_id) OVER w AS previous_invitation_id,
                   lag(invited_on) OVER w AS previous_invited_on
            FROM invitation WINDOW w AS (PARTITION BY doctor_id ORDER BY invited_on, invitation_id))
        SELECT o.doctor_id, d.name AS doctor, o.previous_invitation_id, o.previous_invited_on,
               o.invitation_id, o.invited_on, o.event_id, o.rep_id,
               date_diff('day', o.previous_invited_on, o.invited_on) AS days
        FROM ordered o JOIN doctor d USING (doctor_id)
        WHERE o.previous_invited_on IS NOT NULL
          AND date_diff('day', o.previous_invited_on, o.invited_on) <= $within_days
        ORDER BY o.doctor_id, o.invited_on, o.invitation_id
        """,
        {"within_days": int(within_days)},
    )
    return InvitationConflicts(
        several_reps=several, repeated=repeated, within_days=within_days, source=cut.label
    )
