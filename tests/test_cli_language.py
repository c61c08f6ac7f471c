"""The command line speaks the terminal's language: every command's help, every option's, the
headings and click's notes, and every error; the English beside the code is the catalogue's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli import main
from workbench.cli._language import WRITTEN, commands, help_key, speak
from workbench.config import terminal_lang
from workbench.i18n import MESSAGES, text

CJK = re.compile(r"[\u4e00-\u9fff]")
PATHS = [path for path, _command in commands(main)]

#: what click writes in English when nobody translates it
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "default:", "[required]", "Show this")


def _help(path: tuple[str, ...], lang: str) -> str:
    env = {"WORKBENCH_LANG": lang}
    result = CliRunner().invoke(main, [*path, "--help"], env=env, terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_and_option_has_its_help_in_both_languages() -> None:
    speak(main, "en")
    missing = [key for key in WRITTEN if key not in MESSAGES]
    assert not missing
    drifted = [key for key, english in WRITTEN.items() if text(key, "en") != english]
    assert not drifted, "the catalogue's English differs from the help in the code"
    assert {help_key(path) for path in PATHS} <= set(WRITTEN)


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "workbench" for p in PATHS])
def test_help_in_chinese_has_every_line_in_chinese(path: tuple[str, ...]) -> None:
    said = _help(path, "zh")
    assert said.startswith("用法：") and "选项：" in said
    assert not [words for words in CLICK_ENGLISH if words in said], said
    # every line that says something (not an option's name alone, not a code's choices)
    # says it in Chinese
    described = [
        line.strip()
        for line in said.splitlines()
        if line.strip() and not line.startswith("用法") and not line.strip().endswith("：")
    ]
    for line in described:
        words = re.sub(r"^(-\S+|\S+)(,? -\S+)*( [A-Z_\[\]|a-z.]+)?\s{2,}", "", line)
        assert CJK.search(words) or not re.search(r"[a-z]{4,} [a-z]{3,}", words), line


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "workbench" for p in PATHS])
def test_help_in_english_has_no_chinese_but_its_one_example(path: tuple[str, ...]) -> None:
    said = _help(path, "en")
    assert said.startswith("Usage: ")
    assert not CJK.search(said.replace("北京", "")), said  # the region's example is a name


def test_the_terminal_language_follows_the_setting_then_the_locale() -> None:
    assert terminal_lang({"WORKBENCH_LANG": "zh"}) == "zh"
    assert terminal_lang({"LANG": "zh_TW.UTF-8"}) == "zh"
    assert terminal_lang({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert terminal_lang({"LANGUAGE": "zh_CN:en", "LC_ALL": "C"}) == "zh"
    assert terminal_lang({"WORKBENCH_LANG": "fr", "LANG": "C"}) == "en"
    assert terminal_lang({}) == "en"


@pytest.mark.parametrize(
    ("lang", "starts", "says"), [("zh", "错误：", "培训营"), ("en", "error: ", "camp")]
)
def test_an_error_is_one_line_in_the_terminal_language(
    tmp_path: Path, lang: str, starts: str, says: str
) -> None:
    url = f"sqlite:///{tmp_path}/cli.db"
    result = CliRunner().invoke(
        main, ["camp", "status", "无此营", "--database", url], env={"WORKBENCH_LANG": lang}
    )
    assert result.exit_code == 1
    assert result.output.startswith(starts) and says in result.output, result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
