"""Lemmas of words in context: tests/data/lemmas.tsv (sentence, word, lemma, occurrence).

The word is the token of the sentence whose text equals it (the n-th such token when
``occurrence`` is given, counting from 1). Lemmas are compared casefolded, with ё = е,
so a proper noun may keep its capital letter.
"""

import csv
from pathlib import Path

import pytest

from .tables import latin

TABLE = Path(__file__).parent / "data" / "lemmas.tsv"



# Cases where slovnet's tag is wrong, so no choice among pymorphy's readings can give the
# lemma; strict, so that a better tagger turns them into failures to be removed from here.
TAGGER_ERRORS = {("сели", "сель"): "slovnet tags «сели» («сошли сели») as the verb «сесть»"}


def _cases():
    with TABLE.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t"):
            occurrence = int(row["occurrence"] or 1)
            label = f"{row['word']}{f'#{occurrence}' if occurrence > 1 else ''}->{row['lemma']}"
            reason = TAGGER_ERRORS.get((row["word"], row["lemma"]))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(row["sentence"], row["word"], row["lemma"], occurrence,
                               id=latin(label), marks=marks)


def _folded(text: str) -> str:
    return text.casefold().replace("ё", "е")


@pytest.mark.parametrize(("sentence", "word", "lemma", "occurrence"), list(_cases()))
def test_lemma(nlp, sentence, word, lemma, occurrence):
    tokens = [token for token in nlp(sentence) if token.text == word]
    assert len(tokens) >= occurrence, f"{word!r} (occurrence {occurrence}) not in {sentence!r}"
    token = tokens[occurrence - 1]
    assert _folded(token.lemma_) == _folded(lemma), (
        f"{word!r} in {sentence!r}: tagged {token.pos_} {token.morph}, "
        f"lemma {token.lemma_!r}, expected {lemma!r}"
    )
