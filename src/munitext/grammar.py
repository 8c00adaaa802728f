"""Readings of Russian words from pymorphy3 and the domain lexicon, chosen by agreement with a UD tag.

A *reading* is one analysis of a word (lemma, UD part of speech, UD features). The
lemmatizer and the entity normalizer both ask for the reading that agrees best with the
tag the slovnet tagger gave the token in context, then read its lemma or inflect it.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from . import resources as models

Feats = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """One analysis of a word: its lemma, UD part of speech and UD features."""

    word: str
    lemma: str
    pos: str
    feats: Feats
    grammemes: frozenset[str]
    paradigm: tuple[tuple[str, frozenset[str]], ...] = ()

    def feature(self, name: str) -> str | None:
        return dict(self.feats).get(name)


@cache
def _tagset() -> dict:
    return json.loads(resources.files("munitext.data").joinpath("opencorpora_ud.json").read_text())


def _ud(grammemes: frozenset[str], oc_pos: str | None) -> tuple[str, Feats]:
    tagset = _tagset()
    pos = tagset["pos"].get(oc_pos or "", "X")
    for grammeme, special in tagset["pos_by_grammeme"].items():
        if grammeme in grammemes:
            pos = special
    feats = {}
    for grammeme in sorted(grammemes):
        pair = tagset["feats"].get(grammeme)
        if pair:
            feats.setdefault(pair[0], pair[1])
    return pos, tuple(sorted(feats.items()))


def _paradigm_forms(lemma: str, model: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The forms of ``lemma`` declined like the dictionary word ``model``."""
    parse = next(p for p in models.morph_analyzer().parse(model) if p.normal_form == model)
    lexeme = parse.lexeme
    stem = os.path.commonprefix([form.word for form in lexeme])
    base = lemma[: len(lemma) - (len(model) - len(stem))]
    return tuple((base + form.word[len(stem) :], frozenset(form.tag.grammemes)) for form in lexeme)


@cache
def _lexicon() -> dict[str, tuple[Reading, ...]]:
    """Form → readings for the domain words of ``data/lexicon.tsv``."""
    text = resources.files("munitext.data").joinpath("lexicon.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")
    table: dict[str, list[Reading]] = {}
    for row in rows:
        lemma, pos, model = row["lemma"], row["pos"], row["paradigm"]
        if model == "-":
            table.setdefault(lemma, []).append(Reading(lemma, lemma, pos, (), frozenset()))
            continue
        forms = _paradigm_forms(lemma, model)
        for word, grammemes in forms:
            _, feats = _ud(grammemes, None)
            table.setdefault(word, []).append(
                Reading(word, lemma, pos, feats, grammemes, forms))
    return {word: tuple(readings) for word, readings in table.items()}


def _parses(word: str) -> list:
    """pymorphy3's parses; none for words it cannot take (it fails on some unnamed characters)."""
    try:
        return models.morph_analyzer().parse(word)
    except (ValueError, KeyError):
        return []


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[Reading, ...]:
    """All readings of a lowercased word, domain lexicon first."""
    lexical = _lexicon().get(word)
    if lexical:
        return lexical
    result = []
    for parse in _parses(word):
        grammemes = frozenset(parse.tag.grammemes)
        pos, feats = _ud(grammemes, parse.tag.POS)
        result.append(Reading(word, parse.normal_form, pos, feats, grammemes))
    return tuple(result)


def _same_pos(a: str, b: str) -> bool:
    equivalents = _tagset()["pos_equivalents"]
    return equivalents.get(a, a) == equivalents.get(b, b)


def agreement(reading: Reading, pos: str, feats: Mapping[str, str]) -> int:
    """How well a reading fits a tag: part of speech counts double, then each shared feature."""
    score = 2 if _same_pos(reading.pos, pos) else 0
    own = dict(reading.feats)
    for name in _tagset()["compared_features"]:
        if name in own and name in feats and own[name] == feats[name]:
            score += 1
    return score


def best_reading(word: str, pos: str, feats: Mapping[str, str]) -> Reading | None:
    """The reading of ``word`` (any case) that agrees best with the tag; ties go to pymorphy's order."""
    best, best_score = None, -1
    for reading in readings(word.lower()):
        score = agreement(reading, pos, feats)
        if score > best_score:
            best, best_score = reading, score
    return best


def inflect(reading: Reading, wanted: set[str]) -> str | None:
    """The form of the reading's lexeme with the wanted grammemes, or None."""
    if not reading.grammemes:  # an indeclinable lexicon word
        return reading.word
    if reading.paradigm:
        keep = reading.grammemes - _CASE_NUMBER
        candidates = [word for word, grammemes in reading.paradigm
                      if wanted <= grammemes and keep <= grammemes]
        return candidates[0] if candidates else None
    parse = _parse_of(reading)
    if parse is None:
        return None
    inflected = parse.inflect(wanted)
    return inflected.word if inflected else None


_CASE_NUMBER = frozenset({"nomn", "gent", "gen1", "gen2", "datv", "accs", "acc2", "ablt",
                          "loct", "loc1", "loc2", "voct", "sing", "plur"})


def _parse_of(reading: Reading):
    for parse in models.morph_analyzer().parse(reading.word):
        if frozenset(parse.tag.grammemes) == reading.grammemes and \
                parse.normal_form == reading.lemma:
            return parse
    return None


def match_case(word: str, model: str) -> str:
    """Give ``word`` the letter case of ``model``, hyphen part by hyphen part."""
    word_parts, model_parts = word.split("-"), model.split("-")
    if len(word_parts) != len(model_parts):
        word_parts, model_parts = [word], [model]
    return "-".join(_case_like(part, shape) for part, shape in zip(word_parts, model_parts))


def _case_like(word: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:].lower()
    return word.lower()
