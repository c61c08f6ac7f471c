"""Any file given to the camp importer as a laptop's bundle: imported, every row keeping the
gradebook's rules and a second import changing nothing, or refused whole with a one-line
``BundleRefused`` that names what is wrong, the trainer's gradebook and folders row for row
and byte for byte as they were; never another exception.

The damaged files start from a real bundle of a small camp: arbitrary bytes, cuts and flipped
bytes, zips with parts added, dropped, doubled or otherwise compressed, and edits to the
manifest, the gradebook or a trainee's entries, each either left as edited (the checksums
no longer add up) or sealed again as a careful editor would (so the rows themselves are
judged): scores out of range, unknown exercises, another camp's trainees, NULLs, huge
numbers, text with NUL, bidi marks or lone surrogates, an attempt's UUID twice, a table or
a column missing.

CI tries 300 bundles on SQLite, and 30 through ``workbench camp import``; ``FUZZ_PROFILE=deep``
tries 10,000 and 1,000, and prints how they fared (so does ``-v``).
"""

from __future__ import annotations

import collections
import contextlib
import copy
import dataclasses
import datetime as dt
import hashlib
import io
import json
import math
import os
import shutil
import uuid
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, select

import workbench
from tests.training.test_bundles import CAMP, _machine, practise
from workbench import Settings
from workbench.db.gradebook import Attempt, Camp, ExerciseReset, HintShown, Trainee
from workbench.errors import BundleRefused, WorkbenchError
from workbench.training import open_trainee, read_roster
from workbench.training.bundles import export_bundle, import_bundle
from workbench.training.camps import create_camp
from workbench.training.exercises import EXERCISES

DEEP = os.environ.get("FUZZ_PROFILE") == "deep"
EXAMPLES = 10_000 if DEEP else 300

#: a camp on the trainer's machine beside the bundle's: one trainee in both, one its own
OTHER = "gz-2026-12"
OTHER_ROSTER = (
    "name,employee_id,phone,email\n王小明,E0012,13800000001,\n韩梅梅,E0099,13800000009,\n"
)
#: the attempt the trainer's gradebook keeps for the other camp's own trainee
OTHER_UUID = "00000000-0000-4000-8000-000000000099"

#: what the gradebook's tables hold, in a bundle's words
TABLES = {
    "attempts": [
        "uuid", "employee_id", "exercise_id", "round", "kind", "at", "score", "points",
        "hints_used", "checks",
    ],
    "hints": ["employee_id", "exercise_id", "round", "number", "at"],
    "resets": ["employee_id", "exercise_id", "round", "at", "undone_through"],
}  # fmt: skip
CHECK_FIELDS = ["check", "score", "code", "zh", "en"]
MANIFEST_FIELDS = ["format", "workbench", "camp", "made_at", "trainees", "counts", "parts"]

TEXT = st.one_of(
    st.text(max_size=12),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(
        ["", " ", "\x00", "01.1\x00", "\u202e01.1", "E0012\u200f", "\ud800", "E\udcff0012",
         "\n", "王小明", "x" * 5000]
    ),
)  # fmt: skip
#: any value a JSON document may hold in a field, and a few Python lets through
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.sampled_from([2**31, 2**53 + 1, 2**63, -(2**63) - 1, 2**70, 10**400]),
    st.floats(),
    st.sampled_from([-0.0, 0.5, 9.999, 10.0, 10.000001, 1e308, math.inf, -math.inf, math.nan]),
    TEXT,
    # the names, ids and times a bundle holds, right and nearly right
    st.sampled_from(
        ["01.1", "02.1", "07.1", "99.9", "01.1 ", "01.01", "E0012", "E0013", "E0099", "E9999",
         "e0012", CAMP, OTHER, "check", "submit", "SUBMIT", "checks", "2026-12-01T09:00:00",
         "2026-12-01", "2026-12-01T09:00:00+08:00", "9999-12-31T23:59:59.999999",
         "2026-02-30T00:00:00", "wang-xiaoming-E0012", "li-lei-E0013", "han-meimei-E0099",
         "../../escaped", "name", "city", OTHER_UUID, "00000000-0000-4000-8000-00000000000",
         "7FE10DEB-F41A-46BF-B30B-6B04ACC8EE15", "{7fe10deb-f41a-46bf-b30b-6b04acc8ee15}"]
    ),
    st.uuids().map(str),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(st.sampled_from(CHECK_FIELDS), st.integers(0, 1) | st.text(max_size=3)),
)  # fmt: skip


