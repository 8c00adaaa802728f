"""Normal (nominative) forms of named entities: tests/data/normal_forms.tsv (sentence, entity, normal).

The entity is natasha's PER/LOC/ORG span (in ``doc.spans["munitext"]``, which keeps it
even where an admin unit or institution wins ``doc.ents``) whose text equals the entity
column; its ``span._.normal`` must equal the expected normal form (ё = е, letter case kept).
"""

import csv
from pathlib import Path

import pytest

from .tables import latin

TABLE = Path(__file__).parent / "data" / "normal_forms.tsv"



def _cases():
    with TABLE.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            yield pytest.param(row["sentence"], row["entity"], row["normal"],
                               id=latin(f"{row['entity']}->{row['normal']}"))


@pytest.mark.parametrize(("sentence", "entity", "normal"), list(_cases()))
def test_normal_form(nlp, sentence, entity, normal):
    doc = nlp(sentence)
    ner = [span for span in doc.spans["munitext"] if span.label_ in ("PER", "LOC", "ORG")]
    spans = [span for span in ner if span.text == entity]
    found = [f"{span.label_}:{span.text}" for span in ner]
    assert spans, f"NER did not find {entity!r} in {sentence!r}; it found {found}"
    span = spans[0]
    assert span._.normal.replace("ё", "е") == normal.replace("ё", "е"), (
        f"{span.label_} {entity!r} in {sentence!r}: normal {span._.normal!r}, expected {normal!r}; "
        f"tags: {' '.join(f'{t.text}/{t.pos_}|{t.morph}' for t in span)}"
    )
