"""Any arguments to the commands that need no server: done, refused in one line that says what to
do (exit 1), or a usage error naming the option (exit 2); never a traceback.

CI tries 60 command lines; ``FUZZ_PROFILE=deep`` tries 10,000.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.cli import main

EXAMPLES = 10_000 if os.environ.get("FUZZ_PROFILE") == "deep" else 60

#: text a person might type, and the characters that break paths and URLs. A command line
#: cannot hold NUL; bytes the locale cannot decode arrive as lone surrogates (U+DC80-DCFF).
TYPED = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
UNDECODED = st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)
CHARS = st.one_of(TYPED, UNDECODED)
#: a name inside the test's folder: never a separator, so never a way out of it
NAMED = st.text(
    st.one_of(st.characters(blacklist_characters="\x00/", blacklist_categories=("Cs",)), UNDECODED),
    max_size=12,
).filter(lambda name: name not in (".", ".."))
WORDS = st.one_of(
    st.text(CHARS, max_size=20),
    st.sampled_from(
        ["", "-1", "0", "99999", "1e3", "camp", "national", "zh", "en", "fr", "..", "/"]
    ),
    st.integers(-(2**40), 2**40).map(str),
)
#: a database given on the command line: a path in the test's folder, a URL of any shape, or
#: a server on this machine that may not hold that database (never a name to look up)
DATABASES = st.one_of(
    WORDS,
    st.builds(lambda w: f"sqlite:///{{tmp}}/{w}", NAMED),
    st.builds(lambda w: f"sqlite:///{{tmp}}/{w}/deeper/x.db", NAMED),
    st.builds(
        lambda port, name: f"postgresql://postgres@127.0.0.1:{port}/{name}",
        st.one_of(st.just("5432"), st.integers(1, 70000).map(str), WORDS),
        # a database no one has: the server's own (postgres, template1) are never touched
        st.from_regex(r"wb_fuzz_absent_[a-z_]{0,10}", fullmatch=True),
    ),
    st.sampled_from(["mysql://x@127.0.0.1/y", "sqlite://", "sqlite:///:memory:", "://"]),
)
PATHS = st.one_of(
    st.builds(lambda w: f"{{tmp}}/{w}", NAMED),
    st.builds(lambda w: f"{{tmp}}/a-file/{w}", NAMED),
    st.sampled_from(["{tmp}", "{tmp}/a-file", "{tmp}/a-file/x", "/proc/version/x"]),
)


def _option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda v: [name, v]))


COMMAND_LINES = st.one_of(
    st.tuples(st.just(["info"]), _option("--database", DATABASES)),
    st.tuples(st.just(["init"]), _option("--database", DATABASES)),
    st.tuples(st.just(["cut"]), _option("--database", DATABASES)),
    st.tuples(
        st.just(["export"]),
        PATHS.map(lambda p: [p]),
        _option("--database", DATABASES),
        _option("--lang", WORDS),
        st.sampled_from([[], ["--excel"], ["--force"], ["--excel", "--force"]]),
    ),
    st.tuples(
        st.just(["sample", "--to-csv"]),
        PATHS.map(lambda p: [p]),
        # never a national world or a multiplied one: each takes minutes, and is no test
        _option("--scale", st.sampled_from(["camp", "", "CAMP", "national-", "全国"])),
        _option("--seed", WORDS),
        _option("--multiply", st.sampled_from(["0", "-1", "1", "x", "", "1.5"])),
    ),
    st.tuples(st.just(["start"]), _option("--port", WORDS), st.just(["--help"])),
    st.lists(WORDS, max_size=4).map(lambda words: (words,)),
).map(lambda parts: [word for part in parts for word in part])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(COMMAND_LINES)
def test_any_command_line_is_done_refused_in_one_line_or_a_usage_error(args: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a-file").write_text("not a folder")
        argv = [a.replace("{tmp}", tmp) for a in args]
        env = {
            "WORKBENCH_DATA_DIR": str(Path(tmp) / "data"),
            "WORKBENCH_DATABASE_URL": None,
            "WORKBENCH_LANG": "en",
        }
        result = CliRunner().invoke(main, argv, env=env)
        said = result.output
        assert "Traceback" not in said, said
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            argv,
            result.exception,
        )
        assert result.exit_code in (0, 1, 2), (argv, result.exit_code, said)
        if result.exit_code == 1:
            assert said.startswith("error: ") and said.count("\n") == 1, said
        if result.exit_code == 2:
            assert "Usage:" in said or "Error:" in said, said
