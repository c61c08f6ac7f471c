#!/usr/bin/env python3
"""Set up the workbench on a fresh machine and run it, or run its tests.

    python3 dev.py start [workbench start options]   # install, load the camp world, serve
    python3 dev.py test  [pytest options]            # install with test tools, run the suite
    python3 dev.py bundle DIR                        # everything a laptop with no network needs
    python3 dev.py start --offline DIR               # install from such a bundle, then serve
    python3 dev.py hub --camp NAME [workbench hub options]  # a camp on one server (JupyterHub)

Needs only Python 3.11+. Everything goes into ./.venv (created on first use and
refreshed when pyproject.toml changes); packages come from PyPI through `uv`, or, with
`--offline DIR` or when run as the dev.py inside a bundle, from the bundle's wheels with no
network at all. The test set-up also installs Debian's `chromium` for the browser tests
when it is missing and this runs as root. The hub's proxy, `configurable-http-proxy`, comes
from the npm registry into ./.hub/node_modules, at the versions and hashes of
hub/package-lock.json (only when missing; needs Node.js 20 and npm),
for `dev.py hub` and the tests.
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
#: where npm installs the hub's proxy: a folder of the project, never the system's
HUB = ROOT / ".hub"
#: the proxy's package and the exact versions and hashes of it and all it needs
HUB_LOCK = ROOT / "hub"
PROXY = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
#: pytest-xdist: one worker per core; the national world's tests share one worker
PARALLEL = ["-n", "auto", "--dist", "loadgroup"]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*args: str | Path, **kwargs: object) -> None:
    subprocess.run([str(a) for a in args], check=True, **kwargs)  # type: ignore[call-overload]


def _installed_from(wheels: Path | None) -> bytes:
    """What the installed environment is made from: the sources, or the bundle's wheels."""
    if (ROOT / "pyproject.toml").exists():
        return (ROOT / "pyproject.toml").read_bytes()
    assert wheels is not None
    return "\n".join(sorted(p.name for p in wheels.glob("*.whl"))).encode()


def ensure_env(extras: str, wheels: Path | None = None) -> None:
    """Create .venv and install the package with ``extras`` if out of date.

    From the sources (editable) through uv and the package index, or, given a bundle's
    ``wheels`` folder, from those wheels only, never asking an index.
    """
    spec = f".[{extras}]" if extras else "."
    stamp = VENV / ".workbench-installed"
    wanted = hashlib.sha256(_installed_from(wheels) + spec.encode()).hexdigest()
    installed = stamp.read_text().split() if stamp.exists() else []
    if PYTHON.exists() and wanted in installed:
        return
    if not PYTHON.exists():
        say(f"creating {VENV}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    say(f"installing workbench{'[' + extras + ']' if extras else ''} (first time takes a minute)")
    if wheels is not None:
        say(f"from the bundle {wheels.parent}, with no network")
        # from the sources beside it, else (a bundle's dev.py) from the bundle's own wheel
        sources = f"-e{spec}" if (ROOT / "pyproject.toml").exists() else f"workbench{spec[1:]}"
        env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}  # no index the machine names
        # --no-compile: as uv installs; Python compiles a module when it is first imported,
        # rather than pip every module of every package here (most of the install's time)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
            "--no-index", "--no-compile", "--find-links", wheels, sources, cwd=ROOT, env=env)
    else:
        run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv")
        run(PYTHON, "-m", "uv", "pip", "install", "--quiet", "--python", PYTHON, "-e", spec,
            cwd=ROOT)
    # A test install also satisfies a plain one; keep both stamps.
    keep = [h for h in installed if h != wanted] + [wanted]
    if extras:
        keep.append(hashlib.sha256(_installed_from(wheels) + b".").hexdigest())
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


def ensure_proxy() -> bool:
    """configurable-http-proxy (the hub's proxy) in ./.hub, installed with npm when missing."""
    if PROXY.exists():
        return True
    npm = shutil.which("npm")
    if npm is None:
        say("no npm: install Node.js 20 or newer (with npm) for the camp hub's proxy")
        return False
    say(f"installing configurable-http-proxy into {HUB} with npm (hub/package-lock.json)")
    HUB.mkdir(exist_ok=True)
    for name in ("package.json", "package-lock.json"):  # npm ci installs what the lock says
        shutil.copyfile(HUB_LOCK / name, HUB / name)
    try:
        run(npm, "ci", "--prefix", HUB, "--no-fund", "--no-audit", "--loglevel=error")
    except subprocess.CalledProcessError:
        say("npm could not install configurable-http-proxy (no network?); the hub needs it")
    return PROXY.exists()


def _offline(args: list[str]) -> tuple[Path | None, list[str]]:
    """The bundle's wheels to install from (``--offline DIR``, or beside dev.py), other args."""
    if "--offline" in args:
        at = args.index("--offline")
        if at + 1 >= len(args):
            raise SystemExit("[dev] --offline needs the bundle's folder: --offline DIR")
        wheels = Path(args[at + 1]).resolve() / "wheels"
        rest = args[:at] + args[at + 2 :]
    elif (ROOT / "wheels").is_dir():
        wheels, rest = ROOT / "wheels", args
    else:
        return None, args
    if not any(wheels.glob("workbench-*.whl")):
        raise SystemExit(f"[dev] {wheels.parent} is not a bundle (`dev.py bundle DIR` makes one)")
    return wheels, rest


def start(args: list[str]) -> int:
    wheels, args = _offline(args)
    ensure_env("", wheels)
    return subprocess.call([str(BIN / "workbench"), "start", *args], cwd=ROOT)


def hub(args: list[str]) -> int:
    """A camp on one server: JupyterHub over the PostgreSQL store (`workbench hub`)."""
    wheels, args = _offline(args)
    ensure_env("", wheels)
    if not ensure_proxy():
        return 1
    return subprocess.call([str(BIN / "workbench"), "hub", *args], cwd=ROOT)


def bundle(args: list[str]) -> int:
    """Write what a laptop with no network needs into DIR: this platform's wheels, dev.py."""
    if len(args) != 1:
        say("usage: python3 dev.py bundle DIR")
        return 2
    target = Path(args[0]).resolve()
    wheels = target / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    ensure_env("")
    for old in wheels.glob("workbench-*.whl"):
        old.unlink()
    say(f"building the workbench's wheel into {wheels}")
    run(PYTHON, "-m", "uv", "build", "--wheel", "--quiet", "--out-dir", wheels, ROOT)
    (own,) = wheels.glob("workbench-*.whl")
    say("fetching the wheels it needs for this platform (about 300 MB)")
    run(PYTHON, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
        "--only-binary=:all:", "--dest", wheels, own, "pip", "setuptools", "wheel")
    shutil.copyfile(ROOT / "dev.py", target / "dev.py")
    if PROXY.exists():  # the camp hub's proxy (needs Node.js on the machine it goes to)
        say(f"copying the hub's proxy ({HUB.name}/) into the bundle")
        shutil.copytree(HUB, target / HUB.name, symlinks=True, dirs_exist_ok=True)
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  wheels/{p.name}"
            for p in sorted(wheels.glob("*.whl"))]
    (target / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    size = sum(p.stat().st_size for p in wheels.glob("*.whl")) / 1e6
    say(f"bundle ready: {target} ({len(sums)} wheels, {size:,.0f} MB)")
    say(f"on a laptop with no network: python3 {target.name}/dev.py start")
    return 0


def test(args: list[str]) -> int:
    ensure_env("test")
    ensure_chromium()
    ensure_proxy()  # the hub test skips without it
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
    commands = {"start": start, "test": test, "bundle": bundle, "hub": hub}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