@dataclasses.dataclass(repr=False)
class Trainer:
    """The trainer's machine, the bundle a laptop exported, and what the gradebook held."""

    settings: Settings
    db: workbench.Database
    bundle: bytes
    members: list[tuple[str, bytes]]
    folder: Path
    baseline: tuple[Any, ...]
    tally: collections.Counter[str]

    def __repr__(self) -> str:
        return f"Trainer({self.settings.data_dir})"


def _snapshot(trainer: Trainer | tuple[Settings, workbench.Database]) -> tuple[Any, ...]:
    """Every gradebook row, in order, and every file the trainer keeps beside the stores."""
    settings, db = (trainer.settings, trainer.db) if isinstance(trainer, Trainer) else trainer
    with db.begin() as conn:
        rows = tuple(
            tuple(tuple(row) for row in conn.execute(select(model).order_by(*keys)))
            for model, keys in (
                (Camp, [Camp.camp_id]),
                (Trainee, [Trainee.trainee_id]),
                (Attempt, [Attempt.attempt_id]),
                (HintShown, [HintShown.trainee_id, HintShown.exercise_id, HintShown.round,
                             HintShown.number]),
                (ExerciseReset, [ExerciseReset.trainee_id, ExerciseReset.exercise_id,
                                 ExerciseReset.round]),
            )
        )  # fmt: skip
    files = tuple(
        sorted(
            (str(path.relative_to(settings.data_dir)), _content(path))
            for path in settings.data_dir.rglob("*")
            if not (path.name.endswith(".db") or ".db-" in path.name)  # the stores themselves
        )
    )
    return rows, files


def _content(path: Path) -> bytes:
    return path.read_bytes() if path.is_file() else b"/"  # a folder


def _restore(trainer: Trainer) -> None:
    """The gradebook and the trainees' folders as they were before the first example."""
    with trainer.db.begin() as conn:
        conn.execute(delete(Attempt).where(Attempt.uuid != OTHER_UUID))
        conn.execute(delete(HintShown))
        conn.execute(delete(ExerciseReset))
    kept = dict(trainer.baseline[1])
    for path in sorted(trainer.settings.data_dir.rglob("*"), reverse=True):
        name = str(path.relative_to(trainer.settings.data_dir))
        if path.name.endswith(".db") or ".db-" in path.name:
            continue
        if name not in kept:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        elif path.is_file() and path.read_bytes() != kept[name]:
            path.write_bytes(kept[name])


@pytest.fixture(scope="module")
def tally(request: pytest.FixtureRequest) -> Iterator[collections.Counter[str]]:
    """How the bundles fared, printed at the end when the deep profile ran (or with -v)."""
    counts: collections.Counter[str] = collections.Counter()
    yield counts
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None and (DEEP or request.config.option.verbose):
        keys = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()) if k.startswith("error."))
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nbundle fuzz: {counts['tried']} tried, {counts['imported']} imported, "
                f"{counts['refused']} refused, {counts['other']} other exceptions; refused "
                f"by key: {keys}"
            )


