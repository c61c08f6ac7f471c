"""The CRM data model: one typed SQLAlchemy class per table, tables singular snake_case.

Customer hierarchy (the question every CRM rollout must settle, "whose department is it?"):
a department belongs to exactly one hospital; a doctor belongs to departments through
affiliations, one of them primary, so a doctor who works in two hospitals is one doctor.

::

    region ─< city ─< hospital ─< department ─< affiliation >─ doctor
                 └─< dealer                                      │
    rep (region, manager) ─< assignment >─ doctor   (territory history: who owned whom, when)
    rep ─< call >─ doctor,  call ─< call_product >─ product
    rep ─< plan ─< plan_item >─ doctor                (weekly call plans)
    event ─< invitation >─ doctor, rep                (academic events)
    dealer ─< sale >─ hospital, product               (sales lines)
    doctor ─< potential >─ product                    (potential and prescribing per period)
    audit                                             (who changed what, when)
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.base import Base, allowed_values, unique_where
from workbench.db.trials import (
    AdverseEvent,
    Arm,
    Assessment,
    OverallResponse,
    Site,
    Study,
    Subject,
    Submission,
)

__all__ = [
    "AdverseEvent",
    "Affiliation",
    "Arm",
    "Assessment",
    "Assignment",
    "Audit",
    "Base",
    "Call",
    "CallProduct",
    "City",
    "Dealer",
    "Department",
    "Doctor",
    "Event",
    "Hospital",
    "Invitation",
    "InvitationStatus",
    "OverallResponse",
    "Plan",
    "PlanItem",
    "PlanStatus",
    "Potential",
    "Product",
    "ProductLine",
    "Region",
    "Rep",
    "RepRole",
    "Sale",
    "Site",
    "Study",
    "Subject",
    "Submission",
]


class ProductLine(enum.StrEnum):
    """The line a product belongs to: specialty, general or OTC."""

    SPECIALTY = "specialty"
    GENERAL = "general"
    OTC = "otc"


class RepRole(enum.StrEnum):
    """A rep's role: a rep in the field or a manager."""

    REP = "rep"
    MANAGER = "manager"


class PlanStatus(enum.StrEnum):
    """Where a weekly call plan is in its review: draft, submitted, approved or returned."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class InvitationStatus(enum.StrEnum):
    """How far an invitation to an event has got: invited, accepted, declined or attended."""

    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    ATTENDED = "attended"


# --- geography and customers ------------------------------------------------------------


class Region(Base):
    """A sales region (大区)."""

    __tablename__ = "region"
    region_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(60))


class City(Base):
    """A city (城市); tier 1 is the largest market."""

    __tablename__ = "city"
    city_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.region_id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(60))
    tier: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        UniqueConstraint("region_id", "name"),
        CheckConstraint("tier BETWEEN 1 AND 4", name="tier"),
    )


class Hospital(Base):
    """A hospital (医院); grade follows the Chinese scheme, e.g. ``3A`` for 三级甲等."""

    __tablename__ = "hospital"
    hospital_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.city_id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(120))
    grade: Mapped[str] = mapped_column(String(2))
    beds: Mapped[int] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(20))
    __table_args__ = (
        UniqueConstraint("city_id", "name"),
        CheckConstraint("grade IN ('3A', '3B', '3C', '2A', '2B', '2C', '1')", name="grade"),
        CheckConstraint("beds >= 0", name="beds"),
    )


class Department(Base):
    """A department (科室); it belongs to exactly one hospital."""

    __tablename__ = "department"
    department_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hospital_id: Mapped[int] = mapped_column(ForeignKey("hospital.hospital_id"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(80))
    specialty: Mapped[str] = mapped_column(String(40))
    __table_args__ = (UniqueConstraint("hospital_id", "name"),)


class Doctor(Base):
    """A doctor (医生); where they work is in ``affiliation``."""

    __tablename__ = "doctor"
    doctor_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(80))
    gender: Mapped[str] = mapped_column(String(1))
    title: Mapped[str] = mapped_column(String(20))
    specialty: Mapped[str] = mapped_column(String(40))
    mobile: Mapped[str | None] = mapped_column(String(20))
    __table_args__ = (
        CheckConstraint("gender IN ('F', 'M')", name="gender"),
        CheckConstraint(
            "title IN ('chief', 'associate_chief', 'attending', 'resident')", name="title"
        ),
        Index("ix_doctor_name", "name"),
    )


class Affiliation(Base):
    """A doctor's place in a department; each doctor has exactly one primary affiliation."""

    __tablename__ = "affiliation"
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.doctor_id"), primary_key=True)
    department_id: Mapped[int] = mapped_column(
        ForeignKey("department.department_id"), primary_key=True, index=True
    )
    is_primary: Mapped[bool] = mapped_column()
    __table_args__ = (unique_where("uq_affiliation_primary", "is_primary", "doctor_id"),)


