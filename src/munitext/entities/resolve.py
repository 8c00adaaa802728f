"""One consistent, non-overlapping ``doc.ents`` from everything the recognizers found.

Every span stays in ``doc.spans["munitext"]``; ``doc.ents`` keeps, where spans overlap,
the one of higher priority (``PRIORITY``), then the longer, then the earlier.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..component import DocComponent
from ..extensions import SPAN_KEY

PRIORITY = {"INSTITUTION": 5, "OBLAST": 4, "RAION": 4, "AIMAK": 4, "SETTLEMENT": 4,
            "MONEY": 3, "DATE": 3, "COUNT": 2, "PER": 1, "LOC": 1, "ORG": 1}


def resolve(spans: list[Span]) -> list[Span]:
    """The non-overlapping selection, in text order."""
    ranked = sorted(spans, key=lambda s: (-PRIORITY.get(s.label_, 0), s.start - s.end, s.start))
    taken: set[int] = set()
    chosen = []
    for span in ranked:
        tokens = set(range(span.start, span.end))
        if not tokens & taken:
            chosen.append(span)
            taken |= tokens
    return sorted(chosen, key=lambda s: s.start)


class Resolver(DocComponent):
    """Sets ``doc.ents`` from ``doc.spans["munitext"]``."""

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = resolve(list(doc.spans.get(SPAN_KEY, [])))
        return doc


@Language.factory("munitext_resolver")
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()