@pytest.fixture(scope="module")
def trainer(
    tmp_path_factory: pytest.TempPathFactory, tally: collections.Counter[str]
) -> Iterator[Trainer]:
    """A laptop's bundle of two trainees (attempts, a hint, a reset, entries) and the trainer's
    machine with the same camp, and another camp whose attempt the gradebook keeps."""
    tmp = tmp_path_factory.mktemp("bundle-fuzz")
    laptop_settings, laptop = _machine(tmp, "laptop")
    practise(laptop_settings)
    me = open_trainee(settings=laptop_settings, camp=CAMP, employee_id="E0013")
    practice = me.exercise("01.1")
    practice.check()
    practice.reset()
    practice.check()
    me.close()
    path = export_bundle(laptop, laptop_settings, CAMP, tmp / "E0012.wbcamp")
    laptop.close()
    settings, db = _machine(tmp, "trainer")
    roster = tmp / "other.csv"
    roster.write_text(OTHER_ROSTER, encoding="utf-8")
    create_camp(db, settings, OTHER, read_roster(roster))
    with db.begin() as conn:
        han = conn.scalar(
            select(Trainee.trainee_id)
            .join(Camp, Camp.camp_id == Trainee.camp_id)
            .where(Camp.code == OTHER, Trainee.employee_id == "E0099")
        )
        conn.execute(
            insert(Attempt).values(
                uuid=OTHER_UUID, trainee_id=han, exercise_id="01.1", round=1, kind="check",
                at=dt.datetime(2026, 12, 1, 9), score=0.0,
                points=EXERCISES["01.1"].points, hints_used=0, checks="[]",
            )
        )  # fmt: skip
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        members = [(name, bundle.read(name)) for name in bundle.namelist()]
    folder = tmp / "usb"
    folder.mkdir()
    yield Trainer(settings, db, data, members, folder, _snapshot((settings, db)), tally)
    db.close()