class Product(Base):
    """A product on one of the three lines: specialty, general or OTC."""

    __tablename__ = "product"
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(60))
    line: Mapped[str] = mapped_column(String(12))
    therapeutic_area: Mapped[str] = mapped_column(String(40))
    unit_price: Mapped[float] = mapped_column(Numeric(12, 2, asdecimal=False))
    __table_args__ = (allowed_values("line", "line", ProductLine),)


# --- the field force --------------------------------------------------------------------


class Rep(Base):
    """A medical sales rep (医药代表) or first-line manager, with hire and leave dates."""

    __tablename__ = "rep"
    rep_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    name_pinyin: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(8))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.region_id"), index=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.city_id"), index=True)
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("rep.rep_id"), index=True)
    hired_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    employee_id: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        allowed_values("role", "role", RepRole),
        Index("ix_rep_employee_id", "employee_id", unique=True),
        CheckConstraint("left_on IS NULL OR left_on >= hired_on", name="tenure"),
    )


class Assignment(Base):
    """A doctor in a rep's territory from ``start_on`` to ``end_on`` (open while current).

    The table is the territory history: who owned which customer when. A doctor with no
    current assignment is orphaned.
    """

    __tablename__ = "assignment"
    assignment_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.rep_id"))
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.doctor_id"))
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date | None] = mapped_column(Date)
    __table_args__ = (
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="period"),
        Index("ix_assignment_rep_id_start_on", "rep_id", "start_on"),
        Index("ix_assignment_doctor_id_start_on", "doctor_id", "start_on"),
    )


# --- activity ---------------------------------------------------------------------------


class Call(Base):
    """A call (拜访) by a rep on a doctor; ``joint_rep_id`` names a colleague on a joint visit.

    ``entered_at``: when the report was entered (UTC); empty for calls stored before that.
    """

    __tablename__ = "call"
    call_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.rep_id"))
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.doctor_id"))
    call_date: Mapped[dt.date] = mapped_column(Date)
    joint_visit: Mapped[bool] = mapped_column(default=False)
    joint_rep_id: Mapped[int | None] = mapped_column(ForeignKey("rep.rep_id"))
    next_step: Mapped[str | None] = mapped_column(String(200))
    entered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("joint_rep_id IS NULL OR joint_visit", name="joint"),
        Index("ix_call_rep_id_call_date", "rep_id", "call_date"),
        Index("ix_call_doctor_id_call_date", "doctor_id", "call_date"),
    )


class CallProduct(Base):
    """A product discussed in a call, with the key message delivered."""

    __tablename__ = "call_product"
    call_id: Mapped[int] = mapped_column(ForeignKey("call.call_id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.product_id"), primary_key=True)
    key_message: Mapped[str] = mapped_column(String(200))


class Plan(Base):
    """A rep's weekly call plan (周计划): draft → submitted → approved or returned."""

    __tablename__ = "plan"
    plan_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.rep_id"))
    week_start: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=PlanStatus.DRAFT.value)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    manager_comment: Mapped[str | None] = mapped_column(String(500))
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("rep.rep_id"))
    __table_args__ = (
        UniqueConstraint("rep_id", "week_start"),
        allowed_values("status", "status", PlanStatus),
        Index("ix_plan_week_start", "week_start"),
    )


