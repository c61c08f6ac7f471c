"""A camp on one server: JupyterHub's configuration, made from a camp in the gradebook.

Each trainee on the camp's roster logs in to one hub with their employee id in lower case
(``E0012`` logs in as ``e0012``) and gets a JupyterLab server of their own, started with the
settings ``workbench train --camp CAMP --employee-id ID`` would give them: the camp's
PostgreSQL store, their sandbox, their notebooks. The trainer logs in as :data:`ADMIN` and
may open, start and stop everyone's server.

What the hub is made of, all from this machine (nothing is loaded from the internet):

* the authenticator: ``jupyterhub-firstuseauthenticator``, its passwords kept hashed in
  ``passwords.dbm`` in the hub's folder; every user is given a first one before the hub
  starts (:func:`issue_passwords`), so no name is left for whoever logs in first;
* the spawner: JupyterHub's ``SimpleLocalProcessSpawner``, every server a process of the
  user running the hub (no system accounts);
* the proxy: ``configurable-http-proxy`` (npm), from the project's ``.hub/node_modules``
  (``python3 dev.py hub`` installs it there) or the ``PATH``;
* the hub's own tables: a database beside the main store, ``<main>_hub``.

:func:`plan_hub` reads the camp and checks what a hub needs; :func:`write_hub` writes the
configuration into ``hub/`` in the data folder; :func:`hub_command` is the command line that
runs it. The configuration file the hub reads calls :func:`configure` with the plan.

>>> hub_username("E0012")
'e0012'
"""

from __future__ import annotations

import dataclasses
import dbm
import importlib.util
import json
import os
import random
import secrets
import shutil
import socket
import sys
import time
import urllib.request
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from workbench.apps.serve import LOCAL_HOSTS, lab_settings
from workbench.config import Settings, private_folder
from workbench.db import stores
from workbench.db.engine import connect, parse_url
from workbench.errors import ConfigError, MissingEntry, Unsupported
from workbench.training.gradebook import Gradebook, camp_id
from workbench.training.workspace import prepare_workspace, workspace_dir

__all__ = [
    "ADMIN",
    "FIRST_NOTEBOOK",
    "PASSWORD_LENGTH",
    "PROJECT_PROXY",
    "PROXY",
    "QUIET_PORTS",
    "HubPlan",
    "HubUser",
    "configure",
    "find_proxy",
    "hub_answers",
    "hub_command",
    "hub_username",
    "is_local",
    "issue_passwords",
    "plan_hub",
    "quiet_port",
    "write_hub",
]

#: The trainer's user name on the hub: an admin, who may open everyone's server.
ADMIN = "trainer"

#: The proxy's program, as npm installs it.
PROXY = "configurable-http-proxy"

#: Where ``python3 dev.py hub`` installs the proxy: ``.hub/`` beside ``pyproject.toml``.
PROJECT_PROXY = Path(__file__).resolve().parents[2] / ".hub" / "node_modules" / ".bin" / PROXY

#: The notebook each trainee's JupyterLab opens first.
FIRST_NOTEBOOK = "00_index.ipynb"

#: What a trainee's JupyterLab never does: look for updates or news on the internet.
_OFFLINE_ARGS = (
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.news_url=None",
    "--LabApp.extension_manager=readonly",
    "--ServerApp.log_level=WARN",
)


def hub_username(employee_id: str) -> str:
    """The hub's user name of the trainee with ``employee_id``: the id in lower case."""
    return employee_id.strip().lower()


def is_local(host: str) -> bool:
    """Whether ``host`` serves this machine only (no one else can reach the hub)."""
    return host in LOCAL_HOSTS


