"""Results from laptops with no network: exported once, imported once and only once, and a
damaged, edited or foreign bundle refused whole."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

import workbench
from workbench import BundleRefused, Settings
from workbench.db.gradebook import Attempt, HintShown
from workbench.training import open_trainee, read_roster
from workbench.training.bundles import export_bundle, import_bundle
from workbench.training.camps import create_camp

from .conftest import run_workbench

ROSTER = "name,employee_id,phone,email\n王小明,E0012,13800000001,\n李雷,E0013,13800000002,\n"
CAMP = "xa-2026-12"


def _machine(tmp_path: Path, who: str, code: str = CAMP) -> tuple[Settings, workbench.Database]:
    """A machine (a laptop, or the trainer's) with the camp created from the same roster."""
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / who)
    db = workbench.connect(settings=settings)
    create_camp(db, settings, code, read_roster(roster))
    return settings, db


def _count(db: workbench.Database, model: type) -> int:
    with db.begin() as conn:
        return int(conn.scalar(select(func.count()).select_from(model)) or 0)


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Settings, workbench.Database]:
    settings, db = _machine(tmp_path, "laptop")
    me = open_trainee(settings=settings, camp=CAMP, employee_id="E0012")
    practice = me.exercise("01.1")
    practice.check()
    practice.hint()
    practice.exercise.solve(practice.ctx)
    practice.submit()
    me.close()
    return settings, db


def test_a_bundle_imports_once_and_a_later_one_adds_only_whats_new(
    laptop: tuple[Settings, workbench.Database], tmp_path: Path
) -> None:
    settings, db = laptop
    trainer_settings, trainer = _machine(tmp_path, "trainer")
    bundle = export_bundle(db, settings, CAMP, tmp_path / "usb" / "E0012.wbcamp")
    first = import_bundle(trainer, trainer_settings, bundle)
    assert (first["attempts"], first["hints"]) == (2, 1) and first["entries"] > 0
    counts = (_count(trainer, Attempt), _count(trainer, HintShown))
    assert counts[0] == 2
    with db.begin() as here, trainer.begin() as there:
        mine = dict(here.execute(select(Attempt.uuid, Attempt.checks)).all())
        theirs = dict(there.execute(select(Attempt.uuid, Attempt.checks)).all())
    assert {k: json.loads(v) for k, v in mine.items()} == {
        k: json.loads(v) for k, v in theirs.items()
    }  # every check's outcome and message came along
    again = import_bundle(trainer, trainer_settings, bundle)  # the same bundle: nothing new
    assert dict(again) == {"attempts": 0, "hints": 0, "resets": 0, "entries": 0}
    assert (_count(trainer, Attempt), _count(trainer, HintShown)) == counts
    me = open_trainee(settings=settings, camp=CAMP, employee_id="E0012")
    me.exercise("03.1").check()  # more work on the laptop, then a later bundle
    me.close()
    later = import_bundle(trainer, trainer_settings, export_bundle(db, settings, CAMP, bundle))
    assert later["attempts"] == 1 and _count(trainer, Attempt) == 3
    history = trainer.engine  # the trainer's gradebook now holds the laptop's scores
    assert history is not None
    from workbench.training.camps import camp_status

    status = camp_status(trainer, CAMP).table.set_index("employee_id")
    assert status.loc["E0012", "exercises_done"] == 1 and status.loc["E0012", "attempts"] == 3
    kept = trainer_settings.data_dir / "training" / "wang-xiaoming-E0012" / "entries.json"
    assert json.loads(kept.read_text(encoding="utf-8"))[0]["actor"].startswith("trainee:")


def _rewrite(bundle: Path, target: Path, change: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            dst.writestr(name, change.get(name, src.read(name)))
    return target


def test_damaged_edited_or_foreign_bundles_are_refused_whole(
    laptop: tuple[Settings, workbench.Database], tmp_path: Path
) -> None:
    settings, db = laptop
    trainer_settings, trainer = _machine(tmp_path, "trainer")
    bundle = export_bundle(db, settings, CAMP, tmp_path / "E0012.wbcamp")
    data = bundle.read_bytes()
    cut = tmp_path / "cut.wbcamp"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(BundleRefused, match="damaged or cut short"):
        import_bundle(trainer, trainer_settings, cut)
    with zipfile.ZipFile(bundle) as z:
        book = json.loads(z.read("gradebook.json"))
    book["attempts"][0]["score"] = 1_000_000
    edited = _rewrite(bundle, tmp_path / "edited.wbcamp",
                      {"gradebook.json": json.dumps(book).encode()})  # fmt: skip
    with pytest.raises(BundleRefused, match="edited"):
        import_bundle(trainer, trainer_settings, edited)
    with zipfile.ZipFile(bundle) as z:
        manifest = json.loads(z.read("manifest.json"))
    manifest["camp"] = "gz-2026-12"
    relabelled = _rewrite(bundle, tmp_path / "relabelled.wbcamp",
                          {"manifest.json": json.dumps(manifest).encode()})  # fmt: skip
    with pytest.raises(BundleRefused, match="edited"):
        import_bundle(trainer, trainer_settings, relabelled)
    with pytest.raises(BundleRefused, match="not of 'gz-2026-12'"):
        import_bundle(trainer, trainer_settings, bundle, camp="gz-2026-12")
    elsewhere_settings, elsewhere = _machine(tmp_path, "other", code="gz-2026-12")
    with pytest.raises(BundleRefused, match="not on this machine"):
        import_bundle(elsewhere, elsewhere_settings, bundle)
    assert _count(trainer, Attempt) == 0 and _count(elsewhere, Attempt) == 0  # nothing at all


def test_the_camp_commands_export_and_import(
    laptop: tuple[Settings, workbench.Database], tmp_path: Path
) -> None:
    settings, _db = laptop
    trainer_settings, _trainer = _machine(tmp_path, "trainer")

    def run(data: Path, *args: str) -> SimpleNamespace:
        return run_workbench("camp", *args, data=data)

    out = tmp_path / "E0012.wbcamp"
    assert run(settings.data_dir, "export", CAMP, "--out", str(out)).returncode == 0
    done = run(trainer_settings.data_dir, "import", str(out))
    assert done.returncode == 0 and "2 new attempts" in done.stdout
    assert "0 new attempts" in run(trainer_settings.data_dir, "import", str(out)).stdout
    out.write_bytes(out.read_bytes()[:100])
    refused = run(trainer_settings.data_dir, "import", str(out))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.count("\n") == 1 and "cut short" in refused.stderr
