"""The synthetic sample world, deterministic by seed: same seed, same rows.

>>> from workbench.sample import build_world
>>> world = build_world("camp", seed=0)
>>> len(world["rep"]) >= 20
True

``build_world`` makes the tables as pandas frames (vectorised); ``load_sample`` writes them
into a database in one transaction, so an interrupted run leaves no half world.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from workbench.db.bulk import load_tables
from workbench.db.engine import Database, connect
from workbench.db.export import export_tables
from workbench.db.models import TABLE_ORDER
from workbench.sample._context import Context
from workbench.sample.activity import build_activity
from workbench.sample.business import build_business
from workbench.sample.customers import build_customers
from workbench.sample.field import build_field_force
from workbench.sample.scales import SCALES, Scale, get_scale
from workbench.sample.trials import build_trial

__all__ = [
    "SCALES",
    "Scale",
    "World",
    "build_world",
    "get_scale",
    "load_sample",
    "write_sample_csv",
]

World = dict[str, pd.DataFrame]

STEPS: tuple[tuple[str, Callable[[Context], None]], ...] = (
    ("customers", build_customers),
    ("field force", build_field_force),
    ("activity", build_activity),
    ("business", build_business),
    ("clinical trial", build_trial),
)


def build_world(
    scale: str | Scale = "camp",
    *,
    seed: int = 0,
    multiply: int = 1,
    on_step: Callable[[str], None] | None = None,
) -> World:
    """Build the sample world's tables, in dependency order.

    Parameters
    ----------
    scale
        ``"camp"``, ``"region"``, ``"national"``, or a :class:`Scale`.
    seed
        The world is a pure function of the scale and the seed.
    multiply
        Scale the world's hospitals, doctors, reps and sales by this factor.
    on_step
        Called with the name of each generation step as it starts.

    Returns
    -------
    World
        A frame for each table, by table name, in dependency order.

    Raises
    ------
    ConfigError
        ``scale`` is not a known scale name, or ``multiply`` is less than 1.
    """
    spec = get_scale(scale, multiply=multiply) if isinstance(scale, str) else scale.times(multiply)
    ctx = Context(scale=spec, rng=np.random.default_rng(seed), seed=seed)
    for name, step in STEPS:
        if on_step is not None:
            on_step(name)
        step(ctx)
    return {name: ctx.tables[name] for name in TABLE_ORDER if name in ctx.tables}


def load_sample(
    db: Database,
    scale: str | Scale = "camp",
    *,
    seed: int = 0,
    multiply: int = 1,
    replace: bool = False,
    progress: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Build a sample world and load it into ``db``; returns the rows written per table.

    Refuses a database that already holds data unless ``replace=True``
    (:class:`~workbench.errors.StoreNotEmpty`). The load is one transaction. ``progress``
    shows a progress bar while loading; ``on_step`` is called with each generation step.

    Parameters
    ----------
    db
        The database to load the world into.
    scale, seed, multiply
        The world to build, as for :func:`build_world`.
    replace
        Empty every workbench table first instead of refusing a database that holds data.
    progress
        Show a progress bar while loading.
    on_step
        Called with the name of each generation step as it starts.

    Returns
    -------
    dict of str to int
        The rows written, by table name.

    Raises
    ------
    ConfigError
        ``scale`` is not a known scale name, or ``multiply`` is less than 1.
    StoreNotEmpty
        The database already holds data and ``replace`` is off.
    StoreRefused
        The database refused the rows (read-only, a full disk); nothing was loaded. One
        opened read-only is refused before the world is built.
    """
    db.ensure_writable()
    world = build_world(scale, seed=seed, multiply=multiply, on_step=on_step)
    name = scale if isinstance(scale, str) else scale.name
    return load_tables(
        db,
        world,
        replace=replace,
        progress=progress,
        note=f"sample world scale={name} seed={seed} multiply={multiply}",
    )


def write_sample_csv(
    directory: str | Path, scale: str = "camp", *, seed: int = 0, multiply: int = 1
) -> dict[str, int]:
    """Write a sample world as the export's CSV files (how ``sample_data/`` is made).

    The world passes through a temporary embedded database, so the files are exactly what
    ``workbench export`` writes for a database holding that world.
    """
    with tempfile.TemporaryDirectory(prefix="workbench-sample-") as tmp:
        db = connect(f"sqlite:///{Path(tmp) / 'sample.db'}")
        try:
            load_sample(db, scale, seed=seed, multiply=multiply)
            return export_tables(db, directory, replace=True)
        finally:
            db.close()
