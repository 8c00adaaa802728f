"""Linking admin-unit mentions to SOATE codes, using the document's other units as context.

A name that fits several units («Ленинский АА»: three aimaks) is decided by the units
around it: first those next to it («Ленинский АА (Джалал-Абадская область)»), then
those of its sentence, then those of the whole document. A candidate fits when the
context holds one of its ancestors (a raion counts more than an oblast) or the unit
itself. When nothing decides, the code stays empty: never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..gazetteer import Gazetteer, Unit
from .admin import Mention

NEARBY = 3  # words between a mention and a unit that explains it («Ленинский АА (Чуйская область)»)
DEPTH = {"raion": 2, "city_district": 2, "aiyl_aimak": 3, "oblast": 1, "city_republican": 1,
         "city": 2, "town": 2, "village": 4}


def _fit(candidate: Unit, context: set[str], gazetteer: Gazetteer) -> int:
    """How closely the context places the candidate: the depth of the deepest shared unit."""
    return max((DEPTH.get(unit.type, 0) for unit in gazetteer.lineage(candidate.code)
                if unit.code in context), default=0)


def _decide(candidates: Sequence[Unit], context: set[str], gazetteer: Gazetteer) -> Unit | None:
    scores = [_fit(candidate, context, gazetteer) for candidate in candidates]
    best = max(scores, default=0)
    if best and scores.count(best) == 1:
        return candidates[scores.index(best)]
    return None


def _distance(a: Mention, b: Mention) -> int:
    """Words between two mentions."""
    return max(a.start - b.end, b.start - a.end)


def link(mentions: Sequence[Mention], words: Sequence[Token], gazetteer: Gazetteer) -> list[str]:
    """A SOATE code for each mention, or "" where the text does not decide."""
    chosen: list[Unit | None] = [m.units[0] if len(m.units) == 1 else None for m in mentions]
    sentence = [words[m.start].sent.start for m in mentions]
    for _ in range(2):  # a unit decided in the first pass can decide another in the second
        for index, mention in enumerate(mentions):
            if chosen[index] is not None:
                continue
            known = [(k, unit) for k, unit in enumerate(chosen) if unit is not None]
            nearby = sorted((_distance(mentions[k], mention), k) for k, _ in known
                            if _distance(mentions[k], mention) <= NEARBY)
            contexts = [[chosen[k]] for _, k in nearby] + [
                [unit for k, unit in known if sentence[k] == sentence[index]],
                [unit for _, unit in known],
            ]
            for context_units in contexts:
                context = {u.code for unit in context_units for u in gazetteer.lineage(unit.code)}
                decided = _decide(mention.units, context, gazetteer) if context else None
                if decided is not None:
                    chosen[index] = decided
                    break
    return [unit.code if unit is not None else "" for unit in chosen]


def regions(codes: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """The regions (oblasts, Bishkek, Osh) of the linked units, in order of first mention."""
    found: list[str] = []
    for code in codes:
        region = gazetteer.region_of(code) if code else None
        if region is not None and region.name not in found:
            found.append(region.name)
    return found