# --- making damaged bundles -------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dump(value: Any, *, pretty: bool = True) -> bytes:
    """A document as the exporter writes it; a lone surrogate is written as no UTF-8 holds it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1 if pretty else None)
    return text.encode("utf-8", errors="surrogatepass")


def _load(data: bytes) -> Any:
    return json.loads(data)


@dataclasses.dataclass(frozen=True)
class Edit:
    """One change to one JSON document of the bundle, found by position, not by name."""

    doc: int  # 0 the manifest, 1 the gradebook, 2.. an entries part
    path: tuple[int, ...]  # each step picks a child, modulo how many there are
    op: str  # "set", "drop", "twice", "empty", "bytes"
    value: Any = None


@dataclasses.dataclass(frozen=True)
class RowEdit:
    """A change to a row field of the gradebook, by name: the edits the rows are judged on."""

    table: str
    row: int
    field: str
    op: str  # "set", "drop", "drop-column", "drop-table", "twice", "uuid-of", "uuid-other"
    value: Any = None


@dataclasses.dataclass(frozen=True)
class ManifestEdit:
    """A change to the manifest by name: its camp, its trainees, its counts and format."""

    field: str
    index: int
    value: Any


@dataclasses.dataclass(frozen=True)
class Recipe:
    """How one damaged bundle is made from the real one."""

    edits: tuple[Edit | RowEdit | ManifestEdit, ...] = ()
    seal: bool = True  # the manifest's digests and checksum made to add up again
    recount: bool = True  # and its counts
    forge: bool = False  # and an empty entries part for each trainee listed without one
    drop: tuple[int, ...] = ()  # parts left out, by position
    extra: tuple[tuple[str, bytes], ...] = ()  # parts added
    compression: int = zipfile.ZIP_DEFLATED
    flips: tuple[tuple[int, int], ...] = ()  # bytes of the zip changed afterwards
    cut: int | None = None  # the zip cut short to this many bytes


def _child(node: Any, step: int) -> tuple[Any, Any] | None:
    if isinstance(node, dict) and node:
        keys = sorted(node, key=str)
        return node, keys[step % len(keys)]
    if isinstance(node, list) and node:
        return node, step % len(node)
    return None


def _apply(edit: Edit, docs: list[Any]) -> None:
    if not docs:
        return
    slot = edit.doc % len(docs)
    if edit.op == "bytes" or not edit.path:
        docs[slot] = edit.value if edit.op in ("set", "bytes") else None
        return
    parent, key = None, None
    node = docs[slot]
    for step in edit.path:
        found = _child(node, step)
        if found is None:
            break
        parent, key = found
        node = parent[key]
    if parent is None:
        return
    if edit.op == "set":
        parent[key] = copy.deepcopy(edit.value)
    elif edit.op == "drop":
        del parent[key]
    elif edit.op == "twice" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif edit.op == "empty":
        parent[key] = type(node)() if isinstance(node, dict | list | str) else None


def _apply_row(edit: RowEdit, book: Any) -> None:
    if not isinstance(book, dict):
        return
    if edit.op == "drop-table":
        book.pop(edit.table, None)
        return
    rows = book.get(edit.table)
    if not isinstance(rows, list) or not rows:
        return
    if edit.op == "drop-column":
        for row in rows:
            if isinstance(row, dict):
                row.pop(edit.field, None)
        return
    row = rows[edit.row % len(rows)]
    if edit.op == "twice":
        rows.append(copy.deepcopy(row))
    elif not isinstance(row, dict):
        return
    elif edit.op == "uuid-other":  # the UUID of the other camp's attempt
        row["uuid"] = OTHER_UUID
    elif edit.op == "uuid-of":  # one attempt takes another's UUID
        other = rows[(edit.row + 1) % len(rows)]
        if isinstance(other, dict):
            row["uuid"] = other.get("uuid")
    elif edit.op == "drop":
        row.pop(edit.field, None)
    elif edit.field == "checks" and isinstance(row.get("checks"), list) and row["checks"]:
        check = row["checks"][edit.row % len(row["checks"])]
        if isinstance(check, dict):  # one check's field, rather than the whole list
            check[CHECK_FIELDS[edit.row % len(CHECK_FIELDS)]] = copy.deepcopy(edit.value)
    else:
        row[edit.field] = copy.deepcopy(edit.value)


def _apply_manifest(edit: ManifestEdit, manifest: Any) -> None:
    if not isinstance(manifest, dict):
        return
    if edit.field == "trainees" and isinstance(manifest.get("trainees"), list):
        people = manifest["trainees"]
        if edit.value == "add":  # another camp's trainee, or one no camp has
            extra = {"employee_id": "E0099", "name": "韩梅梅", "sandbox": "han-meimei-E0099"}
            people.append(extra if edit.index % 2 else {**extra, "employee_id": "E9999"})
        elif edit.value == "drop" and people:
            people.pop(edit.index % len(people))
        elif people and isinstance(people[edit.index % len(people)], dict):
            field = ["employee_id", "name", "sandbox"][edit.index % 3]
            people[edit.index % len(people)][field] = edit.value
    elif edit.field == "counts" and isinstance(manifest.get("counts"), dict):
        manifest["counts"][list(TABLES)[edit.index % 3]] = edit.value
    else:
        manifest[edit.field] = edit.value


def build(recipe: Recipe, members: list[tuple[str, bytes]]) -> bytes:
    """The bundle ``recipe`` makes of the real one's parts."""
    manifest = _load(dict(members)["manifest.json"])
    names = [name for name, _ in members if name != "manifest.json"]
    docs: list[Any] = [manifest] + [_load(dict(members)[name]) for name in names]
    order = ["manifest.json", *names]
    for edit in recipe.edits:
        if isinstance(edit, Edit):
            _apply(edit, docs)
        elif isinstance(edit, RowEdit):
            _apply_row(edit, docs[order.index("gradebook.json")])
        else:
            _apply_manifest(edit, docs[0])
    parts = {
        name: doc if isinstance(doc, bytes) else _dump(doc)
        for name, doc in zip(order, docs, strict=True)
    }
    for index in recipe.drop:
        parts.pop(order[index % len(order)], None)
    listed = [(name, data) for name, data in parts.items() if name != "manifest.json"]
    manifest = docs[0]
    people = manifest.get("trainees") if isinstance(manifest, dict) else None
    if recipe.forge and isinstance(people, list):
        for person in people:
            part = f"entries/{person.get('sandbox') if isinstance(person, dict) else None}.json"
            if part not in parts:
                listed.append((part, b"[]"))
    listed += list(recipe.extra)
    if recipe.seal and isinstance(manifest, dict):
        manifest.pop("checksum", None)
        manifest["parts"] = {name: _digest(data) for name, data in sorted(listed)}
        book = docs[order.index("gradebook.json")]
        if recipe.recount and isinstance(book, dict):
            manifest["counts"] = {
                k: len(v) if isinstance(v, list) else 0 for k, v in book.items() if k in TABLES
            }
        with contextlib.suppress(TypeError, ValueError):  # a value JSON cannot hold: unsealed
            manifest["checksum"] = _digest(_dump(manifest))
    if "manifest.json" in parts:
        parts["manifest.json"] = manifest if isinstance(manifest, bytes) else _dump(manifest)
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w") as bundle:
        warnings.simplefilter("ignore")  # a part twice is one of the damages
        if "manifest.json" in parts:
            bundle.writestr("manifest.json", parts["manifest.json"], recipe.compression)
        for name, data in listed:
            bundle.writestr(name, data, recipe.compression)
    data = bytearray(out.getvalue())
    for position, byte in recipe.flips:
        data[position % len(data)] = byte
    return bytes(data if recipe.cut is None else data[: recipe.cut % max(len(data), 1)])


