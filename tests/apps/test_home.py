"""The home app as a widget: no browser needed."""

from __future__ import annotations

from workbench import Database, Settings
from workbench.apps import home
from workbench.i18n import text


def test_home_shows_the_world_in_chinese_then_english(
    camp_db: Database, settings: Settings
) -> None:
    app = home.build(settings, db=camp_db)
    switch, body = app.children
    counts = camp_db.counts()
    assert "医药代表 CRM 工作台" in body.value
    assert f"{counts['doctor']:,}" in body.value
    assert "2026-06-01" in body.value
    switch.value = "en"
    assert "Pharma CRM Workbench" in body.value
    assert "Doctors" in body.value
    switch.value = "zh"
    assert "医生" in body.value


def test_home_on_an_empty_database_says_so(empty_db: Database, settings: Settings) -> None:
    app = home.build(Settings(data_dir=settings.data_dir, lang="en"), db=empty_db)
    assert "no calls yet" in app.children[1].value


def test_home_links_every_app_with_what_it_is_for(camp_db: Database, settings: Settings) -> None:
    from workbench.resources import APPS

    app = home.build(settings, db=camp_db)
    switch, body = app.children
    for lang in ("zh", "en"):
        switch.value = lang
        for name, notebook in APPS.items():
            if name == "home":
                continue
            link = f"<a href='{notebook}' target='_self'><b>{text(f'app.{name}.title', lang)}</b>"
            assert link in body.value
            assert text(f"app.{name}.text", lang) in body.value
