"""Kyrgyz public authorities (INSTITUTION), with a canonical name and ``value = {"kind": …}``.

Three ways a body is found, all driven by ``data/institutions.json``:
- named bodies («Жогорку Кенеша», «Минфин», «ГАМСУМО») by their word keys, any case;
- bodies named by a territory: body words next to an admin-unit span the territory
  component found («айыл окмоту Ивановского АА», «Барпинского айыл окмоту», «мэрии
  города Нарын», «полпредства в Нарынской области»), or next to a capitalised adjective
  («Сокулукской РГА», «Каракольского городского кенеша»);
- natasha's ORG spans headed by a state-body word («Министерство …», «Государственная
  … служба») with no foreign place in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..component import DocComponent
from ..datafiles import read_json
from ..extensions import SPAN_KEY, add_spans
from ..gazetteer import COUNTRY_KEYS, LABELS, Unit
from ..gazetteer import load as load_gazetteer
from ..matcher import KeyMatcher
from ..spelling import keys_of, name_key, spelled
from ..text import words_of
from .admin import units_of_adjective
from .normal import nominative_name

Keys = tuple[str, ...]
ADMIN_LABELS = ("OBLAST", "RAION", "AIMAK", "SETTLEMENT")
COORDINATION = frozenset({"и", ","})
ADJECTIVE = re.compile(r"(ий|ый|ой|ого|его|ому|ему|ым|им|ом|ем|ая|яя|ую|юю|ые|ие|ых|их|ыми|ими|ей)$")


@dataclass(frozen=True, slots=True)
class NamedBody:
    name: str
    kind: str
    upper: bool  # an abbreviation: must be written in capitals
    capitalised: bool  # a common word that names the body only with a capital («Президент»)


@dataclass(frozen=True, slots=True)
class TerritorialBody:
    index: int  # the pattern's position in the data file
    unit: str
    labels: frozenset[str]
    types: frozenset[str]
    side: str
    fillers: tuple[Keys, ...]
    kind: str
    normal: str
    upper: bool
    words: str  # the body's words in the nominative, as the data writes them
    unit_types: frozenset[str]  # what an 'adjective' body's adjective names


@dataclass(frozen=True, slots=True)
class Found:
    """An institution among the document's words: start, end (exclusive), normal, kind; and the
    unit its adjective names, when the territory component could not see it («Сокулукской РГА»)."""

    start: int
    end: int
    normal: str
    kind: str
    units: tuple[Unit, ...] = ()


class InstitutionLexicon:
    """The matchers and tables of ``data/institutions.json``, built once per process."""

    def __init__(self, data: dict):
        named = []
        for body in data["named"]:
            for field, upper, capitalised in (("words", False, False), ("abbreviations", True, False),
                                              ("capitalised", False, True)):
                for variant in body.get(field, []):
                    named.append((name_key(variant),
                                  NamedBody(body["name"], body["kind"], upper, capitalised)))
        self.named = KeyMatcher(named)
        self.named_by_key = {key: body for key, body in named if not body.upper and not body.capitalised}
        territorial = []
        for index, pattern in enumerate(data["territorial"]):
            upper_only = set(pattern.get("upper_only", []))
            for words in pattern["body"]:
                body = TerritorialBody(
                    index, pattern["unit"], frozenset(pattern.get("labels", [])),
                    frozenset(pattern.get("types", [])), pattern.get("side", "before"),
                    tuple(_keys(filler) for filler in pattern.get("fillers", [])), pattern["kind"],
                    pattern["normal"], pattern.get("upper", False) or words in upper_only, words,
                    frozenset(pattern.get("unit_types", [])))
                territorial.append((name_key(words), body))
        self.bodies = KeyMatcher(territorial)
        self.title_lemmas = frozenset(data["title_lemmas"])
        self.tails = [_keys(words) for words in data["tails"]]
        self.state_heads = [_keys(words) for words in data["state_heads"]]


def _keys(words: str) -> Keys:
    return tuple(name_key(words).split(" "))


@cache
def lexicon() -> InstitutionLexicon:
    return InstitutionLexicon(read_json("institutions.json"))


def _feminine(adjective: str) -> str:
    """«Сокулукский» → «Сокулукская»."""
    return re.sub(r"(ск|цк|н|в)?(ий|ый|ой)$", lambda m: (m.group(1) or "") + "ая", adjective)


def _respelled(adjective: str, name: str) -> str:
    """The adjective with its stem spelled as the unit's name («Жалал-Абадский», Джалал-Абад →
    «Джалал-Абадский»)."""
    target = spelled(name)
    for cut in range(1, len(adjective) + 1):
        if spelled(adjective[:cut]) == target:
            return name + adjective[cut:]
    return adjective


def _is_adjective_name(short: str) -> bool:
    return bool(re.search(r"(ий|ый|ой)$", short))


class InstitutionFinder:
    """Finds institutions among a document's words, given the spans found before."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.words = words_of(doc)
        self.keys = keys_of(doc)
        self.position = {token.i: index for index, token in enumerate(self.words)}
        self.lexicon = lexicon()
        self.spans = [span for span in doc.spans.get(SPAN_KEY, []) if len(span)]

    def _word_range(self, span: Span) -> tuple[int, int]:
        return self.position[span.start], self.position[span.end - 1] + 1

    def _starting(self, index: int, labels: tuple[str, ...]) -> list[Span]:
        return [s for s in self.spans if s.label_ in labels and self._word_range(s)[0] == index]

    def _keys_at(self, start: int, keys: Keys) -> bool:
        return tuple(self.keys[start : start + len(keys)]) == keys

    def _tail(self, end: int) -> int:
        """The end extended over «Кыргызской Республики» / «КР» right after a body's name."""
        for keys in self.lexicon.tails:
            if self._keys_at(end, keys):
                return end + len(keys)
        return end

    def _foreign_place_at(self, index: int) -> bool:
        return any(self.keys[start] not in COUNTRY_KEYS
                   for span in self._starting(index, ("LOC",)) for start in [self._word_range(span)[0]])

    def _tokens(self, start: int, end: int) -> list[Token]:
        return self.words[start:end]

    def named(self) -> Iterator[Found]:
        for match in self.lexicon.named.matches(self.keys):
            text = [word.text for word in self._tokens(match.start, match.end)]
            for body in match.values:
                if body.upper and not all(word.isupper() for word in text):
                    continue
                if body.capitalised and not text[0][:1].isupper():
                    continue
                if body.capitalised and self._starting(match.end, ("PER",)):
                    continue  # «Президент Садыр Жапаров»: the person, not the body
                if self._foreign_place_at(match.end):
                    continue  # «Правительства Швейцарии»
                yield Found(match.start, self._tail(match.end), body.name, body.kind)
                yield from self._elliptic(match.start, match.end)

    def _elliptic(self, start: int, end: int) -> Iterator[Found]:
        """«Аппаратов Правительства и Президента»: the head word serves a second body too."""
        if end - start >= 2 and end + 1 < len(self.keys) and self.keys[end] == "и":
            body = self.lexicon.named_by_key.get(f"{self.keys[start]} {self.keys[end + 1]}")
            if body is not None and self.words[end + 1].text[:1].isupper():
                yield Found(end + 1, end + 2, body.name, body.kind)

    def territorial(self) -> Iterator[Found]:
        for match in self.lexicon.bodies.matches(self.keys):
            if self.words[match.start].lemma_.lower() in self.lexicon.title_lemmas:
                continue  # «Мэр Каракола»: a person's title, not the body
            for body in match.values:
                if body.upper and not all(w.text.isupper() for w in self._tokens(match.start, match.end)):
                    continue
                if body.unit == "admin":
                    yield from self._with_unit(match.start, match.end, body)
                else:
                    yield from self._with_adjective(match.start, match.end, body)

    def _with_unit(self, start: int, end: int, body: TerritorialBody) -> Iterator[Found]:
        """The body with the unit after it («мэрии города Нарын»), or before it and any units
        coordinated with that one («Бостеринского и Тамчынского айыл окмоту»: two bodies)."""
        labels = tuple(body.labels)
        if body.side in ("after", "either"):
            for filler in ((),) + body.fillers:
                if filler and not self._keys_at(end, filler):
                    continue
                for unit in self._starting(end + len(filler), labels):
                    if self._fits(unit, body):
                        whose = "Правительства" if filler[:1] == ("правительств",) else "Президента"
                        yield Found(start, self._word_range(unit)[1], self._normal(body, unit, whose),
                                    body.kind)
                        return
        if body.side in ("before", "either"):
            unit = self._ending(start, labels)
            if unit is not None and self._fits(unit, body):
                yield Found(self._word_range(unit)[0], end, self._normal(body, unit), body.kind)
                while (unit := self._coordinated_before(unit, labels)) is not None:
                    yield Found(*self._word_range(unit), self._normal(body, unit), body.kind)

    def _ending(self, index: int, labels: tuple[str, ...]) -> Span | None:
        return next((s for s in self.spans if s.label_ in labels and self._word_range(s)[1] == index), None)

    def _coordinated_before(self, unit: Span, labels: tuple[str, ...]) -> Span | None:
        start = self._word_range(unit)[0]
        if start > 0 and self.keys[start - 1] in COORDINATION:
            return self._ending(start - 1, labels)
        return None

    def _fits(self, unit: Span, body: TerritorialBody) -> bool:
        if not body.types:
            return True
        gazetteer = load_gazetteer()
        return any(gazetteer[code].type in body.types for code in (unit._.candidates or ()))

    def _normal(self, body: TerritorialBody, unit: Span, whose: str = "Президента") -> str:
        gazetteer = load_gazetteer()
        units = [gazetteer[code] for code in ([unit.kb_id_] if unit.kb_id_ else unit._.candidates or ())]
        shorts = {u.short for u in units}
        short = shorts.pop() if len(shorts) == 1 else (unit._.normal or unit.text)
        template = body.normal
        if "{short}" in template and not _is_adjective_name(short):
            template = template.replace("{short} ", "") + " {short}"  # «айыл окмоту им. Крупской»
        return template.format(short=short, short_fem=_feminine(short), whose=whose,
                               name=unit._.normal or unit.text, unit=unit.text)

    def _with_adjective(self, start: int, end: int, body: TerritorialBody) -> Iterator[Found]:
        """«Сокулукской РГА», «Каракольского горкенеша»: the adjective names the unit."""
        if start == 0:
            return
        word = self.words[start - 1]
        if not word.text[:1].isupper() or word.pos_ not in ("ADJ", "PROPN") or \
                not ADJECTIVE.search(word.text):
            return
        units = units_of_adjective(word.text, body.unit_types)
        adjective = nominative_name(word, "masc")
        if len(units) == 1:
            unit = units[0]
            adjective = unit.short if unit.type in ("raion", "oblast", "city_district") \
                else _respelled(adjective, unit.name)
        name = units[0].name if len(units) == 1 else adjective
        normal = body.normal.format(adjective=adjective, adjective_fem=_feminine(adjective),
                                    body=body.words, name=name)
        yield Found(start - 1, end, normal, body.kind, units)

    def from_ner(self) -> Iterator[Found]:
        """natasha's ORG spans headed by a state-body word, with no foreign place inside."""
        for span in self.spans:
            if span.label_ != "ORG":
                continue
            start, end = self._word_range(span)
            if not any(self._keys_at(start, keys) for keys in self.lexicon.state_heads):
                continue
            if any(self._foreign_place_at(index) for index in range(start + 1, end)):
                continue
            kind = "ministry" if self.keys[start] == "министерств" else "agency"
            yield Found(start, end, span._.normal or span.text, kind)

    def find(self) -> list[Found]:
        """Every institution found, the first reading of each stretch of words only."""
        found: dict[tuple[int, int], Found] = {}
        for item in (*self.named(), *self.territorial(), *self.from_ner()):
            found.setdefault((item.start, item.end), item)
        return list(found.values())