PATHS = st.lists(st.integers(0, 40), max_size=5).map(tuple)
EDITS = st.builds(
    Edit,
    doc=st.integers(0, 3),
    path=PATHS,
    op=st.sampled_from(["set", "set", "set", "drop", "twice", "empty", "bytes"]),
    value=VALUES,
).map(
    lambda e: (
        dataclasses.replace(e, value=_dump(e.value)[:-1] if e.value is not None else b"\xff")
        if e.op == "bytes"
        else e
    )
)


@st.composite
def row_edits(draw: st.DrawFn) -> RowEdit:
    table = draw(st.sampled_from(list(TABLES)))
    field = draw(st.sampled_from([*TABLES[table], "extra"]))
    ops = ["set"] * 6 + ["drop", "drop-column", "drop-table", "twice"]
    op = draw(st.sampled_from(ops + (["uuid-of", "uuid-other"] if table == "attempts" else [])))
    return RowEdit(table, draw(st.integers(0, 5)), field, op, draw(VALUES))


MANIFEST_EDITS = st.one_of(
    st.builds(
        ManifestEdit,
        field=st.sampled_from([*MANIFEST_FIELDS, "checksum", "extra"]),
        index=st.integers(0, 5),
        value=st.one_of(VALUES, st.sampled_from(["add", "drop", 1, 2, "1", CAMP, OTHER, "gz"])),
    ),
    # a trainee listed or left out, the bundle relabelled: refused unless the camp has them
    st.builds(ManifestEdit, field=st.just("trainees"), index=st.integers(0, 5),
              value=st.sampled_from(["add", "drop"])),
    st.builds(ManifestEdit, field=st.just("camp"), index=st.just(0),
              value=st.sampled_from([OTHER, "gz", CAMP])),
)  # fmt: skip
MEMBER_NAMES = st.one_of(
    st.sampled_from(
        ["gradebook.json", "manifest.json", "entries/han-meimei-E0099.json",
         "entries/../../escaped.json", "entries/wang-xiaoming-E0012.json", "entries/.json",
         "/abs.json", "entries/li-lei-E0013.json/x", "notes.txt"]
    ),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            min_size=1, max_size=20),
)  # fmt: skip
EXTRA_PARTS = st.tuples(
    MEMBER_NAMES, st.one_of(st.binary(max_size=40), st.just(b"[]"), VALUES.map(_dump))
)

