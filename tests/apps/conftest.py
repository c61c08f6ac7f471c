"""The one `workbench start` the browser tests of the apps share."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .test_browser import _free_port, _running


@dataclass(frozen=True)
class Served:
    url: str
    data: Path
    log: Path


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`workbench start` on a free port with a fresh data folder (the Quick start's first job):
    the camp world, every app on one server.

    Started once for the session: the tests that use it share the xdist group
    ``apps-browser``, so one worker starts it, and they take turns with the other browser
    tests of that group.
    """
    port = _free_port()
    data = tmp_path_factory.mktemp("served")
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(data)}
    env.pop("WORKBENCH_DATABASE_URL", None)
    log = data / "server.log"
    url = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "workbench", "start", "--port", str(port)]
    with _running(command, env, log, url):
        yield Served(url, data, log)
