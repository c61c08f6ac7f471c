"""Serving the apps with Voila, offline: the command line and environment for the server."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from workbench.config import Settings
from workbench.errors import ConfigError
from workbench.resources import app_notebook

__all__ = ["JUPYTER_DATA", "ensure_port_free", "lab_command", "serve_command"]

#: Our Jupyter data folder: holds the ``workbench`` Voila template (offline lab template).
JUPYTER_DATA = Path(__file__).with_name("jupyter")


def ensure_port_free(host: str, port: int) -> None:
    """Refuse a port another program already listens on (the printed URL must be right)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(
                f"cannot serve on {host}:{port} ({exc.strerror}); is the workbench already "
                "running there? Stop it, or choose another port with --port or WORKBENCH_PORT"
            ) from exc


def serve_command(
    settings: Settings, notebook: Path | None = None
) -> tuple[list[str], dict[str, str]]:
    """The Voila command line and environment that serve an app notebook, offline.

    They serve ``notebook`` (default: the home app) on settings' port, with the offline
    template.

    The kernels get ``settings`` through their environment (:meth:`Settings.to_env`); an
    app notebook's first cell reads them back with :meth:`Settings.from_env`.
    """
    env = {**os.environ, **settings.to_env()}
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p
    )
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook or app_notebook("home")),
        "--no-browser",
        f"--port={settings.port}",
        "--port_retries=0",
        f"--Voila.ip={settings.host}",
        "--template=workbench",
        "--show_tracebacks=False",
        "--preheat_kernel=True",
        "--pool_size=1",
    ]
    return command, env


def lab_command(folder: Path, port: int, *extra: str) -> list[str]:
    """JupyterLab on 127.0.0.1 serving ``folder``, as a command line.

    No update check, extensions read-only (both would reach the internet); ``extra`` options
    are appended.
    """
    return [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={folder}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        *extra,
    ]
