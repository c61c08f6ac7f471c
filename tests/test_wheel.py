"""The package runs from its wheel: built, then installed into a fresh virtualenv outside
the checkout, it serves both apps and prepares a trainee's notebooks, with nothing taken
from the source tree.

The wheel and the virtualenv are made once for the module. Packages come from uv's cache
(filled when the development environment was made), so this works offline; it asks the
package index only when the cache lacks something.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from workbench.resources import APPS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "workbench"


def _uv(*args: str | Path) -> None:
    """``uv`` from the test's environment: offline first, then from the package index."""
    command = [sys.executable, "-m", "uv", *map(str, args)]
    result = subprocess.run([*command, "--offline"], capture_output=True, text=True)
    if result.returncode != 0:
        result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    work: Path  #: the working directory of every command: outside the checkout

    def env(self, data_dir: Path) -> dict[str, str]:
        """This machine's environment with nothing pointing at the checkout or its venv."""
        dropped = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "JUPYTER_PATH")
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in dropped and not k.startswith("WORKBENCH_")
        }
        env["PATH"] = os.pathsep.join([str(self.venv / "bin"), env.get("PATH", "")])
        env["WORKBENCH_DATA_DIR"] = str(data_dir)
        return env

    def run(self, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / args[0]), *args[1:]],
            cwd=self.work,
            env=self.env(data_dir),
            capture_output=True,
            text=True,
            timeout=300,
        )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel built from a copy of the sources, installed into a new virtualenv."""
    base = tmp_path_factory.mktemp("wheel")
    assert not base.resolve().is_relative_to(ROOT)
    source = base / "source"  # a copy: building writes build/ and *.egg-info beside it
    shutil.copytree(
        PACKAGE,
        source / "workbench",
        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info"),
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    _uv("build", "--wheel", "--quiet", "--out-dir", base / "dist", source)
    (wheel,) = (base / "dist").glob("workbench-*.whl")
    venv = base / "venv"
    _uv("venv", "--quiet", "--python", sys.executable, venv)
    _uv("pip", "install", "--quiet", "--python", venv / "bin" / "python", wheel)
    work = base / "work"
    work.mkdir()
    return Installed(wheel, venv, work)


def test_the_wheel_carries_every_notebook_the_template_and_the_migrations(
    installed: Installed,
) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    wanted = [
        *PACKAGE.glob("notebooks/*/*.ipynb"),
        *PACKAGE.glob("training/modules/*.ipynb"),
        *PACKAGE.glob("apps/jupyter/voila/templates/workbench/*"),
        *PACKAGE.glob("db/migrations/*.*"),
        *PACKAGE.glob("db/migrations/versions/*.py"),
    ]
    # the apps, five analyst notebooks, the index and seven modules, the template's four files,
    # env.py and script.py.mako, and one file per revision Alembic knows
    from alembic.script import ScriptDirectory

    from workbench.db.migrate import alembic_config

    revisions = list(ScriptDirectory.from_config(alembic_config()).walk_revisions())
    assert len(wanted) == len(APPS) + 5 + 8 + 4 + 2 + len(revisions)
    missing = [str(p.relative_to(ROOT)) for p in wanted if str(p.relative_to(ROOT)) not in names]
    assert missing == []


def test_the_venv_imports_the_installed_package_not_the_checkout(
    installed: Installed, tmp_path: Path
) -> None:
    code = (
        "import workbench, workbench.resources as r\n"
        "print(workbench.__file__)\n"
        "print(r.app_notebook('trial-monitor'))\n"
        "print(r.module_dir())"
    )
    result = installed.run(tmp_path, "python", "-c", code)
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.split("\n") if line]
    assert len(paths) == 3
    for path in paths:
        assert path.exists() and path.is_relative_to(installed.venv), path
        assert not path.resolve().is_relative_to(ROOT), path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _started(installed: Installed, data_dir: Path, *options: str) -> Iterator[str]:
    """``workbench start`` in its own process group; yields its address once it listens."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    log = data_dir / "start.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(installed.venv / "bin" / "workbench"), "start", "--port", str(port), *options],
            cwd=installed.work,
            env=installed.env(data_dir),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            # wait for the port, then ask for the page once: each request Voila answers runs
            # the app in a kernel of its own, so requests given up and repeated pile kernels up
            deadline = time.monotonic() + 180
            while True:
                assert server.poll() is None, log.read_text(errors="replace")[-4000:]
                assert time.monotonic() < deadline, f"nothing listens at {url} after 180 s"
                with socket.socket() as probe:
                    if probe.connect_ex(("127.0.0.1", port)) == 0:
                        break
                time.sleep(0.3)
            yield url
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                try:
                    server.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()


def _page(url: str) -> str:
    # asked once: each request Voila answers runs the app in a kernel of its own, so requests
    # given up and repeated pile kernels up
    with urllib.request.urlopen(url, timeout=180) as response:
        assert response.status == 200
        return str(response.read().decode("utf-8"))


def test_start_serves_every_app_from_one_server(installed: Installed, tmp_path: Path) -> None:
    with _started(installed, tmp_path / "data") as url:
        front = _page(url)
        assert "voila/render/home.ipynb" in front  # the front page leads to the home app
        home = _page(f"{url}voila/render/home.ipynb")
        assert "<title>home</title>" in home
        # the page carries the output of the app cell, show("home", settings): its frame
        assert "application/vnd.jupyter.widget-view+json" in home and "Frame(" in home
        monitor = _page(f"{url}voila/render/trial_monitor.ipynb")
        assert "<title>trial_monitor</title>" in monitor
        assert "application/vnd.jupyter.widget-view+json" in monitor
    assert (tmp_path / "data" / "workbench.db").exists()


def test_train_writes_the_trainees_copies_of_the_modules(
    installed: Installed, tmp_path: Path
) -> None:
    result = installed.run(tmp_path, "workbench", "train", "王小明", "--no-lab")
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.split("notebooks:")[1].split()[0])
    assert folder.is_relative_to(tmp_path)
    written = sorted(p.name for p in folder.glob("*.ipynb"))
    assert written == sorted(p.name for p in PACKAGE.glob("training/modules/*.ipynb"))
    assert len(written) == 8
