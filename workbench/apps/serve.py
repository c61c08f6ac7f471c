"""Serving the apps with Voila, offline: the command line and environment for the server.

One server serves every notebook of ``notebooks/apps/`` at ``/voila/render/<notebook>``, each
with a kernel preheated; its front page is the home app. On this machine no key is needed;
served beyond it, the apps open only with a token.

>>> app_path("trial-monitor")
'voila/render/trial_monitor.ipynb'
>>> access_token(Settings()) is None, access_token(Settings(host="0.0.0.0", token="k"))
(True, 'k')
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from workbench.config import Settings
from workbench.errors import ConfigError
from workbench.resources import APPS, apps_dir

__all__ = [
    "BUNDLE_FILE",
    "JUPYTER_DATA",
    "LAB_PLUGINS",
    "LOCAL_HOSTS",
    "access_token",
    "app_path",
    "charts_from_server",
    "ensure_port_free",
    "lab_command",
    "lab_settings",
    "run_until_stopped",
    "serve_command",
]

#: The Vega bundle the server serves to the apps' charts (at ``/voila/static/<file>``).
BUNDLE_FILE = "workbench-vega.js"

#: Tells an app's kernel where its server serves the Vega bundle.
_BUNDLE_VARIABLE = "WORKBENCH_VEGA_BUNDLE"

#: Addresses that serve this machine only: no token is needed there.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

#: Our Jupyter data folder: holds the ``workbench`` Voila template (offline lab template).
JUPYTER_DATA = Path(__file__).with_name("jupyter")


def ensure_port_free(host: str, port: int) -> None:
    """Refuse a port another program already listens on (the printed URL must be right)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(
                key="error.serve.port_busy", host=host, port=port, reason=exc.strerror
            ) from exc


def app_path(name: str) -> str:
    """Where the app ``name`` (one of :data:`~workbench.resources.APPS`) is, below the server."""
    if name not in APPS:
        raise ConfigError(key="error.app.unknown", name=name, apps=", ".join(APPS))
    return f"voila/render/{APPS[name]}"


def access_token(settings: Settings) -> str | None:
    """The token the apps ask for: none on this machine, else the setting or a new one."""
    if settings.host in LOCAL_HOSTS:
        return None
    return settings.token or secrets.token_urlsafe(24)


def _bundle_root(settings: Settings) -> Path:
    """A Jupyter data folder in the data folder, holding the Vega bundle as a static file.

    Written when missing or out of date (a new Altair), so every server start serves the
    bundle of the Altair installed.
    """
    from workbench.charts import bundle

    root = settings.data_dir / "jupyter"
    target = root / "voila" / "templates" / "workbench" / "static" / BUNDLE_FILE
    source = bundle()
    if not target.exists() or target.read_text(encoding="utf-8") != source:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    return root


def _trust(target: Path) -> None:
    """Sign the notebooks served as trusted: they are the workbench's own, shipped with it.

    Jupyter would warn, once per notebook and page, that each is "not trusted": noise a
    user cannot act on. Where Jupyter's signature store cannot be written, they stay as
    they are.
    """
    import sqlite3

    import nbformat
    from nbformat.sign import NotebookNotary

    notebooks = sorted(target.glob("*.ipynb")) if target.is_dir() else [target]
    try:
        notary = NotebookNotary()  # type: ignore[no-untyped-call]
        for path in notebooks:
            notebook = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
            if not notary.check_signature(notebook):  # type: ignore[no-untyped-call]
                notary.sign(notebook)  # type: ignore[no-untyped-call]
    except (OSError, sqlite3.Error):
        pass


def charts_from_server(environ: dict[str, str] | None = None) -> bool:
    """In a kernel of the apps' server: load the charts' Vega bundle from it. Whether it did.

    The server started by :func:`serve_command` serves the bundle once to each browser;
    elsewhere (a notebook in JupyterLab, a test) each chart keeps carrying it.
    """
    from workbench.charts import load_bundle_from

    env = os.environ if environ is None else environ
    path = env.get(_BUNDLE_VARIABLE)
    if not path:
        return False
    load_bundle_from(path)
    return True