@dataclasses.dataclass(frozen=True)
class HubUser:
    """One user of the hub and what their server starts with.

    Parameters
    ----------
    name
        The user name they log in with.
    who
        Their name as the roster gives it (the trainer's: :data:`ADMIN`).
    sandbox
        A trainee's sandbox (``None`` for the trainer).
    notebook_dir
        The folder their JupyterLab opens: their own copies of the notebooks.
    environment
        The variables their server gets: the workbench's settings
        (:meth:`~workbench.config.Settings.to_env`) and JupyterLab's settings folder.
    """

    name: str
    who: str
    sandbox: str | None
    notebook_dir: Path
    environment: dict[str, str]


@dataclasses.dataclass(frozen=True)
class HubPlan:
    """A camp's hub: where it listens, who may log in, what each server gets.

    Parameters
    ----------
    camp
        The camp's code.
    host, port
        Where the hub answers (its proxy's public address).
    folder
        The hub's folder in the data folder: configuration, secrets, passwords, logs.
    db_url
        The hub's own tables: a database beside the main store.
    proxy
        The ``configurable-http-proxy`` program.
    users
        The trainees, then the trainer.
    hub_port, proxy_api_port
        Ports on 127.0.0.1 the hub and its proxy talk on.
    """

    camp: str
    host: str
    port: int
    folder: Path
    db_url: str
    proxy: str
    users: tuple[HubUser, ...]
    hub_port: int
    proxy_api_port: int

    @property
    def url(self) -> str:
        """The hub's address, as a person types it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def config_file(self) -> Path:
        """The configuration file the hub reads (``jupyterhub -f``)."""
        return self.folder / "jupyterhub_config.py"

    @property
    def passwords_file(self) -> Path:
        """The users' first passwords, a line each (``user<TAB>password``), for the trainer."""
        return self.folder / "first-passwords.txt"

    @property
    def plan_file(self) -> Path:
        """The plan, as JSON, that :attr:`config_file` hands to :func:`configure`."""
        return self.folder / "hub.json"

    @property
    def api_token_file(self) -> Path:
        """The workbench service's API token (an admin's key: never to be shared)."""
        return self.folder / "api_token"

    @property
    def cookie_secret_file(self) -> Path:
        """The key that signs the hub's cookies (never to be shared)."""
        return self.folder / "cookie_secret"

    def user(self, name: str) -> HubUser:
        """The user ``name``.

        Raises
        ------
        MissingEntry
            No such user on the hub.
        """
        for user in self.users:
            if user.name == name:
                return user
        raise MissingEntry(
            key="error.hub.no_user", name=name, users=", ".join(u.name for u in self.users)
        )


def find_proxy(extra: tuple[Path, ...] = ()) -> str:
    """The ``configurable-http-proxy`` program: ``extra``, the project's ``.hub``, ``PATH``.

    Raises
    ------
    Unsupported
        It is nowhere; the message says how to install it.
    """
    for candidate in (*extra, PROJECT_PROXY):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(PROXY)
    if found is None:
        raise Unsupported(key="error.hub.no_proxy")
    return found


def _check_installed() -> None:
    """Refuse when JupyterHub or the authenticator is not installed."""
    for module in ("jupyterhub", "firstuseauthenticator"):
        if importlib.util.find_spec(module) is None:
            raise Unsupported(key="error.hub.no_jupyterhub", module=module)


#: Where the hub's parts listen: below Linux's ephemeral ports (32768–60999), which the
#: system hands out on its own to every outgoing connection, so a port found free here stays
#: free for the few seconds until the hub, its proxy or a trainee's server takes it.
QUIET_PORTS = range(20000, 32768)


def quiet_port(avoid: Collection[int] = ()) -> int:
    """A port on 127.0.0.1 nobody listens on now, from :data:`QUIET_PORTS` if one is free.

    ``avoid``: ports already promised to another part (free now, but not for long).
    """
    for port in random.sample(QUIET_PORTS, 100):
        if port in avoid:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    while True:  # a crowded range: any port the system gives
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            given = int(probe.getsockname()[1])
        if given not in avoid:
            return given