RECIPES = st.builds(
    Recipe,
    edits=st.lists(st.one_of(row_edits(), row_edits(), MANIFEST_EDITS, EDITS), max_size=3).map(
        tuple
    ),
    seal=st.sampled_from([True, True, True, False]),
    recount=st.sampled_from([True, True, True, False]),
    forge=st.booleans(),
    drop=st.one_of(st.just(()), st.lists(st.integers(0, 5), max_size=2).map(tuple)),
    extra=st.one_of(st.just(()), st.lists(EXTRA_PARTS, max_size=2).map(tuple)),
    compression=st.sampled_from(
        [
            zipfile.ZIP_DEFLATED,
            zipfile.ZIP_STORED,
            zipfile.ZIP_BZIP2,
            zipfile.ZIP_LZMA,
            zipfile.ZIP_DEFLATED,
        ]
    ),
    flips=st.one_of(
        st.just(()),
        st.just(()),
        st.just(()),
        st.lists(st.tuples(st.integers(0, 2**16), st.integers(0, 255)), max_size=3).map(tuple),
    ),
    cut=st.one_of(st.none(), st.none(), st.none(), st.none(), st.integers(0, 2**16)),
)

#: a bundle file: made from the real one by a recipe, or any bytes at all
FILES = st.one_of(RECIPES, RECIPES, RECIPES, st.binary(max_size=600))
#: the camp the trainer names on the command line, if any
CAMPS = st.sampled_from([None, None, CAMP, OTHER, "no-such-camp"])


# --- what an import must leave -------------------------------------------------------------------


def _keeps_every_rule(trainer: Trainer, before: tuple[Any, ...], manifest: dict[str, Any]) -> None:
    """Every row of the gradebook keeps its rules; what is new belongs to the bundle's camp."""
    with trainer.db.begin() as conn:
        people = {
            r.trainee_id: (r.code, r.employee_id, r.sandbox)
            for r in conn.execute(
                select(Trainee.trainee_id, Camp.code, Trainee.employee_id, Trainee.sandbox).join(
                    Camp, Camp.camp_id == Trainee.camp_id
                )
            )
        }
        attempts = conn.execute(select(Attempt)).all()
        hints = conn.execute(select(HintShown)).all()
        resets = conn.execute(select(ExerciseReset)).all()
    listed = {t["employee_id"] for t in manifest["trainees"]}
    old = {tuple(row) for table in before[0] for row in table}
    for a in attempts:
        spec = EXERCISES[a.exercise_id]
        assert str(uuid.UUID(a.uuid)) == a.uuid, a
        assert a.kind in ("check", "submit") and a.points == spec.points, a
        assert isinstance(a.score, float) and 0 <= a.score <= a.points, a
        assert isinstance(a.round, int) and 1 <= a.round < 2**31, a
        assert isinstance(a.hints_used, int) and 0 <= a.hints_used <= len(spec.hints), a
        checks = json.loads(a.checks)
        ids = {c.id for c in spec.checks}
        assert isinstance(checks, list), a
        for c in checks:
            assert set(c) == set(CHECK_FIELDS) and c["check"] in ids, a
            assert isinstance(c["score"], float | int) and 0 <= c["score"] <= 1, a
            assert all(isinstance(c[k], str) for k in ("code", "zh", "en")), a
            a.checks.encode("utf-8")
    for h in hints:
        spec = EXERCISES[h.exercise_id]
        assert 1 <= h.number <= len(spec.hints) and 1 <= h.round < 2**31, h
    for r in resets:
        assert r.exercise_id in EXERCISES and 2 <= r.round < 2**31, r
        assert 0 <= r.undone_through < 2**31, r
    for row in [*attempts, *hints, *resets]:
        if tuple(row) not in old:  # new: a trainee of the bundle's camp it lists
            code, employee_id, _ = people[row.trainee_id]
            assert code == manifest["camp"] and employee_id in listed, row
    sandboxes = {s for code, _, s in people.values() if code == manifest["camp"]}
    for name, data in dict(_snapshot(trainer)[1]).items():
        if name not in dict(before[1]) or dict(before[1])[name] != data:
            parts = Path(name).parts
            if data == b"/":  # a folder made for a trainee's entries
                assert parts[:1] == ("training",) and parts[1] in sandboxes, name
                continue
            assert parts[0] == "training" and parts[1] in sandboxes, name
            assert parts[2:] == ("entries.json",), name
            assert isinstance(json.loads(data), list), name


