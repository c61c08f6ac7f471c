"""A store this user may read but not write: ``info``, ``export`` and cuts read it, nothing
migrates it, and every write is refused in one line that leaves the file as it was.

File modes do not bind root, so as root the commands run as ``nobody`` in a subprocess, on a
store in a folder of root's that ``nobody`` may read but not write; as any other user the
store and its folder are made read-only with ``chmod``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench
from tests.entry.test_activity import _good_call
from workbench import Database, StoreRefused, entry
from workbench.cli import main
from workbench.db import migrate
from workbench.db.bulk import load_tables
from workbench.db.readonly import read_only_uri
from workbench.sample import World, load_sample

ROOT = Path(__file__).resolve().parents[2]
AS_ROOT = os.geteuid() == 0
NOBODY = 65534

#: an entry saved from a script: the key of the error it ends in, on stdout
SAVE = """
import json, sys
import workbench
from workbench import entry
db = workbench.connect(sys.argv[1])
try:
    entry.save(db, "call", json.loads(sys.argv[2]))
except workbench.WorkbenchError as exc:
    print(exc.key)
    sys.exit(1)
"""


@dataclass(frozen=True)
class Place:
    """A read-only store, and a folder the reader may write to."""

    store: Path
    out: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.store}"

    def files(self) -> dict[str, str]:
        """Each file beside the store (the store's own -wal and -shm too), by its hash."""
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in self.store.parent.iterdir()
        }


def _reader_env(out: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "XDG_"))}
    return env | {
        "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])]),
        "HOME": str(out),
        "TMPDIR": str(out),
        "XDG_DATA_HOME": str(out / "xdg"),
        "WORKBENCH_DATA_DIR": str(out / "data"),
        "LANGUAGE": "en",
    }


def _as_reader(out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python *args`` as a user who may not write the store: nobody when we are root."""
    who = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if AS_ROOT else {}
    return subprocess.run(
        [sys.executable, *args],
        env=_reader_env(out),
        cwd=out,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **who,  # type: ignore[call-overload]
    )


def _workbench(place: Place, *args: str) -> subprocess.CompletedProcess[str]:
    return _as_reader(place.out, "-m", "workbench", *args, "--database", place.url)


def _one_line(result: subprocess.CompletedProcess[str], *says: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    for words in says:
        assert words in result.stderr, result.stderr


def _shared() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="workbench-read-only-"))
    folder.chmod(0o755)
    yield folder
    for inside in folder.rglob("*"):  # what was made read-only is given back to be removed
        if inside.is_dir() and not inside.is_symlink():
            inside.chmod(0o755)
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def reader() -> Iterator[None]:
    """The reader can run this Python on these sources, or the tests that need it skip."""
    for folder in _shared():
        out = folder / "out"
        out.mkdir()
        out.chmod(0o777)
        probe = _as_reader(out, "-c", "import workbench")
        if probe.returncode != 0:
            pytest.skip(f"this Python cannot be run as the reader: {probe.stderr[-300:]}")
        yield


@pytest.fixture
def shared(reader: None) -> Iterator[Path]:
    """A folder of this user's that everyone may enter and read (a test's own is private)."""
    yield from _shared()


def _lock(store: Path) -> None:
    """The store and its folder, readable by everyone and writable by none but root."""
    store.chmod(0o444 if not AS_ROOT else 0o644)
    store.parent.chmod(0o555 if not AS_ROOT else 0o755)


def _place(shared: Path, source: Database) -> Place:
    store = shared / "store" / "crm.db"
    store.parent.mkdir()
    assert source.path is not None
    with closing(sqlite3.connect(source.path)) as conn, closing(sqlite3.connect(store)) as copy:
        conn.backup(copy)
    return Place(store, _readers_own(shared))


def _readers_own(shared: Path) -> Path:
    """A folder in ``shared`` the reader may write to: for exports, cuts, its data folder."""
    out = shared / "out"
    out.mkdir()
    out.chmod(0o777)
    if AS_ROOT:
        os.chown(out, NOBODY, NOBODY)
    return out


@pytest.fixture
def place(shared: Path, camp_db: Database) -> Place:
    """The camp world, in WAL mode, closed cleanly (no -wal beside it), locked."""
    made = _place(shared, camp_db)
    with closing(sqlite3.connect(made.store)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert sorted(made.files()) == ["crm.db"]
    _lock(made.store)
    return made


def test_info_export_and_a_cut_read_a_store_this_user_may_not_write(
    place: Place, camp_db: Database, tmp_path: Path
) -> None:
    theirs = CliRunner().invoke(main, ["export", str(tmp_path / "owner"), "--database", place.url])
    assert theirs.exit_code == 0, theirs.output
    before = place.files()
    info = _workbench(place, "info")
    assert info.returncode == 0, info.stderr
    rows = dict(line.split() for line in info.stdout.splitlines()[2:])
    assert rows == {table: f"{n:,}" for table, n in camp_db.counts().items()}
    mine = _workbench(place, "export", str(place.out / "export"))
    assert mine.returncode == 0, mine.stderr
    owner = sorted(p.name for p in (tmp_path / "owner").iterdir())
    assert owner and sorted(p.name for p in (place.out / "export").iterdir()) == owner
    for name in owner:
        assert (place.out / "export" / name).read_bytes() == (
            tmp_path / "owner" / name
        ).read_bytes()
    cut = _workbench(place, "cut", "--out", str(place.out / "cuts"))
    assert cut.returncode == 0 and "16,775 rows" in cut.stdout, cut.stderr
    assert place.files() == before  # nothing was made beside it, nothing in it changed


def test_every_write_is_refused_in_one_line_and_changes_nothing(place: Place) -> None:
    db = workbench.connect(place.url)  # the owner picks a call to enter
    call = _good_call(db)
    db.close()
    before = place.files()
    for command in (["sample", "--replace"], ["init"]):
        _one_line(_workbench(place, *command), "is read-only", "nothing was written")
    saved = _as_reader(place.out, "-c", SAVE, place.url, json.dumps(call))
    assert (saved.returncode, saved.stdout.strip()) == (1, "error.store.read_only"), saved.stderr
    assert place.files() == before


def test_a_store_its_owner_is_writing_is_read_with_the_owner_s_last_commit(
    shared: Path, camp_db: Database
) -> None:
    place = _place(shared, camp_db)
    owner = sqlite3.connect(place.store)
    try:
        owner.execute("DELETE FROM audit")
        owner.commit()  # its -wal and -shm are made; the modes bind only who opens it next
        _lock(place.store)
        assert {"crm.db-wal", "crm.db-shm"} <= set(place.files())
        info = _workbench(place, "info")
        assert info.returncode == 0, info.stderr
        assert info.stdout.splitlines()[-1].split() == ["audit", "0"]
        _one_line(_workbench(place, "sample", "--replace"), "is read-only")
    finally:
        owner.close()


def test_a_read_only_store_of_an_older_schema_is_one_line_naming_both_versions(
    shared: Path,
) -> None:
    store = shared / "store" / "crm.db"
    store.parent.mkdir()
    db = workbench.connect(f"sqlite:///{store}", migrate=False)
    migrate.upgrade(db.engine, "0005")
    db.close()
    _lock(store)
    place = Place(store, _readers_own(shared))
    before = place.files()
    result = _workbench(place, "info")
    _one_line(result, "is read-only", "version 0005", migrate.head_revision(), "workbench init")
    assert place.files() == before


# --- in this process: the choice of how to open, with os.access told what to say --------


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.access`` says no write is allowed anywhere (root may write whatever the modes)."""
    real = os.access

    def access(path: object, mode: int, **kwargs: object) -> bool:
        return False if mode & os.W_OK else real(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)


