"""A camp on one server: the hub's configuration from the roster, and the hub really running.

The fast tests build the plan and the configuration without starting anything. The hub test
starts JupyterHub and its proxy on a free port over a fresh PostgreSQL store, logs each of
three trainees in through the login form, starts their servers and checks that each runs
with that trainee's settings and that one trainee's cookie does not open another's server.
"""

from __future__ import annotations

import contextlib
import dbm
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from click.testing import CliRunner

from tests.training.conftest import _drop_all
from workbench import Settings
from workbench.apps import hub as hub_module
from workbench.apps.hub import (
    ADMIN,
    PASSWORD_LENGTH,
    configure,
    hub_username,
    issue_passwords,
    plan_hub,
    quiet_port,
    write_hub,
)
from workbench.cli import main
from workbench.db.engine import connect
from workbench.db.stores import is_postgresql
from workbench.errors import ConfigError, MissingEntry, Unsupported
from workbench.training import Gradebook, sandbox_name
from workbench.training.workspace import workspace_dir

requests = pytest.importorskip("requests")

ROSTER = (("李雷", "E001"), ("韩梅梅", "E002"), ("王小明", "E003"))
CAMP = "hub-camp"
PASSWORD = "camp-password-1"


def _proxy_or_skip() -> str:
    try:
        return hub_module.find_proxy()
    except Unsupported as exc:
        pytest.skip(str(exc))


def _camp(settings: Settings) -> None:
    """Camp ``CAMP`` with the three trainees of ``ROSTER`` in the gradebook.

    Enrolled as ``workbench camp create`` enrols them; their sandboxes are made when they
    first practise (the hub needs none of them to start their servers).
    """
    db = connect(settings=settings)
    book = Gradebook(db)
    book.open_camp(CAMP, trainer="张老师")
    for name, employee_id in ROSTER:
        book.enrol(CAMP, employee_id, name, sandbox=sandbox_name(name, employee_id))
    db.close()


@pytest.fixture
def camp_settings(make_pg_url: Callable[[], str], tmp_path: Path) -> Iterator[Settings]:
    url = make_pg_url()
    settings = Settings(data_dir=tmp_path / "data", database_url=url, lang="zh")
    _camp(settings)
    yield settings
    _drop_all(url.rsplit("/", 1)[1] + "_")  # the hub's database beside the store


# --- the configuration, nothing started ---------------------------------------------------


@pytest.mark.postgres
def test_the_roster_becomes_the_hubs_users_and_the_trainer_its_admin(
    camp_settings: Settings,
) -> None:
    plan = plan_hub(camp_settings, CAMP, port=8123, proxy="/bin/true")
    names = [user.name for user in plan.users]
    assert names == ["e001", "e002", "e003", ADMIN]
    assert plan.url == "http://127.0.0.1:8123/"
    assert plan.db_url.endswith(camp_settings.resolved_database_url.rsplit("/", 1)[1] + "_hub")
    assert is_postgresql(plan.db_url)

    config = _configured(plan, camp_settings)
    assert config.Authenticator.allowed_users == {"e001", "e002", "e003"}
    assert config.Authenticator.admin_users == {ADMIN}
    assert config.Authenticator.allow_existing_users is False
    assert config.JupyterHub.authenticator_class.startswith("firstuseauthenticator.")
    assert config.JupyterHub.spawner_class.endswith("SimpleLocalProcessSpawner")
    assert config.JupyterHub.bind_url == "http://127.0.0.1:8123/"
    assert config.ConfigurableHTTPProxy.command == ["/bin/true"]


