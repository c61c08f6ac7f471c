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


#: a line that is data alone: a table's name as stored and its rows (``workbench info``)
DATA_ROW = re.compile(r"\s+[a-z_]+\s+[\d,]+")


def _said(tmp_path: Path, lang: str) -> dict[str, list[str]]:
    """What ``init``, ``sample``, ``info``, ``export`` and ``camp list`` print, line by line."""
    url = f"sqlite:///{tmp_path}/{lang}.db"
    runs = {
        "init": ["init"],
        "sample": ["sample", "--scale", "camp"],
        "info": ["info"],
        "export": ["export", str(tmp_path / f"export-{lang}")],
        "camp list": ["camp", "list"],
    }
    said = {}
    for name, args in runs.items():
        result = CliRunner().invoke(main, [*args, "--database", url], env={"WORKBENCH_LANG": lang})
        assert result.exit_code == 0, result.output
        said[name] = result.output.splitlines()
        assert said[name], name
    return said


def test_what_the_commands_print_is_in_the_terminal_language(tmp_path: Path) -> None:
    zh, en = _said(tmp_path, "zh"), _said(tmp_path, "en")
    for name, lines in zh.items():
        for line in lines:
            assert CJK.search(line) or DATA_ROW.fullmatch(line), f"{name}: {line!r}"
    assert not [line for lines in en.values() for line in lines if CJK.search(line)]
    # the same lines, the same data rows, and the English as it always was
    assert {name: len(lines) for name, lines in zh.items()} == {
        name: len(lines) for name, lines in en.items()
    }
    assert [row for row in zh["info"] if DATA_ROW.fullmatch(row)] == en["info"][2:]
    assert en["init"][0].startswith("database ready: ") and "(schema " in en["init"][0]
    assert en["sample"][0].startswith("loaded the camp world (seed 0) into ")
    assert zh["sample"][0].startswith("已把培训营规模的样本世界（种子 0）载入 ")
    assert en["export"][0].startswith("wrote ") and en["export"][0].endswith(
        f"rows, to {tmp_path / 'export-en'}"
    )
    assert en["camp list"] == ["no camps yet: `workbench camp create NAME --roster FILE`"]


def test_every_line_a_command_says_is_in_the_catalogue_in_both_languages() -> None:
    said = [key for key in MESSAGES if key.startswith("cli.say.")]
    assert len(said) > 40
    for key in said:
        zh, en = MESSAGES[key]["zh"], MESSAGES[key]["en"]
        assert zh != en and not CJK.search(en), key
    # read by tests and scripts: the same prefix and address in either language
    for lang in ("zh", "en"):
        assert text("cli.say.serving", lang, url="http://x/").startswith("workbench: http://x/  ")


#: command lines click itself refuses, before any command runs
MISTYPED = [
    ["export"],
    ["info", "--nope"],
    ["info", "extra"],
    ["sample", "--seed", "-1"],
    ["sample", "--scale", "moon"],
    ["start", "--port", "abc"],
    ["camp", "create"],
    ["camp", "stat"],
    ["train", "--port"],
]


@pytest.mark.parametrize("args", MISTYPED, ids=" ".join)
def test_a_usage_error_is_said_in_the_terminal_language(args: list[str]) -> None:
    said = {}
    for lang in ("zh", "en"):
        result = CliRunner().invoke(main, args, env={"WORKBENCH_LANG": lang})
        assert result.exit_code == 2, result.output
        said[lang] = result.output.strip().splitlines()[-1]
    zh, en = said["zh"], said["en"]
    assert en.startswith("Error: ") and not CJK.search(en), en
    assert zh.startswith("错误：") and CJK.search(zh), zh
    # what is left in Latin letters is what was typed: the command, its options and values
    typed = {word.strip("-'") for arg in args for word in re.split(r"\W+", arg)}
    words = set(re.findall(r"[A-Za-z]{2,}", zh)) - typed
    assert words <= {"PATH", "NAME", "camp", "region", "national", "create", "status"}, zh
