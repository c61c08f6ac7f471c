"""Databases beside the main store: a derived name is never the main store nor another's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import PG_SERVER
from workbench import ConfigError
from workbench.db import stores


def test_a_sibling_is_named_after_the_main_store() -> None:
    url = stores.sibling_url("postgresql://postgres@127.0.0.1:5432/crm", "t_wang-xiaoming-E0012")
    assert url.database == "crm_t_wang-xiaoming-E0012"
    assert (url.host, url.port, url.username) == ("127.0.0.1", 5432, "postgres")
    assert url.drivername == "postgresql+psycopg"


def test_the_name_limit_is_held_at_its_exact_boundary() -> None:
    suffix = "t_E1"
    fits = "d" * (stores.PG_NAME_BYTES - len("_" + suffix))
    assert len(stores.sibling_url(f"postgresql://h/{fits}", suffix).database or "") == 63
    with pytest.raises(ConfigError, match="64 bytes, over PostgreSQL's 63"):
        stores.sibling_url(f"postgresql://h/{fits}d", suffix)
    # bytes, not characters: a Chinese character is three
    with pytest.raises(ConfigError, match="over PostgreSQL's 63"):
        stores.sibling_url("postgresql://h/" + "库" * 20, suffix)


def test_names_that_would_be_cut_short_are_refused_not_shared() -> None:
    """With a 63-character main name, every sibling used to resolve to the main store; with
    a 47-character name, two long trainee names used to share one sandbox."""
    main63 = "postgresql://h/" + "m" * 63
    with pytest.raises(ConfigError):
        stores.sibling_url(main63, "t_a")
    main40 = "postgresql://h/" + "m" * 40
    one = stores.sibling_url(main40, "t_alexander-smith-E1")  # 61 bytes: fits
    assert one.database == "m" * 40 + "_t_alexander-smith-E1"
    with pytest.raises(ConfigError, match="nothing was created"):  # 64 bytes: refused, not cut
        stores.sibling_url(main40, "t_alexander-smithson-E2")


@pytest.mark.parametrize("suffix", ["", 'a"b', "a/b", "a'b"])
def test_a_suffix_that_cannot_name_a_database_is_refused(suffix: str) -> None:
    with pytest.raises(ConfigError):
        stores.sibling_url("postgresql://h/crm", suffix)


def test_the_main_store_is_never_dropped_this_way() -> None:
    main = "postgresql://h/crm"
    with pytest.raises(ConfigError, match="refusing to drop 'crm'"):
        stores.drop_database(main, main=main)
    with pytest.raises(ConfigError, match="refusing to drop 'other_t_x'"):
        stores.drop_database("postgresql://h/other_t_x", main=main)


@pytest.mark.postgres
def test_create_and_drop_a_sibling_on_the_server(make_pg_url: Callable[[], str]) -> None:
    main = make_pg_url()
    sibling = stores.sibling_url(main, "t_li-lei-E7")
    assert not stores.database_exists(sibling)
    assert stores.create_database(sibling) is True
    assert stores.create_database(sibling) is False  # already there: nothing done
    assert stores.database_exists(sibling)
    stores.drop_database(sibling, main=main)
    assert not stores.database_exists(sibling)
    assert stores.database_exists(make_url(main))  # the main store is still there
    assert main.startswith(PG_SERVER)
