"""Served beyond this machine, the apps open only with the token; on it, with none."""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .test_browser import _free_port, _running

pytestmark = pytest.mark.xdist_group("apps-browser")


def _status(url: str) -> int:
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(request, timeout=180) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a redirect to the login page is an answer, not a page


def test_beyond_this_machine_the_apps_ask_for_the_token(tmp_path: Path) -> None:
    port = _free_port()
    host = "127.0.0.2"  # another address than 127.0.0.1 and localhost: a token is needed
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(tmp_path), "WORKBENCH_TOKEN": "k3y-of-camp"}
    env.pop("WORKBENCH_DATABASE_URL", None)
    log = tmp_path / "server.log"
    command = [sys.executable, "-m", "workbench", "start", "--host", host, "--port", str(port)]
    base = f"http://{host}:{port}/"
    with _running(command, env, log, base):
        assert _status(f"{base}voila/render/plan_review.ipynb") in (302, 403)
        assert _status(f"{base}voila/render/home.ipynb?token=k3y-of-camp") == 200
    printed = log.read_text(errors="replace")
    assert f"{base}?token=k3y-of-camp" in printed
    assert "each visitor needs the token" in printed


def test_a_token_is_made_up_and_printed_once_when_none_is_set(tmp_path: Path) -> None:
    from workbench import Settings
    from workbench.apps.serve import access_token, serve_command

    made = access_token(Settings(host="0.0.0.0"))
    assert made is not None and len(made) >= 24
    assert access_token(Settings(host="0.0.0.0")) != made  # each start its own
    command, env = serve_command(Settings(host="0.0.0.0", data_dir=tmp_path), token=made)
    assert f"--Voila.token={made}" in command
    assert "WORKBENCH_TOKEN" not in env  # the kernels never see it
    local, _env = serve_command(Settings(data_dir=tmp_path), token=access_token(Settings()))
    assert not [c for c in local if "token" in c]