def _trainee_env(settings: Settings, camp: str, employee_id: str, lab_dir: Path) -> dict[str, str]:
    """What a trainee's server starts with: ``workbench train``'s settings, and JupyterLab's.

    The server opens the store as the trainee (:mod:`workbench.access`): it reads and writes
    their own results only, and on PostgreSQL runs as their own role.
    """
    own = dataclasses.replace(
        settings,
        camp=camp,
        employee_id=employee_id,
        trainee=None,
        viewer=f"trainee:{camp}/{employee_id}",
    )
    env = own.to_env()
    env.pop("WORKBENCH_TOKEN", None)  # the apps' key is not the trainees' business
    env["JUPYTERLAB_SETTINGS_DIR"] = str(lab_dir)
    return env


def plan_hub(
    settings: Settings,
    camp: str,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    proxy: str | None = None,
) -> HubPlan:
    """The hub of ``camp``: its users from the roster, each one's server settings.

    Parameters
    ----------
    settings
        The camp server's settings: its PostgreSQL store, data folder and language.
    camp
        The camp's code, as ``workbench camp create`` made it.
    host, port
        Where the hub answers.
    proxy
        The ``configurable-http-proxy`` program (default: :func:`find_proxy`).

    Returns
    -------
    HubPlan
        The plan, nothing written yet.

    Raises
    ------
    ConfigError
        The store is not PostgreSQL, or two trainees would share a user name.
    MissingEntry
        The camp does not exist or has no trainees.
    Unsupported
        JupyterHub, its authenticator or the proxy is not installed.
    """
    url = settings.resolved_database_url
    if not stores.is_postgresql(url):
        raise ConfigError(
            key="error.hub.not_postgresql", url=parse_url(url).render_as_string(hide_password=True)
        )
    _check_installed()
    program = proxy if proxy is not None else find_proxy()
    db = connect(settings=settings)
    try:
        with db.begin() as conn:
            camp_id(conn, camp)  # refuses a camp that does not exist
        roster = Gradebook(db).roster(camp)
    finally:
        db.close()
    if not roster:
        raise MissingEntry(key="error.cli.no_trainees", camp=camp)
    folder = settings.data_dir / "hub"
    users: list[HubUser] = []
    for person in roster:
        name = hub_username(person.employee_id)
        if name in {ADMIN, *(u.name for u in users)}:
            raise ConfigError(key="error.hub.same_user", name=name, employee_id=person.employee_id)
        lab_dir = folder / "lab" / name
        users.append(
            HubUser(
                name=name,
                who=person.name,
                sandbox=person.sandbox,
                notebook_dir=workspace_dir(settings, person.sandbox),
                environment=_trainee_env(settings, camp, person.employee_id, lab_dir),
            )
        )
    trainer = dataclasses.replace(
        settings, trainee=None, camp=None, employee_id=None, viewer=None
    ).to_env()  # the trainer runs the hub on the store they own
    trainer.pop("WORKBENCH_TOKEN", None)
    trainer["JUPYTERLAB_SETTINGS_DIR"] = str(folder / "lab" / ADMIN)
    users.append(HubUser(ADMIN, ADMIN, None, settings.data_dir / "analysis", trainer))
    db_url = stores.sibling_url(url, "hub").render_as_string(hide_password=False)
    hub_port = quiet_port(avoid={port})
    return HubPlan(
        camp=camp,
        host=host,
        port=port,
        folder=folder,
        db_url=db_url,
        proxy=program,
        users=tuple(users),
        hub_port=hub_port,
        proxy_api_port=quiet_port(avoid={port, hub_port}),
    )


#: the letters of a first password: no 0/O, 1/l/I to misread on a slip of paper
_PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10


