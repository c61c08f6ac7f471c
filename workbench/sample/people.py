"""Synthetic Chinese names with their pinyin: composed from common parts, never real people."""

from __future__ import annotations

import numpy as np

from workbench.sample.reference import GIVEN, SURNAMES

__all__ = ["make_names"]

_SURNAME = np.array([s for s, _, _ in SURNAMES])
_SURNAME_PY = np.array([p for _, p, _ in SURNAMES])
_SURNAME_P = np.array([w for _, _, w in SURNAMES]) / sum(w for _, _, w in SURNAMES)
_GIVEN = np.array([g for g, _, _ in GIVEN])
_GIVEN_PY = np.array([p for _, p, _ in GIVEN])
_POOLS = {sex: np.array([i for i, (_, _, s) in enumerate(GIVEN) if s in ("", sex)]) for sex in "FM"}


def make_names(rng: np.random.Generator, genders: np.ndarray) -> tuple[list[str], list[str]]:
    """Names and pinyin (``"Wang Xiaoming"``) for people of the given genders ('F'/'M')."""
    n = len(genders)
    surname = rng.choice(len(_SURNAME), size=n, p=_SURNAME_P)
    first = np.empty(n, dtype=np.int64)
    second = np.full(n, -1, dtype=np.int64)
    two = rng.random(n) < 0.7
    for sex, pool in _POOLS.items():
        mask = genders == sex
        first[mask] = pool[rng.integers(0, len(pool), mask.sum())]
        both = mask & two
        second[both] = pool[rng.integers(0, len(pool), both.sum())]
    single_char = np.char.str_len(_GIVEN[first]) == 1
    second[~single_char] = -1  # a two-character given part stands alone
    names: list[str] = []
    pinyin: list[str] = []
    for s, a, b in zip(surname.tolist(), first.tolist(), second.tolist(), strict=True):
        given = _GIVEN[a] + (_GIVEN[b] if b >= 0 else "")
        given_py = _GIVEN_PY[a] + (_GIVEN_PY[b] if b >= 0 else "")
        names.append(_SURNAME[s] + given)
        pinyin.append(f"{_SURNAME_PY[s]} {given_py.capitalize()}")
    return names, pinyin
