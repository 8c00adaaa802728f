"""Morphology (slovnet's news tagger) and lemmas (pymorphy3, the reading that agrees with the tag)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
from slovnet.conll import parse_conll_tag
from spacy.attrs import IS_SPACE, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.morphology import Morphology
from spacy.parts_of_speech import NAMES
from spacy.strings import StringStore
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
from .text import words_of

MAX_SEQUENCE = 256  # tokens per tagger input; longer sentences are cut into pieces


def feats_of(morph: str) -> dict[str, str]:
    """``"Case=Nom|Number=Sing"`` → ``{"Case": "Nom", "Number": "Sing"}``."""
    return dict(pair.split("=", 1) for pair in morph.split("|") if "=" in pair)


def word_sequences(doc: Doc, limit: int = MAX_SEQUENCE) -> Iterator[list[Token]]:
    """The doc's sentences as lists of non-space tokens, cut to at most ``limit`` tokens."""
    words = words_of(doc)
    positions = [token.i for token in words]
    for sentence in doc.sents:
        first, last = bisect_left(positions, sentence.start), bisect_left(positions, sentence.end)
        for start in range(first, last, limit):
            yield words[start : min(start + limit, last)]


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
        sequences = [(doc.vocab.morphology, seq) for doc in docs for seq in word_sequences(doc)]
        texts = [[token.text for token in seq] for _, seq in sequences]
        for (morphology, seq), tags in zip(sequences, models.predict(models.morph_tagger(), texts)):
            for token, tag in zip(seq, tags):
                token.pos_, feats = _ud_tag(tag, morphology)
                token.set_morph(feats)


@lru_cache(maxsize=10_000)
def _ud_tag(tag: str, morphology: Morphology) -> tuple[str, str | None]:
    """slovnet's tag («NOUN|Case=Nom|Number=Sing») as a part of speech and spaCy's normalised
    features (None for none): ``set_morph`` takes the string without normalising it again."""
    pos, feats = parse_conll_tag(tag)
    return pos, morphology.normalize_features(feats) if feats else None


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
        strings = doc.vocab.strings
        lemmas = [strings.add(_lemma(strings, *row))
                  for row in doc.to_array([ORTH, POS, MORPH, IS_SPACE]).tolist()]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


@lru_cache(maxsize=500_000)
def _lemma(strings: StringStore, orth: int, pos: int, morph: int, space: int) -> str:
    """The lemma of a token given as its text, part of speech and features (by their ids)."""
    text = strings[orth]
    return text if space else lemmatize(text, NAMES[pos], strings[morph])


@Language.factory("munitext_morph", default_config={"batch_size": 32})
def make_morph_tagger(nlp: Language, name: str, batch_size: int) -> MorphTagger:
    return MorphTagger(batch_size=batch_size)


@Language.factory("munitext_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> Lemmatizer:
    return Lemmatizer()