class PlanItem(Base):
    """A planned call in a weekly plan."""

    __tablename__ = "plan_item"
    plan_item_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.plan_id"), index=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.doctor_id"), index=True)
    planned_on: Mapped[dt.date] = mapped_column(Date)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.product_id"))


class Event(Base):
    """An academic event (学术会议): a seminar or conference in a city."""

    __tablename__ = "event"
    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    city_id: Mapped[int] = mapped_column(ForeignKey("city.city_id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.product_id"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)


class Invitation(Base):
    """A doctor invited to an event by a rep."""

    __tablename__ = "invitation"
    invitation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.event_id"), index=True)
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.doctor_id"), index=True)
    rep_id: Mapped[int] = mapped_column(ForeignKey("rep.rep_id"), index=True)
    invited_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default=InvitationStatus.INVITED.value)
    __table_args__ = (
        allowed_values("status", "status", InvitationStatus),
        # a rep invites a doctor to an event once (the entry rule, kept by the store too)
        Index("uq_invitation_event_doctor_rep", "event_id", "doctor_id", "rep_id", unique=True),
    )


# --- business ---------------------------------------------------------------------------


class Dealer(Base):
    """A dealer (经销商) through whom products reach hospitals."""

    __tablename__ = "dealer"
    dealer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.city_id"), index=True)


class Sale(Base):
    """A sales line: a dealer delivered a batch of a product to a hospital."""

    __tablename__ = "sale"
    sale_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hospital_id: Mapped[int] = mapped_column(ForeignKey("hospital.hospital_id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("product.product_id"))
    dealer_id: Mapped[int] = mapped_column(ForeignKey("dealer.dealer_id"))
    sale_date: Mapped[dt.date] = mapped_column(Date)
    batch: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(Integer)
    amount: Mapped[float] = mapped_column(Numeric(14, 2, asdecimal=False))
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        Index("ix_sale_hospital_id_sale_date", "hospital_id", "sale_date"),
        Index("ix_sale_sale_date", "sale_date"),
    )


class Potential(Base):
    """A doctor's potential and prescribing for a product in a quarter.

    ``potential`` is the patients a month the doctor could treat with the product,
    ``prescriptions`` those actually written, ``adoption`` the ladder stage 1-5
    (unaware, aware, trial, regular, advocate).
    """

    __tablename__ = "potential"
    doctor_id: Mapped[int] = mapped_column(ForeignKey("doctor.doctor_id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.product_id"), primary_key=True)
    period_start: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    potential: Mapped[int] = mapped_column(Integer)
    prescriptions: Mapped[int] = mapped_column(Integer)
    adoption: Mapped[int] = mapped_column(Integer)
    __table_args__ = (
        CheckConstraint("adoption BETWEEN 1 AND 5", name="adoption"),
        CheckConstraint("prescriptions >= 0 AND potential >= 0", name="counts"),
    )


class Audit(Base):
    """One change: who (actor), what (table, row, action, detail as JSON), when (UTC)."""

    __tablename__ = "audit"
    audit_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(40))
    row_key: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        CheckConstraint("action IN ('insert', 'update', 'delete', 'load')", name="action"),
        Index("ix_audit_table_name_row_key", "table_name", "row_key"),
        # written, never read back: a viewer who may not read the trail still writes to it
        {"implicit_returning": False},
    )


#: Every table in the order a reader meets them, which is also a dependency order:
#: parents before children (tests/db/test_models.py checks it).
TABLE_ORDER: tuple[str, ...] = (
    "region", "city", "hospital", "department", "doctor", "affiliation", "product", "rep",
    "assignment", "call", "call_product", "plan", "plan_item", "event", "invitation",
    "dealer", "sale", "potential", "study", "arm", "site", "subject", "submission",
    "assessment", "adverse_event", "audit",
)  # fmt: skip
