"""The command line: each command works, and every error is one line with what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench
from workbench.cli import main
from workbench.db.export import EXPORTS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_init_creates_and_reports(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init", "--database", _url(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "database ready" in result.output
    assert (tmp_path / "cli.db").exists()


def test_init_without_url_uses_the_data_dir(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "home"))
    result = runner.invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "home" / "workbench.db").exists()


def test_sample_info_export(runner: CliRunner, tmp_path: Path) -> None:
    url = _url(tmp_path)
    result = runner.invoke(main, ["sample", "--scale", "camp", "--seed", "0", "--database", url])
    assert result.exit_code == 0, result.output
    assert "loaded the camp world" in result.output

    info = runner.invoke(main, ["info", "--database", url])
    assert info.exit_code == 0
    db = workbench.connect(url)
    try:
        counts = db.counts()
    finally:
        db.close()
    listed = {
        line.split()[0]: int(line.split()[1].replace(",", ""))
        for line in info.output.splitlines()
        if line.startswith("  ")
    }
    assert listed == counts
    assert list(listed)[:3] == ["region", "city", "hospital"]

    out = tmp_path / "export"
    exported = runner.invoke(main, ["export", str(out), "--database", url])
    assert exported.exit_code == 0, exported.output
    assert (out / "calls.csv").exists()


def test_sample_into_a_database_with_data_is_refused_in_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    url = _url(tmp_path)
    runner.invoke(main, ["sample", "--database", url])
    result = runner.invoke(main, ["sample", "--seed", "3", "--database", url])
    assert result.exit_code == 1
    assert result.output.startswith("error: ")
    assert "--replace" in result.output
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1

    replaced = runner.invoke(main, ["sample", "--seed", "3", "--replace", "--database", url])
    assert replaced.exit_code == 0, replaced.output


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("definitely-not-a-url", "is not valid"),
        ("postgresql://postgres@127.0.0.1:1/crm", "cannot reach the database server"),
    ],
)
def test_bad_databases_give_one_line(runner: CliRunner, url: str, says: str) -> None:
    result = runner.invoke(main, ["info", "--database", url])
    assert result.exit_code == 1
    assert says in result.output
    assert "Traceback" not in result.output
    assert result.output.count("\n") == 1


def test_bad_port_setting_gives_one_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_LANG", "fr")
    result = runner.invoke(main, ["init"])
    assert result.exit_code == 1
    assert "lang 'fr' is not supported" in result.output


def test_sample_to_csv_writes_the_export_files(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["sample", "--to-csv", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "csv").glob("*.csv"))) == len(EXPORTS)


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in ("init", "sample", "info", "export", "cut", "start"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_start_on_a_port_in_use_says_so_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["start", "--port", str(port), "--database", _url(tmp_path)])
    assert result.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.output
    assert "--port" in result.output
    assert result.output.count("\n") == 1


@pytest.mark.parametrize(
    ("seed", "accepted"), [(-1, False), (0, True), (2**32 - 1, True), (2**32, False)]
)
def test_a_seed_numpy_cannot_take_is_refused_before_anything_is_made(
    runner: CliRunner, tmp_path: Path, seed: int, accepted: bool
) -> None:
    out = tmp_path / "world"
    result = runner.invoke(main, ["sample", "--seed", str(seed), "--to-csv", str(out)])
    assert "Traceback" not in result.output
    assert (result.exit_code == 0) is accepted, result.output
    assert out.exists() is accepted
