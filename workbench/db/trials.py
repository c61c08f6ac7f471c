"""The clinical trials' tables: reference data, then what sites report.

What sites report is append-only, each report a timestamped, versioned submission. What the
workbench derives (populations, responses, times to event) is rebuilt for each data cut and
never stored here. No table holds a name or a direct identifier.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.base import Base, allowed_values, unique_where

__all__ = [
    "AdverseEvent",
    "Arm",
    "Assessment",
    "OverallResponse",
    "Site",
    "Study",
    "Subject",
    "Submission",
]


class OverallResponse(enum.StrEnum):
    """The overall response a tumour assessment reports, in RECIST 1.1 codes."""

    CR = "CR"
    PR = "PR"
    SD = "SD"
    NON_CR_NON_PD = "NON-CR/NON-PD"
    PD = "PD"
    NE = "NE"


class Study(Base):
    """A trial of one of the products, with its response-criteria parameters."""

    __tablename__ = "study"
    study_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.product_id"))
    confirmation_required: Mapped[bool] = mapped_column()
    confirm_min_days: Mapped[int] = mapped_column(Integer)
    sd_min_days: Mapped[int] = mapped_column(Integer)
    teae_window_days: Mapped[int] = mapped_column(Integer)
    report_target_days: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint(
            "confirm_min_days > 0 AND sd_min_days > 0 AND teae_window_days >= 0 "
            "AND report_target_days > 0",
            name="days",
        ),
    )


class Arm(Base):
    """A treatment arm; exactly one per study is the reference."""

    __tablename__ = "arm"
    arm_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.study_id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(80))
    is_reference: Mapped[bool] = mapped_column()
    __table_args__ = (UniqueConstraint("study_id", "code"),)


class Site(Base):
    """A CRM hospital taking part in a study."""

    __tablename__ = "site"
    site_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.study_id"))
    hospital_id: Mapped[int] = mapped_column(ForeignKey("hospital.hospital_id"), index=True)
    code: Mapped[str] = mapped_column(String(10))
    activated_on: Mapped[dt.date] = mapped_column(Date)
    __table_args__ = (
        UniqueConstraint("study_id", "hospital_id"),
        UniqueConstraint("study_id", "code"),
    )


class Subject(Base):
    """A trial subject under a pseudonym (site code and number), never a name."""

    __tablename__ = "subject"
    subject_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[int] = mapped_column(ForeignKey("study.study_id"))
    site_id: Mapped[int] = mapped_column(ForeignKey("site.site_id"), index=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    arm_planned_id: Mapped[int] = mapped_column(ForeignKey("arm.arm_id"))
    arm_actual_id: Mapped[int | None] = mapped_column(ForeignKey("arm.arm_id"))
    consented_on: Mapped[dt.date] = mapped_column(Date)
    randomised_on: Mapped[dt.date] = mapped_column(Date)
    first_dose_on: Mapped[dt.date | None] = mapped_column(Date)
    last_dose_on: Mapped[dt.date | None] = mapped_column(Date)
    died_on: Mapped[dt.date | None] = mapped_column(Date)
    last_alive_on: Mapped[dt.date] = mapped_column(Date)
    age_group: Mapped[str] = mapped_column(String(8))
    sex: Mapped[str] = mapped_column(String(1))
    ecog: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("sex IN ('F', 'M')", name="sex"),
        CheckConstraint("age_group IN ('<65', '>=65')", name="age_group"),
        CheckConstraint("ecog IN (0, 1, 2)", name="ecog"),
        CheckConstraint(
            "randomised_on >= consented_on AND (first_dose_on IS NULL OR "
            "first_dose_on >= randomised_on) AND (last_dose_on IS NULL OR "
            "last_dose_on >= first_dose_on)",
            name="dates",
        ),
    )


class Submission(Base):
    """One report from a site: what happened when, and when it reached the workbench.

    A correction is a new submission with the next ``version``; earlier ones stay.
    """

    __tablename__ = "submission"
    submission_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.site_id"), index=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.subject_id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    event_on: Mapped[dt.date] = mapped_column(Date)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("kind IN ('assessment', 'adverse_event')", name="kind"),
        CheckConstraint("version >= 1", name="version"),
        # each report of a subject's assessment day has its own version number
        unique_where(
            "uq_submission_assessment_version",
            "kind = 'assessment'",
            "subject_id",
            "event_on",
            "version",
        ),
    )


class Assessment(Base):
    """A tumour response assessment at a visit, as the site reported it."""

    __tablename__ = "assessment"
    assessment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.submission_id"), unique=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.subject_id"), index=True)
    visit: Mapped[int] = mapped_column(Integer)
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    overall: Mapped[str] = mapped_column(String(16))
    __table_args__ = (allowed_values("overall", "overall", OverallResponse),)


class AdverseEvent(Base):
    """An adverse event as reported: the verbatim term, its coding and CTCAE grade."""

    __tablename__ = "adverse_event"
    adverse_event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.submission_id"), unique=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.subject_id"), index=True)
    verbatim: Mapped[str] = mapped_column(String(200))
    preferred_term: Mapped[str] = mapped_column(String(100))
    soc: Mapped[str] = mapped_column(String(100))
    grade: Mapped[int] = mapped_column(Integer)
    serious: Mapped[bool] = mapped_column()
    related: Mapped[bool] = mapped_column()
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (
        CheckConstraint("grade BETWEEN 1 AND 5", name="grade"),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="period"),
    )
