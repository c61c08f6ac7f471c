"""Every manager app on the one server `workbench start` runs, in headless chromium, offline.

Per app: it loads with no console error, its chart draws, a filter changes what it shows, and
the language switch leaves no label of the other language. Then the manager's Monday: the
front page leads to the plan review, which shows this week's conflicts; a plan is returned
with a comment, and the rep's plan form shows it. Every request outside 127.0.0.1 is blocked
and recorded; the tests fail if there is any.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench import Settings, connect
from workbench.i18n import MESSAGES

from .conftest import Served
from .language import OWN, assert_text_in_one_language
from .test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    _chromium,  # noqa: F401 (the fixture: skip, or fail in CI, without chromium)
    _only_this_machine,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("apps-browser")]


@dataclass(frozen=True)
class App:
    notebook: str
    title: str  # the Chinese title, shown once the app has drawn
    messages: dict[str, dict[str, str]]
    filter_label: str | None  # a dropdown whose second choice changes the page
    chart: bool


APPS = {
    "plan-review": App("plan_review.ipynb", "周一计划审阅", OWN["plan-review"], "计划周", False),
    "key-accounts": App("key_accounts.ipynb", "重点客户", OWN["key-accounts"], "按", True),
    "data-quality": App("data_quality.ipynb", "数据质量", OWN["data-quality"], "大区", True),
    "site-reporting": App(
        "site_reporting.ipynb", "试验中心上报", OWN["site-reporting"], "试验中心", False
    ),
    "trial-monitor": App(
        "trial_monitor.ipynb",
        "临床试验监测",
        {k: v for k, v in MESSAGES.items() if k.startswith("trial.")},
        None,
        True,
    ),
}


def _browser(p):  # type: ignore[no-untyped-def]
    return p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def _open(page, url: str, title: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url, wait_until="domcontentloaded", timeout=180_000)
    page.get_by_text(title).first.wait_for(timeout=180_000)
    # the title paints in the app's frame first; the app takes the frame's note away
    page.locator(".workbench-frame").first.wait_for(timeout=180_000)
    page.locator(".workbench-opening").wait_for(state="detached", timeout=180_000)


def _body(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.inner_text("body"))


@pytest.mark.parametrize("name", list(APPS))
def test_each_app_draws_filters_and_switches_language_offline(
    served: Served, name: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    app = APPS[name]
    outside: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.route("**/*", _only_this_machine(outside))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            fetched: list[str] = []
            page.on("request", lambda r: fetched.append(r.url))
            _open(page, f"{served.url}voila/render/{app.notebook}", app.title)
            if app.chart:
                page.wait_for_function(
                    "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks')"
                    ".length >= 1",
                    timeout=120_000,
                )
                # the chart's Vega bundle came from the server, not inside the page's widget
                assert any(u.endswith("/voila/static/workbench-vega.js") for u in fetched)
            if app.filter_label is not None:
                select = page.locator(
                    f".widget-dropdown:has(label:text-is('{app.filter_label}')) select"
                ).first
                before = _body(page)
                options = select.locator("option").all_inner_texts()
                assert len(options) >= 2, f"{name}: the filter offers {options}"
                select.select_option(index=1)
                page.wait_for_function(
                    "before => document.body.innerText !== before", arg=before, timeout=60_000
                )
            page.screenshot(path=str(tmp_path / f"{name}-zh.png"), full_page=True)
            assert_text_in_one_language(_body(page), "zh", app.messages, allowed=None)
            page.get_by_role("button", name="English").first.click()
            page.wait_for_function(
                "() => !/[\u4e00-\u9fff]{2,}/.test("
                "Array.from(document.querySelectorAll('label, th, h2, h3, button'))"
                ".map(e => e.innerText).join(' ').replace('中文', ''))",
                timeout=60_000,
            )
            page.screenshot(path=str(tmp_path / f"{name}-en.png"), full_page=True)
            assert_text_in_one_language(_body(page), "en", app.messages, allowed=None)
        finally:
            browser.close()
    assert outside == [], f"{name} reached outside this machine: {outside}"
    assert errors == [], f"{name} logged errors: {errors}"


def test_the_managers_monday_a_plan_returned_reaches_the_reps_form(
    served: Served, tmp_path: Path
) -> None:
    """Done-when: from the front page to the review, this week's conflicts, a plan returned
    with a comment; the rep's plan form then shows the decision and the comment."""
    from playwright.sync_api import expect, sync_playwright

    from workbench.forms import plan_form

    comment = "请把重点客户排进周三"
    outside: list[str] = []
    with sync_playwright() as p:
        browser = _browser(p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.route("**/*", _only_this_machine(outside))
            page.goto(served.url, wait_until="domcontentloaded", timeout=180_000)
            page.get_by_role("link", name="周一计划审阅").click(timeout=180_000)
            page.get_by_text("周一计划审阅：").wait_for(timeout=180_000)
            expect(page.locator(".workbench-flags")).to_contain_text("多位代表计划同一医生")
            plan = page.locator(".widget-dropdown:has(label:text-is('计划')) select").first
            chosen = plan.locator("option:checked").inner_text()
            page.locator(".widget-textarea textarea").first.fill(comment)
            page.get_by_role("button", name="退回").click()
            expect(page.get_by_text("的计划：已退回")).to_be_visible(timeout=60_000)
            page.screenshot(path=str(tmp_path / "monday.png"), full_page=True)
        finally:
            browser.close()
    assert outside == [], f"the review reached outside this machine: {outside}"

    settings = Settings(data_dir=served.data)
    db = connect(settings=settings)
    from workbench.cuts import list_cuts

    # `start` took the first cut before any page: every app opened on it, none took its own
    assert len(list_cuts(settings=settings, of=db)) == 1
    try:
        from sqlalchemy import select

        from workbench.db.models import Plan

        with db.session() as session:
            returned = session.execute(
                select(Plan.rep_id, Plan.week_start).where(Plan.manager_comment == comment)
            ).all()
        assert len(returned) == 1, chosen
        rep_id, week = returned[0]
        form = plan_form(db, lang="zh", settings=settings)
        form.fields["rep_id"].value = rep_id
        form.fields["week_start"].value = week
        banner = form.plan_status.value  # type: ignore[attr-defined]
        assert "已退回" in banner and comment in banner
        assert isinstance(week, dt.date) and re.search(r"\d{4}-\d{2}-\d{2}", banner)
    finally:
        db.close()
