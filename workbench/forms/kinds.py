"""One form per entry kind, built from the same field widgets.

Each builder takes the database and ``lang`` (``"zh"`` or ``"en"``), passes any other keyword
options (``actor``, ``settings``) on to :class:`~workbench.forms.EntryForm`, and returns the
form.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any

import ipywidgets as widgets
from sqlalchemy import select

from workbench.db.engine import Database
from workbench.db.models import (
    Affiliation,
    Assignment,
    City,
    Department,
    Doctor,
    Event,
    Hospital,
    Plan,
    PlanItem,
    PlanStatus,
    Product,
    Rep,
)
from workbench.errors import MissingEntry
from workbench.forms.base import EntryForm, relabel
from workbench.forms.pickers import CustomerPicker
from workbench.i18n import coded, text
from workbench.reference import ADVERSE_TERMS, GENDERS, GRADES, SPECIALTIES, TITLES

__all__ = [
    "adverse_event_form",
    "assessment_form",
    "call_form",
    "department_form",
    "doctor_form",
    "hospital_form",
    "invitation_form",
    "plan_form",
]


def _text(placeholder: str = "") -> widgets.Text:
    return widgets.Text(placeholder=placeholder)


def _choice(options: Any) -> widgets.Dropdown:
    return widgets.Dropdown(options=[("—", None), *options], value=None)


def _coded(field: str, codes: Iterable[str], lang: str) -> widgets.Dropdown:
    """A choice of stored codes, each shown by its label in the form's language.

    The form relabels it when its language changes (:meth:`EntryForm._relabel`).
    """
    choice = _choice([])
    choice.coded = (field, tuple(codes))
    relabel(choice, lang)
    return choice


def _named(named: list[tuple[str, str, Any]], lang: str) -> widgets.Dropdown:
    """A choice of things named in both languages, ``(zh, en, value)``, shown in ``lang``."""
    choice = _choice([])
    choice.named = named
    relabel(choice, lang)
    return choice


def _worded(widget: widgets.Widget, attribute: str, zh: str, en: str, lang: str) -> Any:
    """``widget`` with its ``attribute`` (placeholder, description) in each language."""
    setattr(widget, f"{attribute}s", {"zh": zh, "en": en})
    relabel(widget, lang)
    return widget


def _reps(db: Database, lang: str) -> widgets.Dropdown:
    """A choice of reps: a name (its id) in Chinese, the pinyin (its id) in English."""
    with db.session() as session:
        rows = session.execute(select(Rep.name, Rep.name_pinyin, Rep.rep_id).order_by(Rep.rep_id))
        return _named([(f"{n}（{i}）", f"{p} ({i})", i) for n, p, i in rows], lang)


def hospital_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A new hospital in a city."""
    picker = CustomerPicker(db, levels=("region", "city"), lang=lang)
    fields = {
        "name": _text("瑞金医院"),
        "name_en": _text("Ruijin Hospital"),
        "grade": _choice([(g, g) for g in GRADES]),
        "beds": _text("800"),
        "phone": _text("021-64370045"),
    }
    return EntryForm(db, "hospital", fields, picker=picker, lang=lang, **options)


def department_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A new department of a hospital."""
    picker = CustomerPicker(db, levels=("region", "city", "hospital"), lang=lang)
    fields = {
        "name": _text("心内科"),
        "name_en": _text("Cardiology"),
        "specialty": _coded("specialty", SPECIALTIES, lang),
    }
    return EntryForm(db, "department", fields, picker=picker, lang=lang, **options)


def doctor_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A new doctor, placed in a department (their primary affiliation)."""
    picker = CustomerPicker(db, levels=("region", "city", "hospital", "department"), lang=lang)
    fields = {
        "name": _text("张伟"),
        "name_pinyin": _text("Zhang Wei"),
        "gender": _coded("gender", GENDERS, lang),
        "title": _coded("title", TITLES, lang),
        "specialty": _coded("specialty", SPECIALTIES, lang),
        "mobile": _text("13812345678"),
    }
    return EntryForm(
        db, "doctor", fields, picker=picker, lang=lang, load=lambda i: _doctor(db, i), **options
    )


def _doctor(db: Database, doctor_id: int) -> dict[str, Any]:
    """A saved doctor's values as the doctor form holds them."""
    with db.session() as session:
        row = session.execute(
            select(
                Doctor.name,
                Doctor.name_pinyin,
                Doctor.gender,
                Doctor.title,
                Doctor.specialty,
                Doctor.mobile,
                City.region_id,
                Hospital.city_id,
                Department.hospital_id,
                Department.department_id,
            )
            .join(Affiliation, (Affiliation.doctor_id == Doctor.doctor_id) & Affiliation.is_primary)
            .join(Department, Department.department_id == Affiliation.department_id)
            .join(Hospital, Hospital.hospital_id == Department.hospital_id)
            .join(City, City.city_id == Hospital.city_id)
            .where(Doctor.doctor_id == doctor_id)
        ).one_or_none()
    if row is None:
        raise MissingEntry(key="error.form.no_doctor", doctor_id=doctor_id)
    values = dict(row._mapping)
    values["mobile"] = values["mobile"] or ""
    return values