def issue_passwords(plan: HubPlan) -> dict[str, str]:
    """Give every user of the hub without a password a first one; the new ones, by user.

    The authenticator lets whoever logs in first with a name set its password; a camp's
    names (employee ids, ``trainer``) are easy to guess, so none is left unclaimed. The
    hashes go where the authenticator keeps them; the words go, with any given before,
    into :attr:`HubPlan.passwords_file` (readable by its owner only) for the trainer to
    hand out. A user keeps a password once given, across restarts.
    """
    import bcrypt

    issued: dict[str, str] = {}
    with dbm.open(str(plan.folder / "passwords.dbm"), "c", 0o600) as kept:
        for user in plan.users:
            if user.name.encode("utf-8") in kept:
                continue
            word = "".join(secrets.choice(_PASSWORD_LETTERS) for _ in range(PASSWORD_LENGTH))
            kept[user.name] = bcrypt.hashpw(word.encode("utf-8"), bcrypt.gensalt())
            issued[user.name] = word
    if issued:
        made = os.open(plan.passwords_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(made, "a", encoding="utf-8") as sheet:
            sheet.writelines(f"{name}\t{word}\n" for name, word in issued.items())
    plan.passwords_file.touch(mode=0o600)
    plan.passwords_file.chmod(0o600)
    return issued


def write_hub(plan: HubPlan, settings: Settings) -> Path:
    """Write the hub's folder: configuration, secrets, JupyterLab settings; returns the config.

    The hub's database is created beside the main store when missing; the API token and
    the cookie secret are made once (readable by their owner only) and kept; everything else
    is written again at every start.
    """
    from workbench.lab import copy_analysis
    from workbench.resources import analysis_notebooks

    private_folder(plan.folder)
    stores.create_database(plan.db_url)
    if not plan.api_token_file.exists():  # made readable by its owner only from the start
        made = os.open(plan.api_token_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(made, "w", encoding="utf-8") as token:
            token.write(secrets.token_hex(32))
    plan.api_token_file.chmod(0o600)
    for user in plan.users:
        lab_settings(Path(user.environment["JUPYTERLAB_SETTINGS_DIR"]), settings.lang)
        if user.sandbox is not None:
            prepare_workspace(settings, user.sandbox)  # as `workbench train` does
    copy_analysis(analysis_notebooks(), plan.user(ADMIN).notebook_dir, settings.lang)
    # it holds the store's URL, perhaps with a password: its owner's only from the start
    made = os.open(plan.plan_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    plan.plan_file.chmod(0o600)
    with os.fdopen(made, "w", encoding="utf-8") as kept:
        kept.write(json.dumps(_as_json(plan), indent=1))
    plan.config_file.write_text(
        '"""The camp hub\'s configuration, written by `workbench hub` at every start."""\n\n'
        "from workbench.apps.hub import configure\n\n"
        f"configure(c, {str(plan.plan_file)!r})  # type: ignore[name-defined]  # noqa: F821\n",
        encoding="utf-8",
    )
    return plan.config_file


def _as_json(plan: HubPlan) -> dict[str, Any]:
    as_dict = dataclasses.asdict(plan)
    as_dict["folder"] = str(plan.folder)
    for user in as_dict["users"]:
        user["notebook_dir"] = str(user["notebook_dir"])
    return as_dict


def _from_json(raw: dict[str, Any]) -> HubPlan:
    users = tuple(
        HubUser(u["name"], u["who"], u["sandbox"], Path(u["notebook_dir"]), dict(u["environment"]))
        for u in raw["users"]
    )
    return HubPlan(**{**raw, "folder": Path(raw["folder"]), "users": users})


def hub_answers(plan: HubPlan, *, seconds: float = 60) -> bool:
    """Wait until the hub answers behind its proxy (its API says 200); whether it did.

    The proxy listens a moment before the hub has given it its routes: the address is
    given to people only once a login page would open.
    """
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(plan.host, plan.host)
    host = f"[{host}]" if ":" in host else host
    deadline = time.monotonic() + seconds
    # the hub itself first (asking the proxy earlier only fills its log with errors), then
    # the hub through the proxy, once it has the route
    for url in (
        f"http://127.0.0.1:{plan.hub_port}/hub/api/",
        f"http://{host}:{plan.port}/hub/api/",
    ):
        while not _says_ok(url):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
    return True


def _says_ok(url: str) -> bool:
    """Whether ``url`` answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:  # refused, reset, or an error page while the routes are being set
        return False


def hub_command(plan: HubPlan, environ: Mapping[str, str]) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that run the hub.

    The environment is ``environ`` (the command's own, passed in by the command line)
    without the apps' key; a trainee's server gets only what its user's plan gives it, and
    the few variables JupyterHub keeps (``PATH``, ``PYTHONPATH``, ``LANG`` …).
    """
    env = dict(environ)
    env.pop("WORKBENCH_TOKEN", None)
    return [sys.executable, "-m", "jupyterhub", "-f", str(plan.config_file)], env


def _spawner_args() -> list[str]:
    """JupyterLab's options for every user's server: offline; as root, allowed."""
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    return [*_OFFLINE_ARGS, *(["--allow-root"] if as_root else [])]


def configure(c: Any, plan_file: str) -> None:
    """Fill JupyterHub's configuration object ``c`` from the plan in ``plan_file``.

    Called by the configuration file :func:`write_hub` writes; the hub runs it at start.
    """
    plan = _from_json(json.loads(Path(plan_file).read_text(encoding="utf-8")))
    users = {user.name for user in plan.users}
    c.JupyterHub.bind_url = plan.url
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = plan.hub_port
    c.JupyterHub.db_url = plan.db_url
    c.JupyterHub.cookie_secret_file = str(plan.cookie_secret_file)
    c.JupyterHub.pid_file = str(plan.folder / "jupyterhub.pid")
    c.ConfigurableHTTPProxy.command = [plan.proxy]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{plan.proxy_api_port}"
    c.ConfigurableHTTPProxy.pid_file = str(plan.folder / "proxy.pid")
    c.ConfigurableHTTPProxy.auth_token = secrets.token_hex(32)  # new at every start
    c.ConfigurableHTTPProxy.log_level = "warn"  # the hub's own log says who comes and goes
    c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
    c.FirstUseAuthenticator.dbm_path = str(plan.folder / "passwords.dbm")
    c.FirstUseAuthenticator.create_users = False
    c.FirstUseAuthenticator.min_password_length = 8
    c.Authenticator.allowed_users = set(users) - {ADMIN}
    c.Authenticator.allow_existing_users = False  # another camp's trainees stay out
    c.Authenticator.admin_users = {ADMIN}
    c.JupyterHub.admin_access = True
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(plan.folder / "homes" / "{username}")
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    c.Spawner.args = _spawner_args()
    c.Spawner.default_url = f"/lab/tree/{FIRST_NOTEBOOK}"
    c.Spawner.start_timeout = 60
    c.Spawner.http_timeout = 60
    token = plan.api_token_file.read_text(encoding="utf-8").strip()
    c.JupyterHub.services = [{"name": "workbench", "api_token": token}]
    c.JupyterHub.load_roles = [
        {
            "name": "workbench",
            "scopes": ["admin:users", "admin:servers", "admin:server_state", "list:users"],
            "services": ["workbench"],
        }
    ]

    promised = {plan.port, plan.hub_port, plan.proxy_api_port}

    def pre_spawn(spawner: Any) -> None:
        """Give the user's server their settings and their notebook folder."""
        user = plan.user(spawner.user.name)  # someone not on the roster gets no server
        spawner.environment = dict(user.environment)
        spawner.notebook_dir = str(user.notebook_dir)
        spawner.port = quiet_port(avoid=promised)  # two servers starting at once: two ports
        promised.add(spawner.port)
        if user.name == ADMIN:
            spawner.default_url = "/lab"

    c.Spawner.pre_spawn_hook = pre_spawn
