"""Settings take one road: read from the environment at the edges, passed in everywhere else."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import workbench
from workbench import ConfigError, Settings
from workbench import analysis as wa
from workbench.config import ENV_VARS
from workbench.cuts import cuts_dir

PACKAGE = Path(workbench.__file__).resolve().parent

#: The edges: where the environment is read (the command line, a package of its own).
#: Notebooks' first cells are the other edge.
EDGES = {"cli/_common.py"}


def _from_env_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "from_env"
    ]


def test_only_the_command_line_reads_the_environment() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).as_posix() not in EDGES
        for line in _from_env_calls(path)
    ]
    assert offenders == [], "Settings.from_env() below the edges: " + ", ".join(offenders)
    assert _from_env_calls(PACKAGE / "cli" / "_common.py"), "the command line builds settings"


def test_no_library_module_reads_os_environ() -> None:
    readers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in {"config.py", *EDGES} or rel.startswith("cli/"):
            continue
        source = path.read_text(encoding="utf-8")
        if "os.environ" in source or "getenv(" in source:
            readers.append(rel)
    # serving starts processes: their environment is built from os.environ plus settings
    assert set(readers) <= {"apps/serve.py"}, readers


def test_settings_round_trip_through_the_environment(tmp_path: Path) -> None:
    settings = Settings(
        database_url="postgresql://postgres@127.0.0.1:5432/crm",
        data_dir=tmp_path,
        host="0.0.0.0",
        port=9001,
        lang="en",
        over_visit_threshold=6,
        trainee="王小明",
        camp="bj-2026-12",
        employee_id="E0012",
        stuck_attempts=4,
        stuck_minutes=15,
        token="k3y",
        refund_months=18,
        refund_completeness=0.85,
        refund_entry_days=2,
        refund_on_time=0.75,
        viewer="manager:E0012",
    )
    env = settings.to_env()
    assert set(env) == set(ENV_VARS.values())
    assert Settings.from_env(env) == settings
    assert Settings.from_env(Settings(data_dir=tmp_path).to_env()) == Settings(data_dir=tmp_path)


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"refund_months": 0}, "1 month or more"),
        ({"refund_entry_days": -1}, "0 days or more"),
        ({"refund_completeness": 1.01}, "refund_completeness 1.01 is not a share"),
        ({"refund_on_time": -0.1}, "refund_on_time -0.1 is not a share"),
    ],
)
def test_a_refund_rule_out_of_range_is_refused_naming_the_fix(
    values: dict[str, float], named: str
) -> None:
    with pytest.raises(ConfigError, match=named):
        Settings(**values)  # type: ignore[arg-type]


def test_the_refund_rule_reads_from_the_environment_and_rejects_words() -> None:
    env = {"WORKBENCH_REFUND_COMPLETENESS": "0.95", "WORKBENCH_REFUND_MONTHS": "12"}
    settings = Settings.from_env(env)
    assert (settings.refund_completeness, settings.refund_months) == (0.95, 12)
    assert (settings.refund_on_time, settings.refund_entry_days) == (0.8, 3)
    with pytest.raises(ConfigError, match=r"is not a number; use e\.g\. 0\.8"):
        Settings.from_env({"WORKBENCH_REFUND_ON_TIME": "most"})


def test_options_win_over_the_environment_and_none_keeps_it() -> None:
    env = {"WORKBENCH_PORT": "9000", "WORKBENCH_LANG": "en"}
    assert Settings.from_env(env, port=9100).port == 9100
    assert Settings.from_env(env, port=None).port == 9000
    with pytest.raises(ConfigError, match="prot is not a setting"):
        Settings.from_env(env, prot=1)


def test_library_defaults_ignore_the_environment(
    camp_cut: workbench.Cut, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("WORKBENCH_OVER_VISIT_THRESHOLD", "3")
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "from-env"))
    assert wa.call_frequency(camp_cut).threshold == 8
    passed = Settings(over_visit_threshold=3, data_dir=tmp_path / "passed")
    assert wa.call_frequency(camp_cut, settings=passed).threshold == 3
    assert cuts_dir(passed) == tmp_path / "passed" / "cuts"
    assert cuts_dir() == Settings().data_dir / "cuts" != tmp_path / "from-env" / "cuts"


def test_a_server_gets_the_commands_settings(tmp_path: Path) -> None:
    from workbench.apps.serve import serve_command

    settings = Settings(database_url=f"sqlite:///{tmp_path}/x.db", data_dir=tmp_path, lang="en")
    _command, env = serve_command(settings)
    assert Settings.from_env(env) == settings


def test_a_data_folder_given_as_text_is_a_path(tmp_path: Path) -> None:
    settings = Settings(data_dir=str(tmp_path))  # type: ignore[arg-type]
    assert settings.data_dir == tmp_path
    assert settings.default_database_path == tmp_path / "workbench.db"


def test_the_folders_the_workbench_makes_for_its_data_are_its_owners_only(tmp_path: Path) -> None:
    import stat

    existing = tmp_path / "home"
    existing.mkdir(mode=0o755)
    db = workbench.connect(f"sqlite:///{existing / 'data' / 'sandboxes' / 'crm.db'}")
    db.close()
    for made in (existing / "data", existing / "data" / "sandboxes"):
        assert stat.S_IMODE(made.stat().st_mode) == 0o700, made
    assert stat.S_IMODE(existing.stat().st_mode) == 0o755  # what was there keeps its mode
