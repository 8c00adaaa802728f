"""Readings of Russian words from pymorphy3 and the domain lexicon, chosen by agreement with a UD tag.

A *reading* is one analysis of a word (lemma, UD part of speech, UD features). The
lemmatizer and the entity normalizer both ask for the reading that agrees best with the
tag the slovnet tagger gave the token in context, then read its lemma or inflect it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from . import gazetteer
from . import resources as models
from .datafiles import read_json, read_text
from .spelling import word_key

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
    return read_json("opencorpora_ud.json")


@lru_cache(maxsize=20_000)
def _ud(grammemes: frozenset[str], oc_pos: str | None) -> tuple[str, Feats]:
    """A pymorphy3 tag as UD part of speech and features (a few thousand distinct tags)."""
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


MIN_MODEL_STEM = 3  # letters a lexicon model word must keep in all its forms


@cache
def _rules() -> dict:
    return read_json("lemma_rules.json")


def _paradigm_forms(lemma: str, model: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The forms of ``lemma`` declined like the dictionary word ``model``.

    Raises ValueError when ``model`` is no dictionary lemma, or when its forms share too short
    a stem (suppletion, a fleeting vowel) or an ending ``lemma`` lacks: the copy would be garbage.
    """
    parse = next((p for p in models.morph_analyzer().parse(model) if p.normal_form == model), None)
    if parse is None:
        raise ValueError(f"lexicon.tsv: the model {model!r} of {lemma!r} is not a dictionary lemma")
    lexeme = parse.lexeme
    stem = os.path.commonprefix([form.word for form in lexeme])
    ending = model[len(stem):]
    if len(stem) < MIN_MODEL_STEM or not lemma.endswith(ending) or len(lemma) <= len(ending):
        raise ValueError(f"lexicon.tsv: the model {model!r} of {lemma!r} gives the stem {stem!r} "
                         f"(ending {ending!r}), too short to decline {lemma!r} like it")
    base = lemma[: len(lemma) - len(ending)]
    return tuple((base + form.word[len(stem) :], frozenset(form.tag.grammemes)) for form in lexeme)


@cache
def _ud_lemmas() -> dict[str, tuple[tuple[frozenset[str], str], ...]]:
    """pymorphy lemma → (grammemes a reading must have, UD lemma), from ``data/ud_lemmas.tsv``."""
    text = read_text("ud_lemmas.tsv")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")
    table: dict[str, list[tuple[frozenset[str], str]]] = {}
    for row in rows:
        condition = frozenset(filter(None, row["grammemes"].split(",")))
        table.setdefault(row["lemma"], []).append((condition, row["ud_lemma"]))
    return {lemma: tuple(entries) for lemma, entries in table.items()}


@cache
def _lexicon() -> dict[str, tuple[Reading, ...]]:
    """Form → readings for the domain words of ``data/lexicon.tsv``."""
    text = read_text("lexicon.tsv")
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
    """All readings of a lowercased word, domain lexicon first; a reading as a spelling variant of
    another lemma («воскресенье» of «воскресение», grammeme ``V-be``) after the word's own."""
    lexical = _lexicon().get(word)
    if lexical:
        return lexical
    result = []
    for parse in _parses(word):
        grammemes = frozenset(parse.tag.grammemes)
        pos, feats = _ud(grammemes, parse.tag.POS)
        result.append(Reading(word, parse.normal_form, pos, feats, grammemes))
    if not models.morph_analyzer().word_is_known(word):
        result = _by_ending(word, result)
    return tuple(sorted(result, key=_is_variant))


@cache
def _variant_grammemes() -> frozenset[str]:
    """pymorphy3's grammemes that mark a spelling variant of another lemma («V-be», «V-ey», …)."""
    known = models.morph_analyzer().TagClass.KNOWN_GRAMMEMES
    return frozenset(grammeme for grammeme in known if grammeme.startswith("V-"))


def _is_variant(reading: Reading) -> bool:
    return not reading.grammemes.isdisjoint(_variant_grammemes())


def feminine_surname(word: str) -> bool:
    """Whether the word ends as a woman's surname in an oblique case («Жакуповой», «Абдиевой»)."""
    return word.lower().endswith(tuple(_rules()["feminine_surname_endings"]))


def _by_ending(word: str, guessed: list[Reading]) -> list[Reading]:
    """Guessed readings narrowed by an ending that settles them.

    «-овой» makes a woman's surname, «-ском» an adjective.
    """
    if feminine_surname(word):
        kept = [r for r in guessed if "Surn" in r.grammemes and "femn" in r.grammemes]
    elif word.endswith(tuple(_rules()["adjective_endings"])):
        kept = [r for r in guessed if r.pos == "ADJ"]
    else:
        kept = []
    return kept or guessed


def is_known(word: str) -> bool:
    """Whether the domain lexicon or pymorphy's dictionary has the word (not a mere guess)."""
    word = word.lower()
    return word in _lexicon() or models.morph_analyzer().word_is_known(word)


