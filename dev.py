#!/usr/bin/env python3
"""Set up the workbench on a fresh machine and run it, or run its tests.

    python3 dev.py start [workbench start options]   # install, load the camp world, serve
    python3 dev.py test  [pytest options]            # install with test tools, run the suite

Needs only Python 3.11+. Everything goes into ./.venv (created on first use and
refreshed when pyproject.toml changes); packages come from PyPI through `uv`.
The test set-up also installs Debian's `chromium` for the browser tests when it
is missing and this runs as root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
CHROMIUM = "/usr/bin/chromium"
#: pytest-xdist: one worker per core; the national world's tests share one worker
PARALLEL = ["-n", "auto", "--dist", "loadgroup"]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*args: str | Path, **kwargs: object) -> None:
    subprocess.run([str(a) for a in args], check=True, **kwargs)  # type: ignore[call-overload]


def ensure_env(extras: str) -> None:
    """Create .venv and install the package (editable) with ``extras`` if out of date."""
    spec = f".[{extras}]" if extras else "."
    stamp = VENV / ".workbench-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + spec.encode()).hexdigest()
    installed = stamp.read_text().split() if stamp.exists() else []
    if PYTHON.exists() and wanted in installed:
        return
    if not PYTHON.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    say(f"installing workbench{'[' + extras + ']' if extras else ''} (first time takes a minute)")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv")
    run(PYTHON, "-m", "uv", "pip", "install", "--quiet", "--python", PYTHON, "-e", spec, cwd=ROOT)
    # A test install also satisfies a plain one; keep both stamps.
    keep = [h for h in installed if h != wanted] + [wanted]
    if extras:
        keep.append(hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + b".").hexdigest())
    stamp.write_text("\n".join(keep) + "\n")


def ensure_chromium() -> None:
    """Debian's chromium drives the browser tests (Playwright's own download is not used)."""
    if Path(CHROMIUM).exists():
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        say("installing Debian's chromium for the browser tests")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run("apt-get", "update", "-qq", env=env)
        # with a CJK font, Chinese pages draw as text rather than boxes in screenshots
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium",
            "fonts-wqy-microhei", env=env)
    else:
        say(
            f"no browser at {CHROMIUM}: install Debian's chromium (sudo apt-get install "
            "chromium) to run the browser tests"
        )


def start(args: list[str]) -> int:
    ensure_env("")
    return subprocess.call([str(BIN / "workbench"), "start", *args], cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_env("test")
    ensure_chromium()
    # in parallel on every core unless told otherwise (-n 0 runs in one process)
    parallel = [] if any(a == "-n" or a.startswith("-n") for a in args) else PARALLEL
    code = subprocess.call([str(PYTHON), "-m", "pytest", *parallel, *args], cwd=ROOT)
    if code == 5:  # pytest: no tests collected
        say("no tests were collected")
        return 1
    return code


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        say("the workbench needs Python 3.11 or newer")
        return 2
    commands = {"start": start, "test": test}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
