"""The apps' messages, one part per app (each app's keys start with its own prefix)."""

from __future__ import annotations

from workbench.i18n import (
    app_data_quality,
    app_key_accounts,
    app_plan_review,
    app_site_reporting,
    app_trial_monitor,
)

__all__ = ["MESSAGES", "PARTS"]

#: one catalogue part per app
PARTS = (
    app_plan_review,
    app_key_accounts,
    app_data_quality,
    app_site_reporting,
    app_trial_monitor,
)

MESSAGES: dict[str, dict[str, str]] = {k: v for part in PARTS for k, v in part.MESSAGES.items()}