def surname_guess(word: str) -> bool:
    """Whether pymorphy reads the word as a surname of a Russian pattern («Омурбекову» → «омурбеков»)."""
    endings = tuple(_rules()["surname_lemma_endings"])
    return any("Surn" in reading.grammemes and reading.lemma.endswith(endings)
               for reading in readings(word.lower()))


def nominative_singular(word: str) -> bool:
    """Whether some reading of the word is a nominative singular (or a nominative without number)."""
    return any(reading.feature("Case") == "Nom" and reading.feature("Number") != "Plur"
               for reading in readings(word.lower()))


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


SETTLEMENTS = "SETTLEMENT"  # the gazetteer label of the units whose names are single nouns


@cache
def _places() -> dict[str, frozenset[str]]:
    """Matching key → canonical names of the gazetteer's settlements with a one-word name of that key."""
    table: dict[str, set[str]] = {}
    for unit in gazetteer.load():
        if unit.label != SETTLEMENTS or " " in unit.name:
            continue
        for name in {unit.name, unit.short, *unit.other_names} - {""}:
            if " " not in name:
                table.setdefault(word_key(name), set()).add(unit.name)
    return {key: frozenset(names) for key, names in table.items()}


@lru_cache(maxsize=50_000)
def place_reading(word: str) -> Reading | None:
    """A Kyrgyz settlement pymorphy does not know, found by its matching key: «Кызыл-Кие» → «Кызыл-Кия».

    Only for a word that is no adjective («Ноокатском») and whose key leads to exactly one
    settlement name, or to exactly one spelled most like the word («Кызыл-Кия», not «Кызыл-Кыя»).
    """
    lower = word.lower()
    if is_known(lower) or lower.endswith(tuple(_rules()["adjective_endings"])):
        return None
    names = _closest(lower, _places().get(word_key(lower), frozenset()))
    if len(names) != 1:
        return None
    (name,) = names
    grammemes = frozenset({"Geox"})
    return Reading(word, name, "PROPN", (), grammemes, ((name, grammemes | {"nomn", "sing"}),))


def _closest(word: str, names: frozenset[str]) -> list[str]:
    """The names sharing the longest beginning with ``word``."""
    shared = {name: len(os.path.commonprefix([name.lower(), word])) for name in names}
    longest = max(shared.values(), default=0)
    return [name for name, length in shared.items() if length == longest]


def place_for(word: str, pos: str, feats: Mapping[str, str]) -> Reading | None:
    """The settlement reading of a token tagged as an inanimate proper noun, if it names one."""
    if pos != "PROPN" or feats.get("Animacy") == "Anim":
        return None
    return place_reading(word)


def _candidates(word: str, pos: str) -> tuple[Reading, ...]:
    """The readings to choose from: for a word tagged ADJ that municipal news uses as a
    participle («собранными»), the participle readings instead of the adjective."""
    found = readings(word.lower())
    if pos != "ADJ":
        return found
    participles = _rules()["participles"]
    verbal = tuple(r for r in found if r.feature("VerbForm") == "Part")
    if verbal and any(r.pos == "ADJ" and r.lemma in participles for r in found):
        return verbal
    return found


def best_reading(word: str, pos: str, feats: Mapping[str, str]) -> Reading | None:
    """The reading of ``word`` (any case) that agrees best with the tag; ties go to pymorphy's order.

    An inanimate proper noun naming a settlement pymorphy does not know reads as that settlement.
    """
    place = place_for(word, pos, feats)
    if place is not None:
        return place
    best, best_score = None, -1
    for reading in _candidates(word, pos):
        score = agreement(reading, pos, feats)
        if score > best_score:
            best, best_score = reading, score
    return best


def lemma_of(reading: Reading) -> str:
    """The reading's lemma as UD has it: a woman's surname or patronymic stays feminine
    («Исаковой» → «исакова»), a superlative is its own lemma («лучшего» → «лучший»), and
    ``data/ud_lemmas.tsv`` where UD differs from pymorphy («деньгами» → «деньги»)."""
    if reading.grammemes & {"Surn", "Patr"} and "femn" in reading.grammemes:
        return inflect(reading, {"nomn", "sing"}) or reading.lemma
    if {"ADJF", "Supr"} <= reading.grammemes:
        return inflect(reading, {"nomn", "masc", "sing"}) or reading.lemma
    for condition, lemma in _ud_lemmas().get(reading.lemma, ()):
        if condition <= reading.grammemes:
            return lemma
    return reading.lemma


def inflect(reading: Reading, wanted: set[str]) -> str | None:
    """The form of the reading's lexeme with the wanted grammemes, or None."""
    return _inflect(reading, frozenset(wanted))


@lru_cache(maxsize=100_000)
def _inflect(reading: Reading, wanted: frozenset[str]) -> str | None:
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
    if inflected is None:
        return None
    forms = [form.word for form in parse.lexeme if form.tag == inflected.tag]
    return max(forms, key=lambda form: len(os.path.commonprefix([form, reading.word])),
               default=inflected.word)


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