def test_a_writable_or_missing_file_is_opened_as_usual(tmp_path: Path) -> None:
    path = tmp_path / "crm.db"
    assert read_only_uri(path) is None
    workbench.connect(f"sqlite:///{path}").close()
    assert read_only_uri(path) is None


@pytest.mark.parametrize(
    ("journal", "query"), [("wal", "mode=ro&immutable=1"), ("delete", "mode=ro")]
)
def test_an_unwritable_file_opens_read_only_and_refuses_a_write(
    tmp_path: Path, unwritable: None, journal: str, query: str
) -> None:
    path = tmp_path / "crm.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA journal_mode={journal}")
    path.chmod(0o444)
    assert read_only_uri(path) == f"{path.as_uri()}?{query}"
    with pytest.raises(StoreRefused, match=r"is read-only.*workbench init") as refused:
        workbench.connect(f"sqlite:///{path}")  # an empty file: no schema to read
    assert refused.value.key == "error.store.read_only_schema"
    assert "version none" in str(refused.value)


def test_a_store_at_head_opens_read_only_reads_and_refuses_an_entry(
    camp_copy: Database, unwritable: None
) -> None:
    assert camp_copy.path is not None
    call = _good_call(camp_copy)
    camp_copy.close()
    before = camp_copy.path.read_bytes()
    db = workbench.connect(f"sqlite:///{camp_copy.path}")
    try:
        assert db.read_only and db.counts()["doctor"] == 600
        with pytest.raises(StoreRefused) as refused:
            entry.save(db, "call", call)
        assert refused.value.key == "error.store.read_only"
    finally:
        db.close()
    assert camp_copy.path.read_bytes() == before


def test_rows_loaded_into_a_read_only_store_are_refused_in_one_error(
    tmp_path: Path, camp_world: World, unwritable: None
) -> None:
    """The rows go in through the driver's own cursor: its refusal is said like any other."""
    path = tmp_path / "crm.db"
    workbench.connect(f"sqlite:///{path}").close()  # a new file is made as asked, empty
    db = workbench.connect(f"sqlite:///{path}")
    try:
        assert db.read_only
        with pytest.raises(StoreRefused, match="attempt to write a readonly database"):
            load_tables(db, {"region": camp_world["region"]})
        with pytest.raises(StoreRefused) as refused:
            load_sample(db, "camp")  # refused before the world is built
        assert refused.value.key == "error.store.read_only"
    finally:
        db.close()
    assert db.counts()["region"] == 0
