"""One consistent, non-overlapping ``doc.ents`` from everything the recognizers found.

Every span stays in ``doc.spans["munitext"]``; ``doc.ents`` keeps, where spans overlap,
the one of higher priority (``PRIORITY``), then the longer, then the earlier.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..component import DocComponent
from ..extensions import SPAN_KEY

Item = TypeVar("Item")

PRIORITY = {"INSTITUTION": 5, "OBLAST": 4, "RAION": 4, "AIMAK": 4, "SETTLEMENT": 4,
            "MONEY": 3, "DATE": 3, "COUNT": 2, "PER": 1, "LOC": 1, "ORG": 1}


def non_overlapping(items: Iterable[Item], rank: Callable[[Item], Any]) -> list[Item]:
    """Items (anything with ``start`` and ``end``) taken best ``rank`` first, each unless it
    overlaps one already taken; returned in text order."""
    taken: set[int] = set()
    chosen = []
    for item in sorted(items, key=rank):
        positions = set(range(item.start, item.end))
        if not positions & taken:
            chosen.append(item)
            taken |= positions
    return sorted(chosen, key=lambda item: item.start)


def resolve(spans: list[Span]) -> list[Span]:
    """The non-overlapping selection: higher priority, then longer, then earlier."""
    return non_overlapping(spans, lambda s: (-PRIORITY.get(s.label_, 0), s.start - s.end, s.start))


class Resolver(DocComponent):
    """Sets ``doc.ents`` from ``doc.spans["munitext"]``."""

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = resolve(list(doc.spans.get(SPAN_KEY, [])))
        return doc


@Language.factory("munitext_resolver")
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()