def serve_command(
    settings: Settings,
    target: Path | None = None,
    *,
    token: str | None = None,
    log_level: str = "WARN",
) -> tuple[list[str], dict[str, str]]:
    """The Voila command line and environment that serve the apps, offline.

    They serve ``target`` (default: the folder of every app; or one notebook) on settings'
    port, with the offline template, one kernel preheated per notebook. ``token``, when
    given, is asked of every visitor (see :func:`access_token`). The log holds warnings
    only, what someone can act on (the workbench prints the addresses itself); a benchmark
    reading the kernels' progress asks for ``log_level="INFO"``.

    The kernels get ``settings`` through their environment (:meth:`Settings.to_env`); an
    app notebook's first cell reads them back with :meth:`Settings.from_env`.
    """
    env = {**os.environ, **settings.to_env()}
    env.pop("WORKBENCH_TOKEN", None)  # the kernels have no use for the key
    env["JUPYTER_PATH"] = os.pathsep.join(
        p
        for p in (str(JUPYTER_DATA), str(_bundle_root(settings)), env.get("JUPYTER_PATH", ""))
        if p
    )
    env[_BUNDLE_VARIABLE] = f"/voila/static/{BUNDLE_FILE}"
    _trust(target or apps_dir())
    command = [
        sys.executable,
        "-m",
        "voila",
        str(target or apps_dir()),
        "--no-browser",
        f"--port={settings.port}",
        f"--Voila.ip={settings.host}",
        "--template=workbench",
        "--show_tracebacks=False",
        "--preheat_kernel=True",
        "--pool_size=1",
        # kernels talk to the server over local sockets, not TCP ports anyone here can reach
        "--KernelManager.transport=ipc",
        f"--Voila.log_level={log_level}",
    ]
    if token is not None:
        command.append(f"--Voila.token={token}")
    return command, env


def lab_command(
    folder: Path,
    port: int,
    *extra: str,
    token: str | None = None,
    settings_dir: Path | None = None,
) -> list[str]:
    """JupyterLab on 127.0.0.1 serving ``folder``, as a command line.

    Nothing reaches the internet: no update check, no news, extensions read-only. Its log
    holds warnings only (the workbench prints the address itself, once it answers); ``token``
    is the key its address carries; ``settings_dir`` holds its user settings (made by
    :func:`lab_settings`); run as root (a container, a camp server) it says so to
    JupyterLab, which otherwise refuses. ``extra`` options are appended.
    """
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={folder}",
        "--ServerApp.log_level=WARN",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
        *([f"--LabApp.user_settings_dir={settings_dir}"] if settings_dir is not None else []),
        *([f"--IdentityProvider.token={token}"] if token is not None else []),
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
        *extra,
    ]


def _lab_setting(plugin: str, lang: str) -> dict[str, object]:
    """What the workbench keeps in one of JupyterLab's user settings."""
    if plugin == "@jupyterlab/apputils-extension/notification":
        return {"fetchNews": "false", "checkForUpdates": False}
    return {"locale": "zh_CN" if lang == "zh" else "en"}


#: JupyterLab's user settings the workbench keeps: no news prompt, no update check, and the
#: interface in the workbench's language (Chinese through the zh-CN language pack)
LAB_PLUGINS = (
    "@jupyterlab/apputils-extension/notification",
    "@jupyterlab/translation-extension/plugin",
)


def lab_settings(settings_dir: Path, lang: str) -> Path:
    """Write JupyterLab's user settings for the workbench into ``settings_dir``; returns it.

    The news prompt and the update check are off, and the interface speaks ``lang``. The
    files are the workbench's: they are written again at every start.
    """
    for plugin in LAB_PLUGINS:
        path = settings_dir / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(_lab_setting(plugin, lang), indent=1), encoding="utf-8")
    return settings_dir


def run_until_stopped(
    command: list[str],
    env: dict[str, str],
    host: str,
    port: int,
    ready: Callable[[], None],
    *,
    seconds: float = 120,
) -> int:
    """Run a server; call ``ready`` once it accepts connections; wait until it stops.

    So the address a user is given answers at once. Ctrl-C stops the server. Returns the
    server's exit code.

    Raises
    ------
    ConfigError
        The server stopped, or did not listen within ``seconds``.
    """
    server = subprocess.Popen(command, env=env)

    def stop(_signal: int, _frame: object) -> None:
        raise KeyboardInterrupt  # stopped from outside: stop the server too

    signal.signal(signal.SIGTERM, stop)
    try:
        deadline = time.monotonic() + seconds
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        probe_host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
        while True:
            if server.poll() is not None:
                raise ConfigError(key="error.serve.stopped", code=server.returncode)
            with socket.socket(family) as probe:
                if probe.connect_ex((probe_host, port)) == 0:
                    break
            if time.monotonic() > deadline:
                server.terminate()
                raise ConfigError(key="error.serve.silent", host=host, port=port, seconds=seconds)
            time.sleep(0.2)
        ready()
        sys.stdout.flush()
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        return server.wait()