class InstitutionRecognizer(DocComponent):
    """Adds INSTITUTION spans (``span._.value = {"kind": …}``) to ``doc.spans["munitext"]``."""

    def __call__(self, doc: Doc) -> Doc:
        finder = InstitutionFinder(doc)
        spans = []
        for found in finder.find():
            first, last = finder.words[found.start], finder.words[found.end - 1]
            span = Span(doc, first.i, last.i + 1, label="INSTITUTION")
            span._.normal = found.normal
            span._.value = {"kind": found.kind}
            spans.append(span)
            if found.units:
                spans.append(_unit_span(doc, first.i, found.units))
        add_spans(doc, spans)
        return doc


def _unit_span(doc: Doc, index: int, units: tuple[Unit, ...]) -> Span:
    """The unit an institution's adjective names, as an admin-unit span of its own; its region
    joins ``doc._.regions``."""
    gazetteer = load_gazetteer()
    code = units[0].code if len(units) == 1 else ""
    span = Span(doc, index, index + 1, label=LABELS[units[0].type], kb_id=code)
    span._.normal = units[0].name if len({u.name for u in units}) == 1 else span.text
    span._.candidates = tuple(unit.code for unit in units)
    region = gazetteer.region_of(code) if code else None
    if region is not None and region.name not in (doc._.regions or []):
        doc._.regions = [*(doc._.regions or []), region.name]
    return span


@Language.factory("munitext_institutions")
def make_institution_recognizer(nlp: Language, name: str) -> InstitutionRecognizer:
    return InstitutionRecognizer()