def call_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A call report: the doctor, the day, products with key messages, the next step."""
    picker = CustomerPicker(db, lang=lang)
    fields: dict[str, Any] = {
        "rep_id": _reps(db, lang),
        "call_date": widgets.DatePicker(value=None),
        "next_step": _worded(_text(""), "placeholder", "约科室会", "department meeting", lang),
        "joint_visit": widgets.Checkbox(value=False, indent=False),
        "joint_rep_id": _reps(db, lang),
    }
    with db.session() as session:
        products = session.execute(
            select(Product.product_id, Product.name, Product.name_en).order_by(Product.product_id)
        ).all()
    ticks = {
        pid: _worded(widgets.Checkbox(value=False, indent=False), "description", zh, en, lang)
        for pid, zh, en in products
    }
    messages = {
        pid: _worded(widgets.Text(), "placeholder", "关键信息", "key message", lang)
        for pid, _zh, _en in products
    }
    rows = [widgets.HBox([ticks[pid], messages[pid]]) for pid, _zh, _en in products]

    def chosen() -> dict[str, Any]:
        return {
            "products": [
                {"product_id": pid, "key_message": messages[pid].value}
                for pid, tick in ticks.items()
                if tick.value
            ]
        }

    form = EntryForm(
        db,
        "call",
        fields,
        picker=picker,
        extra=chosen,
        extra_widgets=[widgets.VBox(rows)],
        lang=lang,
        **options,
    )
    form.product_ticks, form.key_messages = ticks, messages  # type: ignore[attr-defined]
    return form


def invitation_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A doctor invited to an academic event by a rep."""
    picker = CustomerPicker(db, lang=lang)
    with db.session() as session:
        events = [
            (f"{name}（{held_on}）", event_id)
            for event_id, name, held_on in session.execute(
                select(Event.event_id, Event.name, Event.held_on).order_by(Event.held_on)
            )
        ]
    fields: dict[str, Any] = {
        "event_id": _choice(events),
        "rep_id": _reps(db, lang),
        "invited_on": widgets.DatePicker(value=dt.date.today()),
    }
    return EntryForm(db, "invitation", fields, picker=picker, lang=lang, **options)


