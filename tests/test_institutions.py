"""Kyrgyz public authorities (INSTITUTION): tests/data/institutions.tsv.

Columns: id, sentence, text, label, normal, kind. The text is the first whole-word
occurrence in the sentence.
- label INSTITUTION: a span with exactly these characters is in ``doc.ents`` with this
  canonical normal form (ё = е) and ``span._.value == {"kind": kind}``.
- label ORG, PER, LOC: no Kyrgyz authority but that entity, with this normal form; no
  INSTITUTION span overlaps it, in ``doc.spans["munitext"]`` either.
- label ``-``: no entity at all (a bare common noun or title): nothing in ``doc.ents``
  and no INSTITUTION in ``doc.spans["munitext"]`` overlaps it.
"""

import csv
from pathlib import Path

import pytest

from .tables import folded, where

TABLE = Path(__file__).parent / "data" / "institutions.tsv"
SPAN_KEY = "munitext"


def _cases():
    with TABLE.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            yield pytest.param(row["sentence"], row["text"], row["label"], row["normal"], row["kind"],
                               id=row["id"])


def _shown(spans) -> list[str]:
    return [f"{s.label_}:{s.text}={s._.normal}" for s in spans]


def _overlapping(spans, start: int, end: int) -> list:
    return [s for s in spans if s.start_char < end and s.end_char > start]


@pytest.mark.parametrize(("sentence", "text", "label", "normal", "kind"), list(_cases()))
def test_institution(nlp, sentence, text, label, normal, kind):
    start, end = where(sentence, text)
    doc = nlp(sentence)
    if label != "INSTITUTION":
        bodies = [s for s in _overlapping(doc.spans[SPAN_KEY], start, end) if s.label_ == "INSTITUTION"]
        assert not bodies, f"{text!r} in {sentence!r} is no Kyrgyz authority, found {_shown(bodies)}"
    if label == "-":
        found = _overlapping(doc.ents, start, end)
        assert not found, f"{text!r} in {sentence!r} is no entity, found {_shown(found)}"
        return
    spans = [s for s in doc.ents if (s.start_char, s.end_char, s.label_) == (start, end, label)]
    assert spans, f"no {label} {text!r} in {sentence!r}; found {_shown(doc.ents)}"
    span = spans[0]
    assert folded(span._.normal or "") == folded(normal), f"{label} {text!r} in {sentence!r}"
    if label == "INSTITUTION":
        assert span._.value == {"kind": kind}, f"{text!r} in {sentence!r}"
