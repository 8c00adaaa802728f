"""Kyrgyz admin units in text: oblasts, raions, aiyl aimaks and settlements.

Names from the gazetteer are matched by an Aho-Corasick automaton over the matching
keys of the document's words (every case and spelling of a name has one key, see
``spelling.py``). A descriptor word next to a name («области», «АА», «а/а», «с.», «г.»;
``data/admin_descriptors.json``) decides the kind of unit; a name standing alone is read
as a city, or as a village when natasha's NER also saw a place there. Coordinated names
(«Баткенской и Таласской областей») give one mention each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Token

from ..datafiles import read_json
from ..extensions import NER_LABELS, SPAN_KEY
from ..gazetteer import LABELS, Unit
from ..gazetteer import load as load_gazetteer
from ..matcher import KeyMatch, KeyMatcher
from ..spelling import keys_of, name_key, word_key
from ..text import texts_of, words_of
from .resolve import non_overlapping

Keys = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Descriptor:
    """A word (or words) that names the kind of unit next to a name."""

    side: str
    types: frozenset[str]
    forms: frozenset[str]
    in_span: bool
    institution: bool
    upper: frozenset[Keys]


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One way a unit can be named: the unit and which of its names it is (short, name, …)."""

    unit: Unit
    form: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A unit mentioned in text: word indices of its span, label, and the units it may be."""

    start: int
    end: int
    label: str
    units: tuple[Unit, ...]
    with_descriptor: bool
    institution: bool = False
    name: tuple[int, int] | None = None  # the name's words, for a unit the gazetteer lacks


NameMatch = KeyMatch[NameEntry]


class AdminPatterns:
    """The automaton over all unit names and the descriptor tables, built once per process."""

    def __init__(self, units: list[Unit], config: dict):
        named = [(_bare_key(name), NameEntry(unit, form)) for unit in units for form, name in _names(unit)]
        self.names = KeyMatcher(named)
        self.one_word_names: dict[str, list[NameEntry]] = {}
        for key, entry in named:
            if key and " " not in key:
                self.one_word_names.setdefault(key, []).append(entry)
        self.after: dict[Keys, list[Descriptor]] = {}
        self.before: dict[Keys, list[Descriptor]] = {}
        for entry in config["descriptors"]:
            descriptor = Descriptor(entry["side"], frozenset(entry["types"]), frozenset(entry["forms"]),
                                    entry["in_span"], entry.get("institution", False),
                                    frozenset(_keys(words) for words in entry.get("upper", [])))
            table = self.after if descriptor.side == "after" else self.before
            for words in entry["words"]:
                table.setdefault(_keys(words), []).append(descriptor)
        self.longest = max(len(keys) for keys in [*self.after, *self.before])
        # the key next to the name in each table: at most other positions no phrase can be
        self.edge_keys = {"after": frozenset(keys[0] for keys in self.after),
                          "before": frozenset(keys[-1] for keys in self.before)}
        self.bare_types = frozenset(config["bare_types"])
        self.bare_with_ner_types = frozenset(config["bare_with_ner_types"])
        self.coordination = [_keys(words) for words in config["coordination"]]
        self.not_a_place_before = [_keys(words) for words in config["not_a_place_before"]]
        self.not_a_place_last = frozenset(keys[-1] for keys in self.not_a_place_before)
        self.never_bare = frozenset(_bare_key(name) for name in config["never_bare"])
        self.fuzzy_pools: dict[Descriptor, list[str]] = {}  # filled on first use

    def closest(self, key: str, descriptor: Descriptor) -> tuple[NameEntry, ...]:
        """The entries of the one name within a small edit distance of ``key``, if exactly one is."""
        limit = 1 if len(key) < 7 else 2
        pool = self.fuzzy_pools.get(descriptor)
        if pool is None:  # one-word name keys the descriptor admits
            pool = self.fuzzy_pools[descriptor] = [
                name for name, entries in self.one_word_names.items() if _fits(tuple(entries), descriptor)]
        found = process.extract(key, pool, scorer=Levenshtein.distance,
                                score_cutoff=limit, limit=3)
        best = [choice for choice, distance, _ in found if distance == min(d for _, d, _ in found)]
        return tuple(self.one_word_names[best[0]]) if len(best) == 1 else ()


DESCRIPTOR_KEYS = frozenset({"айылн", "айыльн", "аильн", "айыл", "аймак", "район", "област"})


def _names(unit: Unit) -> Iterator[tuple[str, str]]:
    """(form, name) pairs under which a unit may be written."""
    if unit.type in ("village", "town", "city", "city_republican"):
        yield "name", unit.name
    else:
        yield "short", unit.short
    if unit.first_village and unit.type == "aiyl_aimak":
        yield "village", unit.first_village
    for other in unit.other_names:
        yield "other", other
    if unit.name_ky:
        yield "kyrgyz", unit.name_ky.rsplit(" ", 1)[0] if " " in unit.name_ky else unit.name_ky


def _keys(words: str) -> Keys:
    return tuple(name_key(words).split(" "))


def _bare_key(name: str) -> str:
    """The key of a name without its descriptor words («Айтматовский район» → key of «Айтматовский»)."""
    return " ".join(key for key in name_key(name).split(" ") if key not in DESCRIPTOR_KEYS)


@cache
def patterns() -> AdminPatterns:
    config = read_json("admin_descriptors.json")
    return AdminPatterns(list(load_gazetteer()), config)


def units_of_adjective(word: str, types: frozenset[str]) -> tuple[Unit, ...]:
    """The units an adjective names: a raion or oblast by its short name («Сокулукской»), a city
    by the longest city name its stem starts with («Каракольского» → Каракол)."""
    table = patterns().one_word_names
    key = word_key(word)
    exact = {e.unit: None for e in table.get(key, []) if e.form == "short" and e.unit.type in types}
    if exact:
        return tuple(exact)
    stem = re.sub(r"ск$", "", key).rstrip("ь")
    for length in range(len(stem), 1, -1):
        cities = {e.unit: None for e in table.get(stem[:length], [])
                  if e.form == "name" and e.unit.type in types}
        if cities:
            return tuple(cities)
    return ()


def _label(units: tuple[Unit, ...]) -> str:
    return LABELS[units[0].type]


def _fits(entries: tuple[NameEntry, ...], descriptor: Descriptor) -> tuple[Unit, ...]:
    units = []
    for entry in entries:
        if entry.unit.type in descriptor.types and entry.form in descriptor.forms \
                and entry.unit not in units:
            units.append(entry.unit)
    return tuple(units)


class AdminRecognizer:
    """Finds admin-unit mentions among a document's words."""

    def __init__(self, doc: Doc, ner: list[tuple[int, int, str]]):
        self.words = words_of(doc)
        self.texts = texts_of(doc)
        self.keys = keys_of(doc)
        self.ner = ner
        self.patterns = patterns()

    def _keys_at(self, start: int, length: int) -> Keys | None:
        if start < 0 or start + length > len(self.keys):
            return None
        return tuple(self.keys[start : start + length])

    def _is_upper(self, start: int, length: int) -> bool:
        return all(text.isupper() for text in self.texts[start : start + length])

    def _descriptors(self, start: int, side: str) -> Iterator[tuple[int, Descriptor]]:
        """Descriptors (with their length) ending just before ``start`` or starting at it."""
        edge = start if side == "after" else start - 1
        if not 0 <= edge < len(self.keys) or self.keys[edge] not in self.patterns.edge_keys[side]:
            return
        table = self.patterns.after if side == "after" else self.patterns.before
        for length in range(1, self.patterns.longest + 1):
            first = start if side == "after" else start - length
            keys = self._keys_at(first, length)
            for descriptor in table.get(keys, []) if keys else []:
                if keys in descriptor.upper and not self._is_upper(first, length):
                    continue
                yield length, descriptor

    def _blocked(self, start: int) -> bool:
        if start == 0 or self.keys[start - 1] not in self.patterns.not_a_place_last:
            return False
        return any(self._keys_at(start - len(keys), len(keys)) == keys
                   for keys in self.patterns.not_a_place_before)

    def _capitalised(self, match: NameMatch) -> bool:
        return self.texts[match.start][:1].isupper() or \
            any(entry.unit.short[:1].islower() for entry in match.values)

    def mentions(self) -> list[Mention]:
        matches = [m for m in self.patterns.names.matches(self.keys) if self._capitalised(m)]
        by_end: dict[int, list[NameMatch]] = {}
        for match in matches:
            by_end.setdefault(match.end, []).append(match)
        found: list[Mention] = []
        for match in matches:
            if self._blocked(match.start):
                continue
            found.extend(self._with_descriptors(match, by_end))
            found.extend(self._bare(match))
        chosen = _prefer(found)
        taken = {index for mention in chosen for index in range(mention.start, mention.end)}
        chosen = _prefer(chosen + [m for index, text in enumerate(self.texts) if index not in taken
                                   and text[:1].isupper() and len(self.keys[index]) >= 4
                                   for m in self._misspelt(index)])
        taken = {index for mention in chosen for index in range(mention.start, mention.end)}
        elliptic = [mention for match in matches if not taken & set(range(match.start, match.end))
                    for mention in self._elliptic(match, chosen)]
        return _prefer(chosen + elliptic)

    def _with_descriptors(self, match: NameMatch, by_end: dict[int, list[NameMatch]]) -> Iterator[Mention]:
        for length, descriptor in self._descriptors(match.end, "after"):
            units = _fits(match.values, descriptor)
            if units:
                end = match.end + length if descriptor.in_span else match.end
                yield Mention(match.start, end, _label(units), units, True, descriptor.institution)
                yield from self._coordinated(match.start, descriptor, by_end)
        for length, descriptor in self._descriptors(match.start, "before"):
            units = _fits(match.values, descriptor)
            if units:
                start = match.start - length if descriptor.in_span else match.start
                yield Mention(start, match.end, _label(units), units, True, descriptor.institution)

    def _coordinated(self, start: int, descriptor: Descriptor,
                     by_end: dict[int, list[NameMatch]]) -> Iterator[Mention]:
        """Names joined to this one by «и», «,», «а также», sharing its descriptor."""
        while True:
            conjunction = next((len(keys) for keys in self.patterns.coordination
                                if self._keys_at(start - len(keys), len(keys)) == keys), 0)
            if not conjunction:
                return
            previous = [(m, _fits(m.values, descriptor)) for m in by_end.get(start - conjunction, [])]
            previous = [(m, units) for m, units in previous if units and self._capitalised(m)]
            if not previous:
                return
            match, units = max(previous, key=lambda pair: pair[0].end - pair[0].start)
            yield Mention(match.start, match.end, _label(units), units, True, descriptor.institution)
            start = match.start

    def _bare(self, match: NameMatch) -> Iterator[Mention]:
        """A settlement named alone: a city or town, or a village that NER saw as exactly this place.

        Not inside a longer NER name («Чуйской долине», «Таалайбек Осмонов»), nor a name of
        ``never_bare`` («Кыргызстане» is the country), nor an adjective or a common word
        («Восточный») unless NER saw the place; an old or other name («Манас») only where
        NER saw no person.
        """
        if " ".join(self.keys[match.start : match.end]) in self.patterns.never_bare:
            return
        overlapping = [(s, e, label) for s, e, label in self.ner if s < match.end and e > match.start]
        if any(e - s > match.end - match.start for s, e, _ in overlapping):
            return
        seen_as_place = ("LOC" in {label for _, _, label in overlapping})
        seen_as_person = ("PER" in {label for _, _, label in overlapping})
        names = [e.unit for e in match.values
                 if e.form == "name" or (e.form == "other" and not seen_as_person)]
        cities = tuple(u for u in names if u.type in self.patterns.bare_types)
        villages = tuple(u for u in names if u.type in self.patterns.bare_with_ner_types)
        noun = self.words[match.start].pos_ in ("PROPN", "NOUN")
        if cities and (noun or seen_as_place):
            yield Mention(match.start, match.end, "SETTLEMENT", cities, False)
        elif villages and seen_as_place:
            yield Mention(match.start, match.end, "SETTLEMENT", villages, False)

    def _misspelt(self, index: int) -> Iterator[Mention]:
        """A capitalised word (of a key of four letters or more) next to a descriptor that is a
        unit's name but for a typo or a spelling the rules do not cover («Барпинском айылном
        аймаке»: Барпынский)."""
        for side, position in (("after", index + 1), ("before", index)):
            for _, descriptor in self._descriptors(position, side):
                entries = self.patterns.closest(self.keys[index], descriptor)
                if entries:
                    yield from self._with_descriptors(KeyMatch(index, index + 1, entries), {})
                    return
        yield from self._unknown(index)

    def _unknown(self, index: int) -> Iterator[Mention]:
        """An aimak the gazetteer lacks (the 2024–25 reform made new ones), next to a descriptor
        that leaves no doubt («в айылном аймаке Сары-Челек», «Жаңы-Жер АА»): a mention without
        a code. Oblasts and raions are all known: an unknown one is abroad."""
        word = self.words[index]
        if word.pos_ not in ("PROPN", "ADJ", "NOUN") or \
                (word.is_sent_start and word.pos_ != "PROPN"):
            return
        for side, position in (("after", index + 1), ("before", index)):
            for length, descriptor in self._descriptors(position, side):
                strong = length > 1 or self._is_upper(position if side == "after" else index - length, length)
                if descriptor.types == {"aiyl_aimak"} and descriptor.in_span and strong:
                    label = "AIMAK"
                    start, end = (index, index + 1 + length) if side == "after" \
                        else (index - length, index + 1)
                    yield Mention(start, end, label, (), True, name=(index, index + 1))
                    return

    def _elliptic(self, match: NameMatch, typed: list[Mention]) -> Iterator[Mention]:
        """An oblast or raion adjective whose noun is left out because the text just named one:
        «не в Ак-Талинском районе, а в Ат-Башынском», «районов – Тюпского и Ак-Суйского»."""
        word = self.words[match.start]
        following = self.words[match.end] if match.end < len(self.words) else None
        if word.pos_ not in ("ADJ", "PROPN") or \
                (following is not None and following.pos_ in ("NOUN", "PROPN")):
            return
        earlier = [m for m in typed if m.end <= match.start and match.start - m.end <= ELLIPSIS_REACH
                   and m.label in ("OBLAST", "RAION")]
        if not earlier:
            return
        gender = word.morph.get("Gender")
        label = {"Fem": "OBLAST", "Masc": "RAION", "Neut": "RAION"}.get(gender[0] if gender else "",
                                                                        earlier[-1].label)
        types = ("oblast",) if label == "OBLAST" else ("raion", "city_district")
        units = tuple(e.unit for e in match.values if e.form == "short" and e.unit.type in types)
        if units:
            yield Mention(match.start, match.end, label, units, True)


ELLIPSIS_REACH = 40  # words back to the unit whose noun an elliptic adjective leaves out


def _prefer(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: with a descriptor over bare, then longer over shorter."""
    return non_overlapping(set(mentions), lambda m: (-m.with_descriptor, m.start - m.end, m.start))




def find_mentions(doc: Doc) -> tuple[list[Token], list[Mention]]:
    """The document's non-space words and the admin-unit mentions among them."""
    words = words_of(doc)
    position = {token.i: index for index, token in enumerate(words)}
    ner = [(position[span.start], position[span.end - 1] + 1, span.label_)
           for span in doc.spans.get(SPAN_KEY, []) if span.label_ in NER_LABELS]
    return words, AdminRecognizer(doc, ner).mentions()
