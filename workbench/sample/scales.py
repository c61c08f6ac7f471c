"""The sizes of sample world: camp, region and national."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from workbench.errors import ConfigError

__all__ = ["SCALES", "Scale", "get_scale"]


@dataclass(frozen=True)
class Scale:
    """How big a sample world is and which stretch of time it covers.

    Rates are per month unless named otherwise; ``attrition`` is the yearly share of reps
    who leave; ``conflicts_per_week`` the mean number of doctors planned by a second rep.
    """

    name: str
    regions: tuple[str, ...]
    cities_per_region: int
    hospitals: int
    doctors: int
    reps: int
    start: dt.date
    end: dt.date
    sales_lines_per_year: int
    dealers_per_city: int = 3
    coverage: float = 0.9
    conflicts_per_week: float = 5.0
    events_per_region_month: float = 2.0
    attrition: float = 0.24
    vacancy_days: tuple[int, int] = (14, 90)
    #: Top-N hospitals and their share of sales in the first and in later years (the
    #: Roche case's key-customer figures), and the growth from the first year to the second.
    key_accounts: tuple[tuple[int, float], tuple[int, float]] = ((270, 0.68), (200, 0.80))
    growth: float = 0.18
    multiply: int = 1

    def times(self, n: int) -> Scale:
        """The scale with ``n`` times the hospitals, doctors, reps and sales.

        Raises
        ------
        ConfigError
            ``n`` is less than 1.
        """
        if n < 1:
            raise ConfigError(key="error.sample.multiply", value=n)
        if n == 1:
            return self
        (k1, s1), (k2, s2) = self.key_accounts
        return replace(
            self,
            hospitals=self.hospitals * n,
            doctors=self.doctors * n,
            reps=self.reps * n,
            sales_lines_per_year=self.sales_lines_per_year * n,
            dealers_per_city=self.dealers_per_city * n,
            conflicts_per_week=self.conflicts_per_week * n,
            events_per_region_month=self.events_per_region_month * n,
            key_accounts=((k1 * n, s1), (k2 * n, s2)),
            multiply=n,
        )


ALL_REGIONS = (
    "north",
    "northeast",
    "east",
    "jiangsu",
    "south",
    "central",
    "southwest",
    "northwest",
    "shandong",
)

SCALES: dict[str, Scale] = {
    "camp": Scale(
        name="camp",
        regions=("east",),
        cities_per_region=2,
        hospitals=20,
        doctors=600,
        reps=20,
        start=dt.date(2026, 6, 1),
        end=dt.date(2026, 10, 31),
        sales_lines_per_year=6_000,
        dealers_per_city=2,
        conflicts_per_week=2.0,
        events_per_region_month=3.0,
        vacancy_days=(10, 40),
        key_accounts=((5, 0.68), (4, 0.80)),
    ),
    "region": Scale(
        name="region",
        regions=("east",),
        cities_per_region=6,
        hospitals=300,
        doctors=10_000,
        reps=45,
        start=dt.date(2024, 1, 1),
        end=dt.date(2025, 12, 31),
        sales_lines_per_year=75_000,
        conflicts_per_week=2.5,
        events_per_region_month=3.0,
        key_accounts=((27, 0.68), (20, 0.80)),
    ),
    "national": Scale(
        name="national",
        regions=ALL_REGIONS,
        cities_per_region=6,
        hospitals=3_000,
        doctors=100_000,
        reps=400,
        start=dt.date(2024, 1, 1),
        end=dt.date(2025, 12, 31),
        sales_lines_per_year=810_000,
        conflicts_per_week=5.0,
        events_per_region_month=2.0,
    ),
}


def get_scale(name: str, *, multiply: int = 1) -> Scale:
    """The named scale of :data:`SCALES`, multiplied by ``multiply``.

    Parameters
    ----------
    name
        ``"camp"``, ``"region"`` or ``"national"``.
    multiply
        Scale the hospitals, doctors, reps and sales by this whole factor (at least 1).

    Returns
    -------
    Scale
        The scale, itself when ``multiply`` is 1.

    Raises
    ------
    ConfigError
        ``name`` is not in :data:`SCALES`, or ``multiply`` is less than 1.
    """
    try:
        scale = SCALES[name]
    except KeyError:
        raise ConfigError(key="error.sample.scale", name=name, choices=", ".join(SCALES)) from None
    return scale.times(multiply)