@pytest.mark.postgres
def test_each_spawn_gets_its_trainees_settings_and_folders(camp_settings: Settings) -> None:
    plan = plan_hub(camp_settings, CAMP, proxy="/bin/true")
    config = _configured(plan, camp_settings)
    for (name, employee_id), user in zip(ROSTER, plan.users, strict=False):
        spawner = SimpleNamespace(user=SimpleNamespace(name=user.name), default_url="/lab")
        config.Spawner.pre_spawn_hook(spawner)
        env = spawner.environment
        assert env["WORKBENCH_CAMP"] == CAMP
        assert env["WORKBENCH_EMPLOYEE_ID"] == employee_id
        assert env["WORKBENCH_VIEWER"] == f"trainee:{CAMP}/{employee_id}"
        # opened as the server opens it, the store shows the trainee themselves only
        own = connect(settings=Settings.from_env(env))
        assert [e.employee_id for e in Gradebook(own).roster(CAMP)] == [employee_id]
        own.close()
        assert env["WORKBENCH_DATABASE_URL"] == camp_settings.database_url
        assert env["WORKBENCH_DATA_DIR"] == str(camp_settings.data_dir)
        assert env["WORKBENCH_LANG"] == "zh"
        assert "WORKBENCH_TOKEN" not in env and "WORKBENCH_TRAINEE" not in env
        folder = workspace_dir(camp_settings, sandbox_name(name, employee_id))
        assert spawner.notebook_dir == str(folder)
        assert (folder / "00_index.ipynb").is_file()  # prepared as `workbench train` does
        lab = Path(env["JUPYTERLAB_SETTINGS_DIR"])
        translation = lab / "@jupyterlab/translation-extension/plugin.jupyterlab-settings"
        assert '"locale": "zh_CN"' in translation.read_text(encoding="utf-8")
    trainer = SimpleNamespace(user=SimpleNamespace(name=ADMIN), default_url="")
    config.Spawner.pre_spawn_hook(trainer)
    assert "WORKBENCH_CAMP" not in trainer.environment
    assert "WORKBENCH_VIEWER" not in trainer.environment  # the trainer owns the store
    assert trainer.default_url == "/lab"
    assert oct(plan.api_token_file.stat().st_mode & 0o777) == "0o600"
    stranger = SimpleNamespace(user=SimpleNamespace(name="e999"), default_url="")
    with pytest.raises(MissingEntry) as refused:
        config.Spawner.pre_spawn_hook(stranger)
    assert refused.value.key == "error.hub.no_user"


def _configured(plan: hub_module.HubPlan, settings: Settings) -> Any:
    """The configuration object the hub would read, as plain attributes."""

    class Section(SimpleNamespace):
        pass

    class Config:
        def __getattr__(self, name: str) -> Section:
            section = Section()
            setattr(self, name, section)
            return section

    write_hub(plan, settings)
    config = Config()
    configure(config, str(plan.plan_file))
    return config


