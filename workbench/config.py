"""Settings: one frozen dataclass, read from the environment only at the edges.

The one road a setting travels::

    environment + command-line options --Settings.from_env()--> Settings
        --> passed explicitly to every library call (connect, cut, forms, trainees, apps)
        --> Settings.to_env() --> a kernel's environment (a served app, JupyterLab)
        --> Settings.from_env() in that notebook's first cell

Library functions take ``settings`` (or a database handle) as a keyword argument; ``None``
means the defaults below, never the environment. Only the command line and the first cell
of a notebook or app call :meth:`Settings.from_env`; a test checks that nothing else does.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from workbench.errors import ConfigError

__all__ = [
    "ENV_VARS",
    "LANGS",
    "OVER_VISIT_THRESHOLD",
    "Settings",
    "private_folder",
    "terminal_lang",
]

LANGS = ("zh", "en")

#: The market's over-visit rule when no setting says otherwise: more than 8 calls by one rep
#: on one doctor in a calendar month.
OVER_VISIT_THRESHOLD = 8


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("workbench", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Where the workbench keeps its data and how it serves its apps.

    Parameters
    ----------
    database_url
        SQLAlchemy URL of the database; ``None`` means the embedded SQLite file
        ``<data_dir>/workbench.db``.
    data_dir
        Folder for the embedded database, data cuts and trainee sandboxes.
    host, port
        Where ``workbench start`` serves the apps.
    lang
        Language of messages and apps: ``"zh"`` or ``"en"``.
    over_visit_threshold
        The market's over-visit rule: more than this many calls by one rep on one doctor in
        a month is flagged (default 8).
    trainee
        Who is practising in the training modules on their own; ``None`` means the
        computer's user name.
    camp, employee_id
        A camp's trainee: the camp and their employee id on its roster (set by
        ``workbench train --camp``); they win over ``trainee``.
    stuck_attempts, stuck_minutes
        The trainer's board flags a trainee as stuck after this many attempts at one
        exercise without passing it (default 5), or after this many minutes without an
        attempt while exercises remain (default 20).
    token
        The key that opens the apps when they are served beyond this machine (``host`` other
        than 127.0.0.1 or localhost); ``None`` there makes one up and prints it once. Apps
        served on this machine only need none.
    refund_months, refund_completeness, refund_entry_days, refund_on_time
        The laptop refund rule of the data quality app: a rep is eligible after at least
        ``refund_months`` months of service (default 24) when the completeness of their key
        fields is at least ``refund_completeness`` (a share, default 0.8) and at least
        ``refund_on_time`` of their calls (a share, default 0.8) were entered within
        ``refund_entry_days`` days of the visit (default 3).
    viewer
        Who is looking, and so what they may see and write (:mod:`workbench.access`):
        ``analyst``, ``manager:EMPLOYEE``, ``rep:EMPLOYEE``, ``trainer:NAME`` or
        ``trainee:CAMP/EMPLOYEE``; ``None`` is the store's owner, who sees everything.

    Examples
    --------
    >>> s = Settings.from_env({"WORKBENCH_LANG": "en", "WORKBENCH_PORT": "9000"})
    >>> s.lang, s.port
    ('en', 9000)
    >>> Settings.from_env(s.to_env()) == s
    True
    """

    database_url: str | None = None
    data_dir: Path = field(default_factory=_default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8866
    lang: str = "zh"
    over_visit_threshold: int = OVER_VISIT_THRESHOLD
    trainee: str | None = None
    camp: str | None = None
    employee_id: str | None = None
    stuck_attempts: int = 5
    stuck_minutes: int = 20
    token: str | None = None
    refund_months: int = 24
    refund_completeness: float = 0.8
    refund_entry_days: int = 3
    refund_on_time: float = 0.8
    viewer: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.data_dir, Path):  # a folder given as text is a folder too
            object.__setattr__(self, "data_dir", Path(self.data_dir))
        if self.lang not in LANGS:
            raise ConfigError(key="error.config.lang", value=self.lang, choices=", ".join(LANGS))
        if self.over_visit_threshold < 0:
            raise ConfigError(key="error.config.over_visit", value=self.over_visit_threshold)
        if self.stuck_attempts < 1 or self.stuck_minutes < 1:
            raise ConfigError(
                key="error.config.stuck", attempts=self.stuck_attempts, minutes=self.stuck_minutes
            )
        if not 0 < self.port < 65536:
            raise ConfigError(key="error.config.port", value=self.port)
        if self.refund_months < 1:
            raise ConfigError(key="error.config.refund_months", value=self.refund_months)
        if self.refund_entry_days < 0:
            raise ConfigError(key="error.config.refund_entry_days", value=self.refund_entry_days)
        for name in ("refund_completeness", "refund_on_time"):
            share = getattr(self, name)
            if not 0 <= share <= 1:
                raise ConfigError(
                    key="error.config.share", name=name, value=share, example=_FLOATS[name]
                )

    @property
    def default_database_path(self) -> Path:
        """The embedded SQLite file: ``<data_dir>/workbench.db``."""
        return self.data_dir / "workbench.db"

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file's URL."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.default_database_path}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``WORKBENCH_*`` environment variables; keyword overrides win.

        Parameters
        ----------
        environ
            The variables to read; default ``os.environ``.
        **overrides
            Settings given on the command line; a ``None`` leaves the environment's value.

        Raises
        ------
        ConfigError
            A variable holds a value the setting cannot take.
        """
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(ENV_VARS[f.name], "").strip()
            if not raw:
                continue
            if f.name in _FLOATS:
                try:
                    values[f.name] = float(raw)
                except ValueError:
                    raise ConfigError(
                        key="error.config.env_number",
                        variable=ENV_VARS[f.name],
                        value=raw,
                        example=_FLOATS[f.name],
                    ) from None
            elif f.name in _INTEGERS:
                try:
                    values[f.name] = int(raw)
                except ValueError:
                    raise ConfigError(
                        key="error.config.env_whole",
                        variable=ENV_VARS[f.name],
                        value=raw,
                        example=_INTEGERS[f.name],
                    ) from None
            elif f.name == "data_dir":
                values["data_dir"] = Path(raw).expanduser()
            else:
                values[f.name] = raw
        unknown = set(overrides) - set(ENV_VARS)
        if unknown:
            raise ConfigError(
                key="error.config.unknown_setting",
                names=", ".join(sorted(unknown)),
                settings=", ".join(ENV_VARS),
            )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def to_env(self) -> dict[str, str]:
        """The ``WORKBENCH_*`` variables that give these settings back through :meth:`from_env`.

        This is how settings reach a kernel (a served app, JupyterLab).
        """
        env = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                env[ENV_VARS[f.name]] = str(value)
        return env


_INTEGERS = {
    "port": 8866,
    "over_visit_threshold": OVER_VISIT_THRESHOLD,
    "stuck_attempts": 5,
    "stuck_minutes": 20,
    "refund_months": 24,
    "refund_entry_days": 3,
}

_FLOATS = {"refund_completeness": 0.8, "refund_on_time": 0.8}

ENV_VARS: dict[str, str] = {
    "database_url": "WORKBENCH_DATABASE_URL",
    "data_dir": "WORKBENCH_DATA_DIR",
    "host": "WORKBENCH_HOST",
    "port": "WORKBENCH_PORT",
    "lang": "WORKBENCH_LANG",
    "over_visit_threshold": "WORKBENCH_OVER_VISIT_THRESHOLD",
    "trainee": "WORKBENCH_TRAINEE",
    "camp": "WORKBENCH_CAMP",
    "employee_id": "WORKBENCH_EMPLOYEE_ID",
    "stuck_attempts": "WORKBENCH_STUCK_ATTEMPTS",
    "stuck_minutes": "WORKBENCH_STUCK_MINUTES",
    "token": "WORKBENCH_TOKEN",
    "refund_months": "WORKBENCH_REFUND_MONTHS",
    "refund_completeness": "WORKBENCH_REFUND_COMPLETENESS",
    "refund_entry_days": "WORKBENCH_REFUND_ENTRY_DAYS",
    "refund_on_time": "WORKBENCH_REFUND_ON_TIME",
    "viewer": "WORKBENCH_VIEWER",
}


def terminal_lang(environ: Mapping[str, str] | None = None) -> str:
    """The language a command speaks in the terminal: its help, its messages, its errors.

    ``WORKBENCH_LANG`` when set to a language the workbench speaks; else the locale's, as
    gettext reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): Chinese for a
    ``zh_*`` locale, English for any other or none.

    >>> terminal_lang({"LANG": "zh_CN.UTF-8"}), terminal_lang({"LANG": "C.UTF-8"})
    ('zh', 'en')
    >>> terminal_lang({"WORKBENCH_LANG": "en", "LANG": "zh_CN.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    chosen = env.get(ENV_VARS["lang"], "").strip()
    if chosen in LANGS:
        return chosen
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable, "").strip()
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def private_folder(path: Path) -> Path:
    """``path`` as a folder, each part of it the workbench creates readable by its owner only.

    The data folder holds sandboxes, the gradebook, cuts and drafts: what the workbench makes
    there is for the person running it. A folder that already exists keeps its mode.

    Raises
    ------
    OSError
        A part of ``path`` is a file, or cannot be created.
    """
    for folder in reversed([p for p in path.parents if not p.exists()]):
        folder.mkdir(mode=0o700)
    path.mkdir(mode=0o700, exist_ok=True)  # a file there is refused as it is
    return path
