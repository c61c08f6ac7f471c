"""Twenty saves of the same entry at the same moment: none lost, none doubled, on both stores.

The entry layer checks its rules before writing; two saves can both pass the check before
either writes. The store keeps the same rules (unique indexes), so the second is refused by
the store, validated again, and answered as validation answers it: the same invitation is
"invited twice"; the same visit reported again is its next version.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import func, select

from tests.entry.test_activity import _event_and_invitation, uninvolved_rep
from tests.entry.test_trials import _good_assessment
from workbench import Database, entry
from workbench.db.models import Assessment, Invitation, Submission
from workbench.errors import InvalidEntry

SAVES = 20


def _at_once(save: Callable[[], int]) -> tuple[list[int], list[InvalidEntry]]:
    """Run ``save`` in SAVES threads released together; the ids saved and the refusals."""
    start = threading.Barrier(SAVES)

    def one(_: int) -> int | InvalidEntry:
        start.wait()
        try:
            return save()
        except InvalidEntry as exc:  # anything else fails the test
            return exc

    with ThreadPoolExecutor(SAVES) as pool:
        outcomes = list(pool.map(one, range(SAVES)))
    return (
        [o for o in outcomes if isinstance(o, int)],
        [o for o in outcomes if isinstance(o, InvalidEntry)],
    )


def test_the_same_invitation_twenty_times_at_once_is_written_once(store: Database) -> None:
    event, earlier = _event_and_invitation(store)
    day = event.held_on - dt.timedelta(days=10)
    rep_id = uninvolved_rep(store, event, earlier.doctor_id, day)
    data: dict[str, Any] = {
        "event_id": event.event_id,
        "doctor_id": earlier.doctor_id,
        "rep_id": rep_id,
        "invited_on": day.isoformat(),
    }
    saved, refused = _at_once(
        lambda: entry.save(store, "invitation", data, accept_warnings=True, actor="race")
    )
    assert len(saved) == 1 and len(refused) == SAVES - 1
    codes = {p.code for exc in refused for p in exc.problems}
    assert codes <= {"invited_twice", "saved_meanwhile"} and "invited_twice" in codes
    with store.session() as session:
        rows = session.scalar(
            select(func.count()).where(
                Invitation.event_id == event.event_id,
                Invitation.doctor_id == earlier.doctor_id,
                Invitation.rep_id == rep_id,
            )
        )
    assert rows == 1


def test_the_same_visit_twenty_times_at_once_gets_one_version_each(store: Database) -> None:
    data = _good_assessment(store)
    saved, refused = _at_once(lambda: entry.save(store, "assessment", data, actor="race"))
    assert len(saved) + len(refused) == SAVES and saved
    assert {p.code for exc in refused for p in exc.problems} <= {"saved_meanwhile"}
    with store.session() as session:
        versions = session.scalars(
            select(Submission.version)
            .join(Assessment, Assessment.submission_id == Submission.submission_id)
            .where(Assessment.subject_id == data["subject_id"], Assessment.visit == data["visit"])
        ).all()
    # none lost (every save that said so is there), none doubled (each version once)
    assert len(versions) == len(saved)
    assert sorted(versions) == list(range(1, len(saved) + 1))