def _one_line(error: WorkbenchError) -> None:
    for lang in ("zh", "en"):
        said = error.message(lang)
        assert said and "\n" not in said and "\r" not in said, said


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recipe=FILES, camp=CAMPS)
def test_any_bundle_imports_keeping_every_rule_or_is_refused_whole(
    trainer: Trainer, recipe: Recipe | bytes, camp: str | None
) -> None:
    trainer.tally["tried"] += 1
    if _snapshot(trainer) != trainer.baseline:
        _restore(trainer)
    before = _snapshot(trainer)
    assert before == trainer.baseline
    data = recipe if isinstance(recipe, bytes) else build(recipe, trainer.members)
    path = trainer.folder / "E0012.wbcamp"
    path.write_bytes(data)
    try:
        added = import_bundle(trainer.db, trainer.settings, path, camp=camp)
    except BundleRefused as exc:
        trainer.tally["refused"] += 1
        trainer.tally[str(exc.key)] += 1
        assert exc.key and exc.key.startswith("error.bundle."), exc
        assert path.name in str(exc) and path.name in exc.message("zh"), exc
        _one_line(exc)
        assert _snapshot(trainer) == before, f"refused ({exc}) yet changed"
        return
    except WorkbenchError as exc:
        trainer.tally["other"] += 1
        raise AssertionError(f"{type(exc).__name__}: {exc}") from exc
    except Exception:
        trainer.tally["other"] += 1
        raise
    trainer.tally["imported"] += 1
    with zipfile.ZipFile(path) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
    assert camp is None or manifest["camp"] == camp
    _keeps_every_rule(trainer, before, manifest)
    after = _snapshot(trainer)
    new = [len(set(a) - set(b)) for a, b in zip(after[0][2:], before[0][2:], strict=True)]
    assert new == [added["attempts"], added["hints"], added["resets"]], (new, added)
    again = import_bundle(trainer.db, trainer.settings, path, camp=camp)
    assert dict(again) == {"attempts": 0, "hints": 0, "resets": 0, "entries": 0}
    assert _snapshot(trainer) == after


def test_the_real_bundle_imports_and_every_recipe_part_makes_a_zip(trainer: Trainer) -> None:
    """The damages start from a bundle that imports: untouched, a recipe remakes it whole."""
    _restore(trainer)
    path = trainer.folder / "real.wbcamp"
    path.write_bytes(build(Recipe(), trainer.members))
    added = import_bundle(trainer.db, trainer.settings, path)
    assert dict(added) == {"attempts": 4, "hints": 1, "resets": 1, "entries": 1}
    _restore(trainer)


@settings(max_examples=max(EXAMPLES // 10, 20), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(recipe=RECIPES)
def test_the_import_command_says_done_or_refused_in_one_line(
    trainer: Trainer, recipe: Recipe
) -> None:
    from workbench.cli import main

    if _snapshot(trainer) != trainer.baseline:
        _restore(trainer)
    path = trainer.folder / "E0013.wbcamp"
    path.write_bytes(build(recipe, trainer.members))
    env = {"WORKBENCH_DATA_DIR": str(trainer.settings.data_dir), "WORKBENCH_DATABASE_URL": None,
           "WORKBENCH_LANG": "en"}  # fmt: skip
    result = CliRunner().invoke(main, ["camp", "import", str(path)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        assert result.output.startswith("error: ") and result.output.count("\n") == 1
        assert _snapshot(trainer) == trainer.baseline
