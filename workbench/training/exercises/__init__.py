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
    "01": (T("exercise.module.01"), "01_workbench_tour.ipynb"),
    "02": (T("exercise.module.02"), "02_customer_master_data.ipynb"),
    "03": (T("exercise.module.03"), "03_call_reports.ipynb"),
    "04": (T("exercise.module.04"), "04_weekly_call_plans.ipynb"),
    "05": (
        T("exercise.module.05"),
        "05_events_and_invitations.ipynb",
    ),
    "06": (T("exercise.module.06"), "06_reading_your_territory.ipynb"),
    "07": (T("exercise.module.07"), "07_data_quality_habits.ipynb"),
}

_BY_MODULE = (m01_tour, m02_customers, m03_calls, m04_plans, m05_events, m06_territory, m07_quality)

EXERCISES: dict[str, Exercise] = {e.id: e for module in _BY_MODULE for e in module.EXERCISES}
