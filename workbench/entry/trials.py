"""What a trial site's coordinator reports: response assessments and adverse events.

Each report is stored raw and append-only: a submission (when it was received, which
version) and its assessment or adverse event. Correcting a visit means reporting it again;
the new report gets the next version and the earlier one stays.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.db.models import (
    AdverseEvent,
    Assessment,
    OverallResponse,
    Subject,
    Submission,
)
from workbench.entry._rules import Checker
from workbench.reference import ADVERSE_TERMS

__all__ = ["RESPONSES", "adverse_event", "assessment"]

RESPONSES = tuple(r.value for r in OverallResponse)
MAX_VISITS = 60
#: the study's dictionary: each preferred term with its system organ class
SOC_OF = {t.preferred_term: t.soc for t in ADVERSE_TERMS}
SOCS = tuple(dict.fromkeys(SOC_OF.values()))

# what identifies a patient and never belongs in a verbatim term: a phone number, a
# resident ID number, a full date (a birth date; an event's dates have their own fields)
_JOINED = re.compile(r"(?<=[0-9])[\s\-](?=[0-9])")
_IDENTIFIERS = (
    ("verbatim_phone", re.compile(r"(?<![0-9])(1[3-9][0-9]{9}|0[0-9]{2,3}[0-9]{7,8})(?![0-9])")),
    (
        "verbatim_id_number",
        re.compile(r"(?<![0-9])([1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9])"),
    ),
    (
        "verbatim_date",
        re.compile(r"(19|20)[0-9]{2}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}"),
    ),
)


def _no_identifiers(c: Checker, field: str, said: str) -> None:
    """Refuse free text that carries a patient's phone, ID number or birth date."""
    joined = _JOINED.sub("", said)
    for code, pattern in _IDENTIFIERS:
        if pattern.search(said) or pattern.search(joined):
            c.add(field, code)
            return


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _on_study(c: Checker, person: Subject, day: dt.date, field: str) -> None:
    """A day a subject was in the study: not before consent, not after death."""
    if day < person.consented_on:
        c.add(field, "before_consent", value=day.isoformat(), subject=person.code,
              consented=person.consented_on.isoformat())  # fmt: skip
    if person.died_on is not None and day > person.died_on:
        c.add(field, "after_death", value=day.isoformat(), subject=person.code,
              died=person.died_on.isoformat())  # fmt: skip


def assessment(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """A response assessment at a visit; reporting a visit again corrects it (next version)."""
    c = Checker(data)
    person = c.record(session, "subject_id", Subject)
    if person is not None:
        # one report of a subject at a time numbers its versions: a server holds the row
        # until this transaction ends; SQLite lets one writer in at a time
        session.execute(
            select(Subject.subject_id)
            .where(Subject.subject_id == person.subject_id)
            .with_for_update()
        )
    visit = c.integer("visit", low=1, high=MAX_VISITS)
    day = c.date("assessed_on")
    overall = c.choice("overall", RESPONSES)
    version = 1
    if person is not None and day is not None:
        _on_study(c, person, day, "assessed_on")
        baseline = person.first_dose_on or person.randomised_on
        if day <= baseline:
            c.add("assessed_on", "before_baseline", value=day.isoformat(),
                  subject=person.code, baseline=baseline.isoformat())  # fmt: skip
    if person is not None and visit is not None:
        seen = dict(
            session.execute(
                select(Assessment.visit, func.max(Submission.version))
                .join(Submission, Submission.submission_id == Assessment.submission_id)
                .where(Assessment.subject_id == person.subject_id)
                .group_by(Assessment.visit)
            ).all()
        )
        following = max(seen, default=0) + 1
        if visit in seen:
            version = int(seen[visit]) + 1
        elif visit != following:
            c.add("visit", "visit_not_next", value=visit, subject=person.code, next=following)
        elif day is not None and seen:
            before = session.scalar(
                select(func.max(Assessment.assessed_on)).where(
                    Assessment.subject_id == person.subject_id, Assessment.visit < visit
                )
            )
            if before is not None and day <= before:
                c.add("assessed_on", "not_after_previous", value=day.isoformat(),
                      previous=before.isoformat(), visit=visit - 1)  # fmt: skip
    report = _Report(person, "assessment", day, version)
    return c, [report, _Reported(report, Assessment, subject_id=getattr(person, "subject_id", None),
                                 visit=visit, assessed_on=day, overall=overall)]  # fmt: skip


def adverse_event(session: Session, data: Mapping[str, Any]) -> tuple[Checker, list[Any]]:
    """An adverse event: its verbatim term and coding, grade, seriousness and dates.

    The grade is CTCAE 1–5; the event also says whether it is related to the drug, and
    when it started (and ended).
    """
    c = Checker(data)
    person = c.record(session, "subject_id", Subject)
    verbatim = c.text("verbatim", max_length=200)
    if verbatim is not None:
        _no_identifiers(c, "verbatim", verbatim)
    term = c.choice("preferred_term", tuple(SOC_OF))
    soc = c.choice("soc", SOCS)
    if term is not None and soc is not None and soc != SOC_OF[term]:
        c.add("soc", "soc_of_term", value=soc, term=term, soc=SOC_OF[term])
    grade = c.integer("grade", low=1, high=5)
    serious = c.flag("serious")
    related = c.flag("related")
    began = c.date("start_on")
    ended = c.date("end_on", required=False)
    if person is not None and began is not None:
        _on_study(c, person, began, "start_on")
    if began is not None and ended is not None and ended < began:
        c.add("end_on", "ends_before_start", value=ended.isoformat(), start=began.isoformat())
    report = _Report(person, "adverse_event", began, 1)
    row = _Reported(
        report,
        AdverseEvent,
        subject_id=getattr(person, "subject_id", None),
        verbatim=verbatim,
        preferred_term=term,
        soc=soc,
        grade=grade,
        serious=serious,
        related=related,
        start_on=began,
        end_on=ended,
    )
    return c, [report, row]


class _Report:
    """The submission: which site, which subject, when received, which version."""

    def __init__(self, person: Subject | None, kind: str, day: dt.date | None, version: int):
        self.person, self.kind, self.day, self.version = person, kind, day, version
        self._row: Submission | None = None

    def write(self, session: Session) -> Submission:
        assert self.person is not None and self.day is not None
        self._row = Submission(
            site_id=self.person.site_id,
            subject_id=self.person.subject_id,
            kind=self.kind,
            event_on=self.day,
            received_at=_now(),
            version=self.version,
        )
        session.add(self._row)
        session.flush()
        return self._row

    def target(self) -> Submission:
        assert self._row is not None
        return self._row


class _Reported:
    """The assessment or adverse event, made once its submission has an id."""

    def __init__(self, report: _Report, model: type[Any], **values: Any) -> None:
        self.report, self.model, self.values = report, model, values

    def row(self) -> Any:
        return self.model(submission_id=self.report.target().submission_id, **self.values)