def test_a_store_other_than_postgresql_is_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    with pytest.raises(ConfigError) as refused:
        plan_hub(settings, CAMP, proxy="/bin/true")
    assert refused.value.key == "error.hub.not_postgresql"
    result = CliRunner().invoke(
        main, ["hub", "--camp", CAMP], env={"WORKBENCH_LANG": "en", "WORKBENCH_DATA_DIR":
                                            str(tmp_path / "data")}
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "PostgreSQL" in result.output


@pytest.mark.postgres
def test_a_camp_that_does_not_exist_is_refused(camp_settings: Settings) -> None:
    with pytest.raises(MissingEntry) as refused:
        plan_hub(camp_settings, "no-such-camp", proxy="/bin/true")
    assert refused.value.key == "error.camp.missing"


@pytest.mark.postgres
def test_a_missing_jupyterhub_or_proxy_is_refused_with_how_to_install(
    camp_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hub_module, "PROJECT_PROXY", Path("/nowhere/proxy"))
    monkeypatch.setenv("PATH", "/nowhere")
    monkeypatch.chdir(camp_settings.data_dir.parent)
    with pytest.raises(Unsupported) as refused:
        plan_hub(camp_settings, CAMP)
    assert refused.value.key == "error.hub.no_proxy"
    assert "npm install" in str(refused.value)

    real = hub_module.importlib.util.find_spec
    monkeypatch.setattr(
        hub_module.importlib.util, "find_spec",
        lambda name, *a: None if name == "jupyterhub" else real(name, *a),
    )  # fmt: skip
    with pytest.raises(Unsupported) as refused:
        plan_hub(camp_settings, CAMP, proxy="/bin/true")
    assert refused.value.key == "error.hub.no_jupyterhub"
    assert "pip install jupyterhub" in str(refused.value)


@pytest.mark.postgres
def test_two_trainees_on_one_user_name_are_refused(camp_settings: Settings) -> None:
    db = connect(settings=camp_settings)
    Gradebook(db).enrol(CAMP, "e001", "Li Lei", sandbox=sandbox_name("Li Lei", "e001"))
    db.close()
    with pytest.raises(ConfigError) as refused:
        plan_hub(camp_settings, CAMP, proxy="/bin/true")
    assert refused.value.key == "error.hub.same_user"


def test_user_names_are_employee_ids_in_lower_case() -> None:
    assert hub_username(" E0012 ") == "e0012"


# --- the hub running --------------------------------------------------------------------


def _wait(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not within {seconds} s")
        time.sleep(0.2)


def _answers(url: str) -> bool:
    try:
        return bool(requests.get(url, timeout=2).status_code == 200)
    except requests.ConnectionError:
        return False


def _first_passwords(folder: Path) -> dict[str, str]:
    """The first passwords ``workbench hub`` issued, by user, from the trainer's sheet."""
    sheet = (folder / "first-passwords.txt").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in sheet.splitlines())


def _log_in(base: str, name: str, password: str) -> Any:
    """A browser's session logged in as ``name`` through the hub's login form."""
    session = requests.Session()
    session.get(f"{base}hub/login", timeout=10).raise_for_status()
    xsrf = session.cookies.get("_xsrf")
    answer = session.post(
        f"{base}hub/login",
        data={"username": name, "password": password, "_xsrf": xsrf},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, (name, answer.status_code, answer.text[-500:])
    return session


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie nobody reaps has ended too)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return True
    return status.rsplit(")", 1)[1].split()[0] == "Z"


def _started_here(data_dir: Path) -> list[int]:
    """Every process with this test's data folder in its environment: the command, the
    hub, the proxy and the trainees' servers (each inherits it), however far the test got."""
    mark = f"WORKBENCH_DATA_DIR={data_dir}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            with contextlib.suppress(OSError):
                if mark in (proc / "environ").read_bytes().split(b"\0"):
                    found.append(int(proc.name))
    return found


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


@pytest.mark.postgres
@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
@pytest.mark.slow
def test_each_trainee_gets_their_own_server_and_only_theirs(
    camp_settings: Settings, tmp_path: Path
) -> None:
    started = time.monotonic()
    _proxy_or_skip()
    port = quiet_port()
    base = f"http://127.0.0.1:{port}/"
    folder = camp_settings.data_dir / "hub"
    env = {**os.environ, **camp_settings.to_env()}
    out, log = (tmp_path / "hub.out").open("wb"), (tmp_path / "hub.log").open("wb")
    # `workbench hub` as a trainer types it; in a session of its own, with the hub under it
    hub = subprocess.Popen(
        [sys.executable, "-m", "workbench", "hub", "--camp", CAMP, "--port", str(port)],
        env=env, stdout=out, stderr=log, start_new_session=True,
    )  # fmt: skip
    servers: list[int] = []
    try:
        printed = tmp_path / "hub.out"
        _wait(lambda: f"workbench hub: {base}" in printed.read_text(encoding="utf-8"), 40,
              "the hub's address")  # fmt: skip
        assert _answers(f"{base}hub/api/")
        servers.append(int((folder / "proxy.pid").read_text(encoding="utf-8").strip()))
        token = (folder / "api_token").read_text(encoding="utf-8").strip()
        admin = requests.Session()
        admin.headers["Authorization"] = f"token {token}"
        issued = _first_passwords(folder)
        assert set(issued) == {"e001", "e002", "e003", ADMIN}
        assert (folder / "first-passwords.txt").stat().st_mode & 0o077 == 0
        # no name is left for whoever comes first: a wrong password for a roster name fails
        intruder = requests.Session()
        intruder.get(f"{base}hub/login", timeout=10)
        taken = intruder.post(
            f"{base}hub/login", allow_redirects=False, timeout=30,
            data={"username": ADMIN, "password": PASSWORD,
                  "_xsrf": intruder.cookies.get("_xsrf")},
        )  # fmt: skip
        assert taken.status_code != 302
        sessions = {
            hub_username(e): _log_in(base, hub_username(e), issued[hub_username(e)])
            for _n, e in ROSTER
        }
        assert set(sessions) == {"e001", "e002", "e003"}
        # a name not on the roster cannot log in, whatever the password
        stranger = requests.Session()
        stranger.get(f"{base}hub/login", timeout=10)
        refused = stranger.post(
            f"{base}hub/login", allow_redirects=False, timeout=30,
            data={"username": "e999", "password": PASSWORD,
                  "_xsrf": stranger.cookies.get("_xsrf")},
        )  # fmt: skip
        assert refused.status_code != 302

        # the three servers start side by side (a request waits until its server is up)
        with ThreadPoolExecutor(len(sessions)) as pool:
            answers = pool.map(
                lambda name: admin.post(f"{base}hub/api/users/{name}/server", timeout=60),
                sessions,
            )
            for answer in answers:
                assert answer.status_code in (201, 202), answer.text

        def all_ready() -> bool:
            users = {u["name"]: u for u in admin.get(f"{base}hub/api/users", timeout=10).json()}
            return all(users[n]["servers"].get("", {}).get("ready") for n in sessions)

        _wait(all_ready, 40, "the trainees' servers")
        for (name, employee_id), who in zip(ROSTER, sessions, strict=True):
            user = admin.get(f"{base}hub/api/users/{who}", timeout=10).json()
            pid = int(user["servers"][""]["state"]["pid"])
            servers.append(pid)
            own = _environ(pid)
            assert own["WORKBENCH_CAMP"] == CAMP
            assert own["WORKBENCH_EMPLOYEE_ID"] == employee_id
            assert own["WORKBENCH_DATABASE_URL"] == camp_settings.database_url
            assert own["JUPYTERHUB_USER"] == who
            folder = workspace_dir(camp_settings, sandbox_name(name, employee_id))
            assert own["JUPYTERHUB_ROOT_DIR"] == str(folder)

        for who, session in sessions.items():
            # a browser opening their server: the server asks the hub who they are (OAuth)
            page = session.get(f"{base}user/{who}/lab", timeout=30)
            assert page.status_code == 200, (who, page.status_code, page.url)
            mine = session.get(f"{base}user/{who}/api/contents", timeout=30)
            assert mine.status_code == 200, (who, mine.status_code, mine.url)
            assert "00_index.ipynb" in {item["name"] for item in mine.json()["content"]}
            # JupyterLab speaks the camp's language (its settings from `lab_settings`)
            plugin = "@jupyterlab/translation-extension:plugin"
            said = session.get(f"{base}user/{who}/lab/api/settings/{plugin}", timeout=30)
            assert said.status_code == 200, (who, said.status_code)
            assert '"zh_CN"' in said.json()["raw"]
        for who, session in sessions.items():
            for other in set(sessions) - {who}:
                page = session.get(f"{base}user/{other}/lab", timeout=30)
                assert page.status_code == 403, (who, other, page.status_code, page.url)
                theirs = session.get(f"{base}user/{other}/api/contents", timeout=30)
                assert theirs.status_code == 403, (who, other, theirs.status_code, theirs.url)
                assert "00_index.ipynb" not in theirs.text
        # Ctrl-C: the command stops the hub, which stops the proxy and every server
        hub.send_signal(signal.SIGINT)
        hub.wait(timeout=20)
        _wait(lambda: all(_gone(pid) for pid in servers), 5, "the servers and the proxy to end")
    finally:
        # the command and the hub share a process group; the proxy and each trainee's
        # server run in groups of their own
        for pid in {hub.pid, *servers, *_started_here(camp_settings.data_dir)}:
            _kill_group(pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            hub.wait(timeout=10)
        out.close()
        log.close()
    _wait(lambda: all(_gone(pid) for pid in [hub.pid, *servers]), 10, "every process to end")
    assert not [pid for pid in _started_here(camp_settings.data_dir) if not _gone(pid)]
    text = (tmp_path / "hub.log").read_text(encoding="utf-8", errors="replace")
    assert not re.search(r"Traceback", text), text[-3000:]
    assert time.monotonic() - started < 180  # a bound on a hang, not a timing


def test_every_user_gets_a_first_password_once_kept_across_starts(camp_settings: Settings) -> None:
    import bcrypt

    plan = plan_hub(camp_settings, CAMP, port=8123, proxy="/bin/true")
    write_hub(plan, camp_settings)
    issued = issue_passwords(plan)
    assert set(issued) == {u.name for u in plan.users} and ADMIN in issued
    assert all(len(word) == PASSWORD_LENGTH for word in issued.values())
    assert issue_passwords(plan) == {}  # a second start gives no one a new one
    with dbm.open(str(plan.folder / "passwords.dbm"), "r") as kept:
        for name, word in issued.items():
            assert bcrypt.checkpw(word.encode(), kept[name.encode()])
    sheet = plan.passwords_file.read_text(encoding="utf-8").splitlines()
    assert sorted(sheet) == sorted(f"{n}\t{w}" for n, w in issued.items())
    assert plan.passwords_file.stat().st_mode & 0o077 == 0
    assert plan.plan_file.stat().st_mode & 0o077 == 0


def test_a_quiet_port_is_never_one_already_promised(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = quiet_port()
    monkeypatch.setattr(hub_module.random, "sample", lambda _range, _n: [taken, taken + 1])
    assert quiet_port(avoid={taken}) == taken + 1
    assert quiet_port() == taken
    # a crowded range: the system's choice, but not a promised one either
    monkeypatch.setattr(hub_module.random, "sample", lambda _range, _n: [taken])
    assert quiet_port(avoid={taken}) != taken


def test_an_address_is_given_only_once_the_hub_answers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A hub that never answers gets a line saying so, not an address that opens nothing."""
    from workbench.apps import serve

    plan = SimpleNamespace(
        url="http://127.0.0.1:8123/",
        passwords_file=tmp_path / "first-passwords.txt",
        users=(SimpleNamespace(name="e001"), SimpleNamespace(name=ADMIN)),
    )
    monkeypatch.setattr(hub_module, "plan_hub", lambda *_a, **_k: plan)
    monkeypatch.setattr(hub_module, "write_hub", lambda *_a: tmp_path / "hub.json")
    monkeypatch.setattr(hub_module, "issue_passwords", lambda _plan: {"e001": "x"})
    monkeypatch.setattr(hub_module, "hub_command", lambda *_a: (["true"], {}))
    monkeypatch.setattr(serve, "ensure_port_free", lambda *_a: None)

    def run(_command: Any, _env: Any, _host: Any, _port: Any, ready: Any) -> int:
        ready()
        return 0

    monkeypatch.setattr(serve, "run_until_stopped", run)
    for answers, address in ((False, False), (True, True)):
        monkeypatch.setattr(hub_module, "hub_answers", lambda _plan, a=answers: a)
        said = CliRunner().invoke(main, ["hub", "--camp", CAMP, "--port", "8123"])
        assert said.exit_code == 0, said.output
        assert ("workbench hub: http://127.0.0.1:8123/" in said.output) is address
        assert ("did not answer within 60 s" in said.output) is not address
