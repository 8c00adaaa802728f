"""The admin-unit knowledge base: Kyrgyz oblasts, raions, cities, aiyl aimaks and villages.

Built from the SOATE classifier by ``scripts/build_gazetteer.py`` into ``data/gazetteer.tsv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .datafiles import read_text
from .spelling import name_key

LABELS = {
    "oblast": "OBLAST", "raion": "RAION", "city_district": "RAION", "aiyl_aimak": "AIMAK",
    "city_republican": "SETTLEMENT", "city": "SETTLEMENT", "town": "SETTLEMENT",
    "village": "SETTLEMENT",
}
REGION_TYPES = ("oblast", "city_republican")  # Bishkek and Osh are regions of their own
COUNTRY_KEYS = frozenset({"кыргызск", "кыргызстан", "кр", "киргизи", "кыргыз"})  # word keys of the country


@dataclass(frozen=True, slots=True)
class Unit:
    """One admin unit: 14-digit SOATE code, type, canonical Russian name and its place in the tree."""

    code: str
    type: str
    name: str
    short: str
    parent: str
    name_ky: str
    first_village: str
    other_names: tuple[str, ...]

    @property
    def label(self) -> str:
        return LABELS[self.type]

    def __repr__(self) -> str:
        return f"Unit({self.code} {self.type} {self.name!r})"


class Gazetteer:
    """Look-ups by code and by name, and walks up and down the hierarchy."""

    def __init__(self, units: list[Unit]):
        self._by_code = {unit.code: unit for unit in units}
        self._children: dict[str, list[Unit]] = {}
        self._by_key: dict[str, list[Unit]] = {}
        for unit in units:
            self._children.setdefault(unit.parent, []).append(unit)
            for name in {unit.name, unit.short, *unit.other_names, unit.name_ky} - {""}:
                bucket = self._by_key.setdefault(name_key(name), [])
                if unit not in bucket:
                    bucket.append(unit)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._by_code.values())

    def get(self, code: str) -> Unit | None:
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> Unit:
        return self._by_code[code]

    def lookup(self, name: str, type: str | None = None) -> list[Unit]:
        """Units with this name in any case and spelling («Ысык-Көл облусу», «Торт-Кульский»)."""
        units = self._by_key.get(name_key(name), [])
        return [unit for unit in units if type is None or unit.type == type]

    def children(self, code: str) -> list[Unit]:
        return list(self._children.get(code, []))

    def ancestors(self, code: str) -> list[Unit]:
        """Parent first, up to the oblast or city of republican significance."""
        chain = []
        unit = self._by_code.get(code)
        while unit is not None and unit.parent:
            unit = self._by_code.get(unit.parent)
            if unit is not None:
                chain.append(unit)
        return chain

    def lineage(self, code: str) -> list[Unit]:
        """The unit itself, then its ancestors."""
        unit = self._by_code.get(code)
        return ([unit] + self.ancestors(code)) if unit else []

    def _first_of_type(self, code: str, types: tuple[str, ...]) -> Unit | None:
        return next((unit for unit in self.lineage(code) if unit.type in types), None)

    def oblast_of(self, code: str) -> Unit | None:
        """The oblast a unit lies in (None for Bishkek and Osh, which lie in none)."""
        return self._first_of_type(code, ("oblast",))

    def raion_of(self, code: str) -> Unit | None:
        """The raion (or Bishkek/Osh district) a unit lies in, if any."""
        return self._first_of_type(code, ("raion", "city_district"))

    def region_of(self, code: str) -> Unit | None:
        """The region for statistics: the oblast, or Bishkek/Osh themselves."""
        return self._first_of_type(code, REGION_TYPES)


@cache
def load() -> Gazetteer:
    """The bundled gazetteer (read once per process)."""
    text = read_text("gazetteer.tsv")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    return Gazetteer([
        Unit(row["code"], row["type"], row["name"], row["short"], row["parent"], row["name_ky"],
             row["first_village"], tuple(filter(None, row["other_names"].split("|"))))
        for row in rows
    ])
