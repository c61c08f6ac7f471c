"""The database handle: ``connect()`` opens, creates and migrates; ``Database`` wraps the engine.

Database errors are converted here, at the boundary, into the workbench's own exceptions
with a one-line message that says what to do; a failed unit of work is rolled back whole.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, sessionmaker, with_loader_criteria

from workbench.access import GROUP_ROLES, OWNER, Scope, Viewer, role_name
from workbench.config import Settings, private_folder
from workbench.db import migrate as _migrate
from workbench.db.models import TABLE_ORDER, Audit, Base
from workbench.db.readonly import open_read_only, read_only_uri
from workbench.errors import (
    ConfigError,
    FileUnusable,
    ForeignStore,
    NotPermitted,
    RuleViolation,
    StoreLocked,
    StoreRefused,
    StoreUnavailable,
    WorkbenchError,
)

__all__ = ["TEMPLATE_DATABASES", "Database", "connect", "parse_url", "translate_error"]

#: How long SQLite waits for another writer before giving up (milliseconds).
SQLITE_BUSY_TIMEOUT_MS = 5000

#: PostgreSQL's template databases: every database made later is a copy of one, so the
#: workbench's tables there would turn up in each
TEMPLATE_DATABASES = frozenset({"template0", "template1"})


def connect(
    url: str | None = None,
    *,
    settings: Settings | None = None,
    migrate: bool = True,
    viewer: Viewer | str | None = None,
) -> Database:
    """Open the workbench database, creating and migrating it on first use.

    Parameters
    ----------
    url
        Any SQLAlchemy URL. ``None`` takes ``settings.database_url``, else the embedded
        SQLite file in the settings' data folder. ``postgresql://`` URLs use psycopg 3.
    settings
        Settings to take the URL and data folder from; ``None`` means the defaults (the
        environment is read by the command line and notebooks' first cells, not here).
    migrate
        Bring the schema to the newest version (the default). With ``False`` the schema is
        left as it is. An SQLite file this user may read but not write (nor its folder) is
        opened read-only and never migrated: its schema must be at the newest version.
    viewer
        Who is looking (:mod:`workbench.access`); ``None`` takes ``settings.viewer``, and
        none there is the store's owner, who sees and writes everything. Any other viewer
        sees and writes only their part: every ORM query, cut, export and count of the
        returned database is limited to it, and on PostgreSQL its connections run as the
        viewer's own server role, bound by the store's row-level security.

    Returns
    -------
    Database
        The open database; ``close()`` releases its connections.

    Raises
    ------
    ConfigError
        The URL is malformed, names a driver that is not installed, or names one of
        PostgreSQL's template databases (every new database is copied from those).
    StoreUnavailable
        The database server cannot be reached, or the file or database cannot be opened.
    StoreLocked
        Another program holds a lock on the database.
    StoreRefused
        The database refused the operation: no permission, read-only, or a full disk; or it
        is read-only and its schema is not at the newest version.
    ForeignStore
        The database is not a workbench database, or its schema is newer than this version.
    NotPermitted
        The viewer is not in this store (no such manager, rep or trainee).

    Examples
    --------
    >>> import workbench
    >>> db = workbench.connect("sqlite://")   # in memory
    >>> db.counts()["doctor"]
    0
    """
    settings = settings if settings is not None else Settings()
    raw = url or settings.resolved_database_url
    sa_url = parse_url(raw)
    # libpq takes the path or ?dbname=, and with neither the user's name
    named = sa_url.database or sa_url.query.get("dbname") or sa_url.username
    if sa_url.get_backend_name() == "postgresql" and named in TEMPLATE_DATABASES:
        raise ConfigError(key="error.store.template_database", url=_masked(sa_url), name=named)
    if sa_url.get_backend_name() == "sqlite" and sa_url.database not in (None, "", ":memory:"):
        name = sa_url.database
        if sa_url.query.get("uri") == "true" and name.startswith("file:"):  # SQLite's URI form
            name = name.removeprefix("file:").split("?", 1)[0]
        folder = Path(name).expanduser().parent
        try:
            private_folder(folder)
        except OSError as exc:  # a file where the folder should be, or no right to make it
            raise FileUnusable(
                key="error.store.folder_unusable", folder=folder, reason=exc.strerror
            ) from exc
    uri = _read_only_uri(sa_url)
    try:
        engine = _create_engine(sa_url, uri)
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError) as exc:
        raise ConfigError(
            key="error.store.url_unusable", url=_masked(sa_url), detail=str(exc)
        ) from exc
    who = viewer if isinstance(viewer, Viewer) else Viewer.parse(viewer or settings.viewer)
    read_only = uri is not None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        if migrate and read_only:
            _migrate.verify(engine)
        elif migrate:
            _migrate.upgrade(engine)
        scope = OWNER
        if who.role != "owner":
            with engine.begin() as conn:
                scope = Scope.resolve(conn, who)
                if engine.dialect.name == "postgresql":
                    _grant(conn, scope)
            if engine.dialect.name == "postgresql":
                engine.dispose()  # the connections made so far run as the owner
                event.listen(engine, "connect", _runs_as(role_name(scope)))
        db = Database(engine, scope, read_only=read_only)
    except WorkbenchError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise translate_error(exc, _masked(sa_url)) from exc
    return db


def _grant(conn: Connection, scope: Scope) -> None:
    """Make the viewer's server role (once) and say whose ids it stands for."""
    from sqlalchemy.dialects.postgresql import insert as upsert

    from workbench.db.identity import AccessGrant

    role = role_name(scope)
    group = GROUP_ROLES[scope.viewer.role]
    conn.execute(
        text(
            f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN IN ROLE {group}; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )
    )
    values = {
        "role": scope.viewer.role,
        "rep_id": scope.rep_id,
        "region_id": scope.region_id,
        "trainee_id": scope.trainee_id,
        "trainer": scope.viewer.who if scope.viewer.role == "trainer" else None,
    }
    conn.execute(
        upsert(AccessGrant)
        .values(role_name=role, **values)
        .on_conflict_do_update(index_elements=["role_name"], set_=values)
    )


def _runs_as(role: str) -> Any:
    """A connect hook: every new connection runs as ``role`` (set once, committed)."""

    def set_role(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')  # a name role_name() made: letters, digits, _
        dbapi_conn.commit()

    return set_role


def parse_url(raw: str | URL) -> URL:
    """A SQLAlchemy URL from text; ``postgresql://`` uses psycopg 3 (the one place it is set).

    Raises
    ------
    ConfigError
        The text is not a database URL.
    """
    if isinstance(raw, URL):
        raw = raw.render_as_string(hide_password=False)
    try:
        sa_url = make_url(raw)
    except (sa_exc.ArgumentError, ValueError) as exc:  # ValueError: a port that is no number
        raise ConfigError(key="error.store.url_invalid", url=raw) from exc
    if sa_url.drivername in ("postgresql", "postgres"):
        sa_url = sa_url.set(drivername="postgresql+psycopg")
    return sa_url


def _read_only_uri(sa_url: URL) -> str | None:
    """The URI opening an SQLite file this user may not write; ``None`` for any other store."""
    if sa_url.get_backend_name() != "sqlite" or sa_url.database in (None, "", ":memory:"):
        return None
    if str(sa_url.database).startswith("file:"):  # a URI the URL gives itself, left as it is
        return None
    return read_only_uri(Path(sa_url.database).expanduser())


def _create_engine(sa_url: URL, uri: str | None = None) -> Engine:
    if sa_url.get_backend_name() == "sqlite":
        engine = create_engine(sa_url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        if uri is not None:  # read-only: no pragma that writes, the file keeps its journal mode
            open_read_only(engine, uri)
            return engine
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(sa_url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _masked(sa_url: URL) -> str:
    return sa_url.render_as_string(hide_password=True)


def translate_error(exc: BaseException, where: str) -> WorkbenchError:
    """Turn a driver or SQLAlchemy error into a workbench error with a message to act on.

    Parameters
    ----------
    exc
        The error raised by the driver or SQLAlchemy; a workbench error is returned as it is.
    where
        The database to name in the message, e.g. its URL with the password hidden.

    Returns
    -------
    WorkbenchError
        A ``StoreLocked``, ``ForeignStore``, ``StoreUnavailable``, ``RuleViolation`` or
        ``StoreRefused``, for the caller to raise ``from exc``.
    """
    if isinstance(exc, WorkbenchError):
        return exc
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if "FATAL:" in message:  # libpq: "connection to server at … failed: FATAL:  <reason>"
        message = message.split("FATAL:", 1)[1].strip()
    lower = message.lower()
    if "database is locked" in lower or "database table is locked" in lower:
        return StoreLocked(key="error.store.locked", where=where)
    if "file is not a database" in lower or "not a database" in lower:
        return ForeignStore(key="error.store.foreign", where=where)
    if "unable to open database file" in lower:
        return StoreUnavailable(key="error.store.cannot_open", where=where)
    if "does not exist" in lower and "database" in lower:
        return StoreUnavailable(key="error.store.no_database", where=where, detail=message)
    if "no such table" in lower or ("relation" in lower and "does not exist" in lower):
        return ForeignStore(key="error.store.table_missing", where=where, detail=message)
    if "row-level security" in lower:  # the server's policy: not the viewer's row
        return NotPermitted(key="error.access.server", detail=message)
    if isinstance(exc, sa_exc.IntegrityError):
        return RuleViolation(key="error.store.rule", detail=message)
    if "read-only" in lower or "readonly" in lower:  # SQLite file, or a PostgreSQL standby
        return StoreRefused(key="error.store.read_only", where=where, detail=message)
    if "disk is full" in lower or "no space left" in lower or "disk full" in lower:
        return StoreRefused(key="error.store.disk_full", where=where, detail=message)
    if "permission denied" in lower or "must be owner" in lower:
        return StoreRefused(key="error.store.permission", where=where, detail=message)
    server = not isinstance(orig, sqlite3.Error)  # an embedded file has no server to reach
    if server and (isinstance(exc, sa_exc.OperationalError) or "connection" in lower):
        return StoreUnavailable(key="error.store.unreachable", where=where, detail=message)
    return StoreRefused(key="error.store.refused", where=where, detail=message)


class Database:
    """A workbench database: the SQLAlchemy engine plus the workbench's ways of using it.

    Make one with :func:`connect`. ``session()`` is the unit of work for ORM writes,
    ``begin()`` the same for Core statements; both roll back whole on any error.
    ``read_only`` is true for an SQLite file this user may not write: any write is refused.
    """

    def __init__(self, engine: Engine, scope: Scope = OWNER, *, read_only: bool = False) -> None:
        self.engine = engine
        self.scope = scope
        self.read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        if scope.restricted:  # before the audit trail: a refused write is not audited
            _limit(self._sessions, scope)
        # the audit trail: every session this database makes, and no other in the process
        event.listen(self._sessions, "after_flush", _write_audit)

    def __repr__(self) -> str:
        return f"Database({self.url})"

    @property
    def url(self) -> str:
        """The URL with any password hidden."""
        return _masked(self.engine.url)

    @property
    def dialect(self) -> str:
        """The backend's name: ``"sqlite"``, ``"postgresql"`` and so on."""
        return self.engine.dialect.name

    @property
    def path(self) -> Path | None:
        """The file of an embedded SQLite database, else ``None``."""
        if self.dialect == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            return Path(str(self.engine.url.database)).expanduser().resolve()
        return None

    @contextmanager
    def session(self, *, actor: str = "workbench") -> Iterator[Session]:
        """A unit of work: commits at the end, rolls back whole on any error.

        Every ORM insert, update and delete is written to the audit trail under ``actor``.
        """
        session = self._sessions(info={"actor": actor})
        try:
            yield session
            session.commit()
        except BaseException as exc:
            session.rollback()
            if isinstance(exc, sa_exc.SQLAlchemyError):
                raise translate_error(exc, self.url) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A Core connection in a transaction that commits at the end or rolls back whole."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa_exc.SQLAlchemyError as exc:
            raise translate_error(exc, self.url) from exc

    def ensure_writable(self) -> None:
        """Refuse at once, before any work, to write a database opened read-only.

        Raises
        ------
        StoreRefused
            The database was opened read-only: this user may not write its file or folder.
        """
        if self.read_only:
            raise StoreRefused(
                key="error.store.read_only", where=self.url, detail=os.strerror(errno.EACCES)
            )

    def counts(self, tables: Iterable[str] = TABLE_ORDER) -> dict[str, int]:
        """Rows the viewer sees in each of ``tables`` (default: every CRM table), in order."""
        known = Base.metadata.tables
        with self.begin() as conn:
            return {
                name: int(
                    conn.execute(
                        select(func.count()).select_from(known[name]).where(self.scope.where(name))
                    ).scalar_one()
                )
                for name in tables
            }

    def is_empty(self) -> bool:
        """True when no CRM table holds a row (the audit trail does not count)."""
        tables = Base.metadata.tables
        with self.begin() as conn:
            for name in TABLE_ORDER:
                if name == "audit":
                    continue
                if conn.execute(select(tables[name]).limit(1)).first() is not None:
                    return False
        return True

    @property
    def identity(self) -> str | None:
        """The store's own id (made once, when its schema was made); ``None`` before that.

        A data cut records it, so that a store's cuts are told from another's in one folder.
        """
        if "identity" not in self.__dict__:
            from workbench.db.identity import StoreIdentity

            try:
                with self.engine.connect() as conn:
                    found = conn.scalar(select(StoreIdentity.store_id).limit(1))
            except sa_exc.SQLAlchemyError:
                return None  # a schema from before the identity, or not migrated
            self.__dict__["identity"] = found
        return self.__dict__["identity"]  # type: ignore[no-any-return]

    def schema_version(self) -> str | None:
        """The Alembic revision the schema is at, or ``None`` before the first migration."""
        with self.engine.connect() as conn:
            return _migrate.current_revision(conn)

    def table_names(self) -> list[str]:
        """The names of all tables in the database, sorted."""
        return sorted(inspect(self.engine).get_table_names())

    def close(self) -> None:
        """Close the engine's pooled connections."""
        self.engine.dispose()


# --- who may see what -------------------------------------------------------------------


def _limit(sessions: sessionmaker[Session], scope: Scope) -> None:
    """Limit every ORM query of ``sessions`` to the scope, and check every row they write."""
    tables = {mapper.class_: str(mapper.local_table.name) for mapper in Base.registry.mappers}  # type: ignore[attr-defined]
    criteria = [
        with_loader_criteria(cls, scope.where(table))
        for cls, table in tables.items()
        if table in scope.conditions
    ]

    def limited(state: ORMExecuteState) -> None:
        if state.is_column_load or state.is_relationship_load:
            return
        if state.is_select or state.is_update or state.is_delete:
            state.statement = state.statement.options(*criteria)

    def changed(session: Session) -> Iterator[tuple[str, Any, Mapper[Any]]]:
        for action, objects in (
            ("new", session.new),
            ("dirty", session.dirty),
            ("deleted", session.deleted),
        ):
            for obj in objects:
                if isinstance(obj, Base):
                    yield action, obj, inspect(obj).mapper

    def allowed(session: Session, _context: object, _instances: object) -> None:
        for _action, _obj, mapper in changed(session):  # before a statement reaches the store
            scope.require_write(str(mapper.local_table.name))  # type: ignore[attr-defined]

    def checked(session: Session, _context: object) -> None:
        for action, obj, mapper in changed(session):
            if action != "deleted":  # a deleted row was read, so it was seen
                key = mapper.primary_key_from_instance(obj)
                names = [c.name for c in mapper.primary_key]
                table = str(mapper.local_table.name)  # type: ignore[attr-defined]
                scope.require_row(session.connection(), table, **dict(zip(names, key, strict=True)))

    event.listen(sessions, "do_orm_execute", limited)
    event.listen(sessions, "before_flush", allowed)
    event.listen(sessions, "after_flush", checked)


# --- audit trail ------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _write_audit(session: Session, _context: object) -> None:
    """Write one audit row per ORM insert, update and delete of the flush.

    Listens on each :class:`Database`'s own sessions.
    """
    actor = str(session.info.get("actor", "workbench"))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: list[dict[str, Any]] = []
    for action, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, Audit) or not isinstance(obj, Base):
                continue
            state = inspect(obj)
            mapper = state.mapper
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            detail: dict[str, Any] = {}
            for attr in mapper.column_attrs:
                history = state.attrs[attr.key].history
                if action == "update":
                    if history.has_changes():
                        old = history.deleted[0] if history.deleted else None
                        new = history.added[0] if history.added else None
                        detail[attr.key] = [_jsonable(old), _jsonable(new)]
                else:
                    detail[attr.key] = _jsonable(getattr(obj, attr.key))
            key = mapper.primary_key_from_instance(obj)
            rows.append(
                {
                    "at": now,
                    "actor": actor,
                    "action": action,
                    "table_name": mapper.local_table.name,  # type: ignore[attr-defined]
                    "row_key": "|".join(str(k) for k in key),
                    "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True),
                }
            )
    if rows:
        session.connection().execute(insert(Audit), rows)
