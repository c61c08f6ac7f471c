"""Results from laptops with no network: exported once, imported once and only once, and a
damaged, edited or foreign bundle refused whole."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

import workbench
from workbench import BundleRefused, FileUnusable, Settings
from workbench.db.gradebook import Attempt, HintShown
from workbench.training import _bundle_reading, open_trainee, read_roster
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


def practise(settings: Settings, employee_id: str = "E0012") -> None:
    """A trainee checks exercise 01.1, takes a hint, solves it and submits."""
    me = open_trainee(settings=settings, camp=CAMP, employee_id=employee_id)
    practice = me.exercise("01.1")
    practice.check()
    practice.hint()
    practice.exercise.solve(practice.ctx)
    practice.submit()
    me.close()


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Settings, workbench.Database]:
    settings, db = _machine(tmp_path, "laptop")
    practise(settings)
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


def _sealed(bundle: Path, target: Path, edit: Callable[[dict[str, Any], dict[str, Any]], None],
            extra: dict[str, bytes] | None = None, recount: bool = True) -> Path:  # fmt: skip
    """The bundle with its manifest and gradebook edited, then sealed again as an editor who
    knows the format would: every digest and the checksum add up."""
    with zipfile.ZipFile(bundle) as src:
        parts = {n: src.read(n) for n in src.namelist() if n != "manifest.json"}
        manifest = json.loads(src.read("manifest.json"))
    book = json.loads(parts["gradebook.json"])
    edit(manifest, book)
    parts["gradebook.json"] = json.dumps(book, ensure_ascii=False).encode("utf-8", "surrogatepass")
    parts.update(extra or {})
    if recount:
        manifest["counts"] = {table: len(rows) for table, rows in book.items()}
    manifest.pop("checksum")
    manifest["parts"] = {n: hashlib.sha256(d).hexdigest() for n, d in parts.items()}
    manifest["checksum"] = hashlib.sha256(
        json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    ).hexdigest()
    with zipfile.ZipFile(target, "w") as dst:
        dst.writestr("manifest.json", json.dumps(manifest))
        for name, data in parts.items():
            dst.writestr(name, data)
    return target


def _set(table: str, field: str, value: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def edit(_manifest: dict[str, Any], book: dict[str, Any]) -> None:
        book[table][0][field] = value

    return edit


#: an edit to a bundle's rows, and how the refusal names what it changed
FORGERIES: list[tuple[Callable[[dict[str, Any], dict[str, Any]], None], str]] = [
    (_set("attempts", "score", 1_000_000), r"attempts\[0\]\.score is 1000000"),
    (_set("attempts", "score", float("nan")), r"attempts\[0\]\.score is nan"),
    (_set("attempts", "points", 1_000_000), r"attempts\[0\]\.points"),
    (_set("attempts", "exercise_id", "99.9"), r"attempts\[0\]\.exercise_id is '99\.9'"),
    (_set("attempts", "employee_id", "E9999"), r"attempts\[0\]\.employee_id is 'E9999'"),
    (_set("attempts", "round", 2**70), r"attempts\[0\]\.round"),
    (_set("attempts", "kind", None), r"attempts\[0\]\.kind is None"),
    (_set("attempts", "at", "2026-12-01T09:00:00+08:00"), r"attempts\[0\]\.at"),
    (_set("attempts", "checks", [{"check": "name", "score": 1, "code": "c", "zh": "\ud800",
                                  "en": "x"}]), r"attempts\[0\]\.checks\[0\]\.zh is '\\ud800'"),
    (_set("hints", "number", 99), r"hints\[0\]\.number is 99"),
    (_set("hints", "round", 0), r"hints\[0\]\.round is 0"),
    (_set("hints", "at", "\u202e2026"), r"hints\[0\]\.at is '\\u202e2026'"),
    (lambda _m, book: book["attempts"].append(dict(book["attempts"][0])),
     r"attempts\[2\]\.uuid .* twice"),
    (lambda _m, book: book.pop("resets"), "has no gradebook.json resets"),
    (lambda _m, book: book["attempts"][1].pop("score"), r"no gradebook.json attempts\[1\]\.sc"),
    (lambda _m, book: book["attempts"].pop(), "manifest.json counts"),  # not recounted
]  # fmt: skip


def test_a_sealed_bundle_with_a_row_the_gradebook_does_not_take_is_refused_naming_it(
    laptop: tuple[Settings, workbench.Database], tmp_path: Path
) -> None:
    settings, db = laptop
    trainer_settings, trainer = _machine(tmp_path, "trainer")
    bundle = export_bundle(db, settings, CAMP, tmp_path / "E0012.wbcamp")
    for edit, named in FORGERIES:
        forged = _sealed(bundle, tmp_path / "forged.wbcamp", edit, recount="counts" not in named)
        with pytest.raises(BundleRefused, match=named) as refused:
            import_bundle(trainer, trainer_settings, forged)
        said = refused.value.message("zh")
        assert "\n" not in said and "forged.wbcamp" in said
    assert _count(trainer, Attempt) == 0 and _count(trainer, HintShown) == 0
    assert not list((trainer_settings.data_dir / "training").rglob("entries.json"))


def test_a_bundle_cannot_take_another_trainees_attempt_or_write_outside_their_folders(
    laptop: tuple[Settings, workbench.Database], tmp_path: Path
) -> None:
    settings, db = laptop
    trainer_settings, trainer = _machine(tmp_path, "trainer")
    bundle = export_bundle(db, settings, CAMP, tmp_path / "E0012.wbcamp")
    import_bundle(trainer, trainer_settings, bundle)
    with zipfile.ZipFile(bundle) as z:
        taken = json.loads(z.read("gradebook.json"))["attempts"][0]["uuid"]

    def to_li_lei(_manifest: dict[str, Any], book: dict[str, Any]) -> None:
        for attempt in book["attempts"]:
            attempt["employee_id"] = "E0013"  # the same attempts, now another trainee's

    forged = _sealed(bundle, tmp_path / "forged.wbcamp", to_li_lei)
    with pytest.raises(BundleRefused, match=f"attempt {taken}.* another trainee"):
        import_bundle(trainer, trainer_settings, forged)
    escaping = _sealed(bundle, tmp_path / "escaping.wbcamp", lambda _m, _b: None,
                       extra={"entries/../../escaped.json": b"[]"})  # fmt: skip
    with pytest.raises(BundleRefused, match="a part a camp bundle does not have"):
        import_bundle(trainer, trainer_settings, escaping)
    assert not (trainer_settings.data_dir / "training" / "escaped").exists()
    assert _count(trainer, Attempt) == 2


def test_a_bundle_that_does_not_unpack_or_is_no_file_is_refused_in_one_line(
    laptop: tuple[Settings, workbench.Database], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, db = laptop
    trainer_settings, trainer = _machine(tmp_path, "trainer")
    bundle = export_bundle(db, settings, CAMP, tmp_path / "E0012.wbcamp")
    data = bytearray(bundle.read_bytes())
    with zipfile.ZipFile(bundle) as z:
        info = z.getinfo("gradebook.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 10 : start + 20] = b"\xff" * 10  # the deflated gradebook, broken inside
    broken = tmp_path / "broken.wbcamp"
    broken.write_bytes(bytes(data))
    with pytest.raises(BundleRefused, match="damaged or cut short"):
        import_bundle(trainer, trainer_settings, broken)
    with pytest.raises(FileUnusable, match="cannot be opened"):
        import_bundle(trainer, trainer_settings, tmp_path)  # a folder
    listed = tmp_path / "list.wbcamp"
    with zipfile.ZipFile(listed, "w") as z:
        z.writestr("manifest.json", "[1, 2]")
    with pytest.raises(BundleRefused, match="has been edited"):
        import_bundle(trainer, trainer_settings, listed)
    assert _count(trainer, Attempt) == 0
    with zipfile.ZipFile(bundle) as z:
        unpacked = sum(info.file_size for info in z.infolist())
    assert bundle.stat().st_size < unpacked
    monkeypatch.setattr(_bundle_reading, "MAX_UNPACKED", unpacked - 1)  # one byte too many
    with pytest.raises(BundleRefused, match="more than a camp bundle holds"):
        import_bundle(trainer, trainer_settings, bundle)
    monkeypatch.setattr(_bundle_reading, "MAX_UNPACKED", unpacked)  # just within
    assert import_bundle(trainer, trainer_settings, bundle)["attempts"] == 2
