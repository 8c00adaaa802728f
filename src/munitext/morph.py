"""Morphology (slovnet's news tagger) and lemmas (pymorphy3, the reading that agrees with the tag)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.util import minibatch

from . import resources as models
from .component import DocComponent
from .grammar import (
    best_reading,
    is_known,
    lemma_of,
    match_case,
    nominative_singular,
    place_for,
    surname_guess,
)

MAX_SEQUENCE = 256  # tokens per tagger input; longer sentences are cut into pieces


def feats_of(morph: str) -> dict[str, str]:
    """``"Case=Nom|Number=Sing"`` → ``{"Case": "Nom", "Number": "Sing"}``."""
    return dict(pair.split("=", 1) for pair in morph.split("|") if "=" in pair)


def word_sequences(doc: Doc, limit: int = MAX_SEQUENCE) -> Iterator[list[Token]]:
    """The doc's sentences as lists of non-space tokens, cut to at most ``limit`` tokens."""
    for sentence in doc.sents:
        words = [token for token in sentence if not token.is_space]
        for start in range(0, len(words), limit):
            yield words[start : start + limit]


class MorphTagger:
    """Sets ``token.pos_`` and ``token.morph`` from slovnet's news morphology tagger."""

    def __init__(self, batch_size: int = 32):
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            self._tag(batch)
            yield from batch

    @staticmethod
    def _tag(docs: list[Doc]) -> None:
        sequences = [seq for doc in docs for seq in word_sequences(doc)]
        order = sorted(range(len(sequences)), key=lambda k: len(sequences[k]))
        items = [[token.text for token in sequences[k]] for k in order]
        for k, markup in zip(order, models.morph_tagger().map(items)):
            for token, tag in zip(sequences[k], markup.tokens):
                token.pos_ = tag.pos
                token.set_morph(tag.feats or None)


@lru_cache(maxsize=500_000)
def lemmatize(word: str, pos: str, morph: str) -> str:
    """The lemma of ``word`` tagged ``pos`` with features ``morph`` (UD strings)."""
    if not any(char.isalpha() for char in word) or pos in ("PUNCT", "SYM"):
        return word
    if word.isupper() and 1 < len(word) <= 5 and pos in ("NOUN", "PROPN"):
        return word  # an abbreviation: «ЦИК», «США»
    feats = feats_of(morph)
    reading = None if _as_written(word, pos, feats) else best_reading(word, pos, feats)
    lemma = lemma_of(reading) if reading else word.lower()
    if pos == "PROPN":
        return match_case(lemma, word)
    return lemma


def _as_written(word: str, pos: str, feats: dict[str, str]) -> bool:
    """A noun tagged nominative singular is its own lemma if it can be one («аймак», not
    «аймака»), or if pymorphy only guesses it and it is neither a known settlement nor a surname."""
    if pos not in ("NOUN", "PROPN") or feats.get("Case") != "Nom" or feats.get("Number") != "Sing":
        return False
    if place_for(word, pos, feats) is not None:
        return False
    return nominative_singular(word) or not (is_known(word) or surname_guess(word))


class Lemmatizer(DocComponent):
    """Sets ``token.lemma_`` from pymorphy3, choosing the reading that agrees with the tag."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = token.text if token.is_space else \
                lemmatize(token.text, token.pos_, str(token.morph))
        return doc



@Language.factory("munitext_morph", default_config={"batch_size": 32})
def make_morph_tagger(nlp: Language, name: str, batch_size: int) -> MorphTagger:
    return MorphTagger(batch_size=batch_size)


@Language.factory("munitext_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Lemmatizer:
    return Lemmatizer()