def plan_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A weekly call plan: the rep, the Monday, planned calls (doctor and day).

    Saved as a draft, or submitted for review with ``submit`` ticked. The doctors offered are
    those the chosen rep currently owns; "+" adds a row. Once rep and week are chosen the form
    shows that week's plan: its status and the manager's comment, and, for a draft or a plan
    the manager returned, its calls to edit and submit again.
    """
    fields: dict[str, Any] = {
        "rep_id": _reps(db, lang),
        "week_start": widgets.DatePicker(value=None),
        "submit": widgets.Checkbox(value=False, indent=False),
    }
    rows: list[tuple[widgets.Dropdown, widgets.DatePicker]] = []
    box = widgets.VBox([])
    add = widgets.Button(icon="plus", description="+")
    banner = widgets.HTML()

    def doctors() -> list[tuple[str, int | None]]:
        rep_id = fields["rep_id"].value
        if rep_id is None:
            return [("—", None)]
        with db.session() as session:
            found = session.execute(
                select(Doctor.name, Doctor.doctor_id)
                .join(Assignment, Assignment.doctor_id == Doctor.doctor_id)
                .where(Assignment.rep_id == rep_id, Assignment.end_on.is_(None))
                .order_by(Doctor.doctor_id)
            ).all()
        return [("—", None), *[(f"{name}（{doctor_id}）", doctor_id) for name, doctor_id in found]]

    def add_row(_button: object = None, doctor_id: int | None = None, day: Any = None) -> None:
        offered = doctors()
        known = doctor_id in {value for _label, value in offered}
        row = (
            widgets.Dropdown(options=offered, value=doctor_id if known else None),
            widgets.DatePicker(value=day),
        )
        rows.append(row)
        box.children = [*box.children, widgets.HBox(list(row))]

    def refresh(_change: object) -> None:
        for doctor, _day in rows:
            doctor.options = doctors()
            doctor.value = None

    def week_plan() -> Plan | None:
        rep_id, week = fields["rep_id"].value, fields["week_start"].value
        if rep_id is None or week is None:
            return None
        with db.session() as session:
            plan = session.scalar(
                select(Plan).where(Plan.rep_id == rep_id, Plan.week_start == week)
            )
            if plan is not None:
                session.expunge(plan)
        return plan

    def show_status(_change: object = None) -> None:
        plan, lang = week_plan(), form.lang
        if plan is None:
            banner.value = ""
            return
        status = coded("plan_status", plan.status, lang)
        lines = [text("plan.status_banner", lang, week=plan.week_start.isoformat(), status=status)]
        if plan.manager_comment:
            lines.append(text("plan.manager_said", lang, comment=plan.manager_comment))
        if plan.status == PlanStatus.RETURNED.value:
            lines.append(text("plan.resubmit", lang))
        colour = "#fdecea" if plan.status == PlanStatus.RETURNED.value else "#eef4fb"
        banner.value = (
            f"<div class='workbench-plan-status' style='background:{colour};padding:6px'>"
            + "<br>".join(html.escape(line) for line in lines)
            + "</div>"
        )

    def load_plan(_change: object = None) -> None:
        """A draft or returned plan comes back into the rows, to be edited."""
        plan = week_plan()
        if plan is None or plan.status not in (PlanStatus.DRAFT.value, PlanStatus.RETURNED.value):
            return
        with db.session() as session:
            items = session.execute(
                select(PlanItem.doctor_id, PlanItem.planned_on)
                .where(PlanItem.plan_id == plan.plan_id)
                .order_by(PlanItem.planned_on, PlanItem.doctor_id)
            ).all()
        rows.clear()
        box.children = []
        for doctor_id, day in items:
            add_row(doctor_id=doctor_id, day=day)
        add_row()

    add.on_click(add_row)
    fields["rep_id"].observe(refresh, "value")
    for key in ("rep_id", "week_start"):
        fields[key].observe(load_plan, "value")
        fields[key].observe(show_status, "value")
    add_row()

    def items() -> dict[str, Any]:
        return {
            "items": [
                {"doctor_id": doctor.value, "planned_on": day.value}
                for doctor, day in rows
                if doctor.value is not None or day.value is not None
            ]
        }

    form = EntryForm(
        db, "plan", fields, extra=items, extra_widgets=[banner, box, add], lang=lang, **options
    )
    form.language.observe(show_status, "value")
    form.plan_rows, form.add_row = rows, add_row  # type: ignore[attr-defined]
    form.plan_status = banner  # type: ignore[attr-defined]
    return form


def _site_subjects(db: Database, fields: dict[str, Any]) -> None:
    """A site dropdown whose choice narrows the subject dropdown to that site's subjects."""
    from workbench.db.models import Site, Subject

    with db.session() as session:
        sites = session.execute(
            select(Site.site_id, Site.code, Hospital.name)
            .join(Hospital, Hospital.hospital_id == Site.hospital_id)
            .order_by(Site.code)
        ).all()
    fields["site_id"] = _choice([(f"{code} {name}", sid) for sid, code, name in sites])
    fields["subject_id"] = _choice([])

    def narrow(_change: object) -> None:
        site = fields["site_id"].value
        with db.session() as session:
            codes = session.execute(
                select(Subject.code, Subject.subject_id)
                .where(Subject.site_id == site)
                .order_by(Subject.code)
            ).all()
        fields["subject_id"].options = [("—", None), *[(c, i) for c, i in codes]]
        fields["subject_id"].value = None

    fields["site_id"].observe(narrow, "value")


def assessment_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A site's response assessment: site, subject, visit, date, overall response (RECIST).

    Reporting a visit again corrects it.
    """
    from workbench.entry.trials import RESPONSES

    fields: dict[str, Any] = {}
    _site_subjects(db, fields)
    fields |= {
        "visit": _text("1"),
        "assessed_on": widgets.DatePicker(value=None),
        "overall": _coded("overall", RESPONSES, lang),
    }
    return EntryForm(db, "assessment", fields, lang=lang, **options)


def adverse_event_form(db: Database, *, lang: str = "zh", **options: Any) -> EntryForm:
    """A site's adverse event report: term and coding, CTCAE grade, seriousness, dates."""
    fields: dict[str, Any] = {}
    _site_subjects(db, fields)
    fields |= {
        "verbatim": _text("皮疹"),
        "preferred_term": _coded("preferred_term", [t.preferred_term for t in ADVERSE_TERMS], lang),
        "soc": _coded("soc", sorted({t.soc for t in ADVERSE_TERMS}), lang),
        "grade": _choice([(str(g), g) for g in range(1, 6)]),
        "serious": widgets.Checkbox(value=False, indent=False),
        "related": widgets.Checkbox(value=False, indent=False),
        "start_on": widgets.DatePicker(value=None),
        "end_on": widgets.DatePicker(value=None),
    }
    return EntryForm(db, "adverse_event", fields, lang=lang, **options)
