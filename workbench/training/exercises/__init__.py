"""Every exercise, by id, and the modules they belong to."""

from __future__ import annotations

from workbench.training.exercises import (
    m01_tour,
    m02_customers,
    m03_calls,
    m04_plans,
    m05_events,
    m06_territory,
    m07_quality,
)
from workbench.training.spec import Exercise, T

__all__ = ["EXERCISES", "MODULES"]

#: module -> (title, notebook file in training_modules/)
MODULES: dict[str, tuple[T, str]] = {
    "01": (T("工作台导览", "The workbench tour"), "01_workbench_tour.ipynb"),
    "02": (T("客户主数据", "Customer master data"), "02_customer_master_data.ipynb"),
    "03": (T("拜访报告", "Call reports"), "03_call_reports.ipynb"),
    "04": (T("周拜访计划", "Weekly call plans"), "04_weekly_call_plans.ipynb"),
    "05": (
        T("学术会议与邀请", "Academic events and invitations"),
        "05_events_and_invitations.ipynb",
    ),
    "06": (T("读懂你的辖区", "Reading your territory"), "06_reading_your_territory.ipynb"),
    "07": (T("数据质量习惯", "Data-quality habits"), "07_data_quality_habits.ipynb"),
}

_BY_MODULE = (m01_tour, m02_customers, m03_calls, m04_plans, m05_events, m06_territory, m07_quality)

EXERCISES: dict[str, Exercise] = {e.id: e for module in _BY_MODULE for e in module.EXERCISES}
