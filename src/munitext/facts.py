"""Facts: what a text states about its entities, in five types (``doc._.facts``).

- ``event``: an event noun phrase, with its date, place, participants and organizer;
- ``person_role``: a person with a position, and the body or territory of the post;
- ``money_flow``: a sum with its payer, recipient, purpose and date;
- ``quantity``: a count with the place and the date it holds for;
- ``located_in``: an admin unit placed in another («Ивановский АА (Чуйская область)»).

The rules read the tokens (lemma, part of speech, case) of one sentence and the entities
already resolved in ``doc.ents``; they use no syntax parser (natasha's slovnet parser takes
about 12 s on the sample corpus, where the whole pipeline takes 2.6 s, and this component
0.2 s). A fact's ``start``/``end`` are its sentence's, or those of two or three
sentences when the later ones go on about the first without naming it («В нем участвовали …»,
«Ее председатель …»). Entity slots point at ``doc.ents`` by index; ``event``, ``position`` and
``purpose`` are phrases as written. What each slot holds: the gold set's GUIDELINES, section
"Facts"; the word lists: ``data/facts.json``.

A ``located_in`` fact is kept when the gazetteer disagrees: its ``parent`` slot's ``value`` is
``{"consistent": true}`` when the gazetteer has the unit under the parent, ``false`` when it
has it elsewhere, ``null`` when either side is not linked.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.attrs import LEMMA, LOWER
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token
from srsly.msgpack import msgpack_decoders, msgpack_encoders

from .component import DocComponent
from .datafiles import read_json
from .gazetteer import load as load_gazetteer

TYPES = ("event", "person_role", "money_flow", "quantity", "located_in")
ADMIN = frozenset({"OBLAST", "RAION", "AIMAK", "SETTLEMENT"})
PLACES = ADMIN | {"LOC"}
BODIES = frozenset({"ORG", "INSTITUTION"})
PAYERS = BODIES | PLACES
LEVEL = {"SETTLEMENT": 0, "AIMAK": 1, "RAION": 2, "OBLAST": 3}
CITY_REGIONS = ("city_republican",)  # Bishkek and Osh stand above their districts
PUNCT_BREAKS = frozenset({";", ":"})
DASHES = frozenset({"—", "–", "-"})
MAX_NP = 8  # words of a phrase after its head
MAX_LEFT = 10  # words walked left to find what governs an entity


# Records


@dataclass(frozen=True, slots=True)
class Slot:
    """One slot: its text and offsets; for an entity, its index in ``doc.ents``, normal form,
    link and value; for ``event`` and ``position``, ``normal`` is the lemma of the head word
    («сессия», «глава»)."""

    text: str
    start: int
    end: int
    entity: int | None = None
    normal: str | None = None
    kb_id: str | None = None
    value: dict[str, Any] | None = None

    def __repr__(self) -> str:
        where = f"#{self.entity}" if self.entity is not None else ""
        return f"{self.text!r}{where}@{self.start}"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "entity": self.entity,
                "normal": self.normal, "kb_id": self.kb_id, "value": self.value}


@dataclass(frozen=True, slots=True)
class Fact:
    """A fact of one of ``TYPES``: the offsets of its sentence(s) and its slots by name."""

    type: str
    start: int
    end: int
    slots: dict[str, Slot] = field(default_factory=dict)

    def __repr__(self) -> str:
        slots = " ".join(f"{name}={slot.text!r}" for name, slot in self.slots.items())
        return f"Fact({self.type} {self.start}:{self.end} {slots})"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the output record's ``facts``."""
        return {"type": self.type, "start": self.start, "end": self.end,
                "slots": {name: slot.to_dict() for name, slot in self.slots.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        return cls(data["type"], data["start"], data["end"],
                   {name: Slot(**slot) for name, slot in data["slots"].items()})


# ``nlp.pipe(n_process=…)`` sends docs between processes with msgpack: facts go as dicts

_PACKED = "munitext.fact"


def _pack(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, Fact):
        return {_PACKED: obj.to_dict()}
    return obj if chain is None else chain(obj)


def _unpack(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _PACKED in obj:
        return Fact.from_dict(obj[_PACKED])
    return obj if chain is None else chain(obj)


msgpack_encoders.register("munitext_fact", func=_pack)
msgpack_decoders.register("munitext_fact", func=_unpack)


# Rules (data/facts.json)


PHRASES = ("clause_subsets", "event_phrases", "event_idioms", "located_in_membership",
           "located_in_including")


@dataclass(frozen=True, slots=True)
class Rules:
    """The word lists of ``data/facts.json``: field ``<section>_<key>`` holds ``data[section][key]``
    as a set of keys (see ``key``), a tuple of phrases (``PHRASES``), or a table."""

    clause_breaks: frozenset[str]
    clause_place_prepositions: frozenset[str]
    clause_other_prepositions: frozenset[str]
    clause_relatives: frozenset[str]
    clause_comparison: frozenset[str]
    clause_since: frozenset[str]
    clause_openers: frozenset[str]
    clause_subsets: tuple[tuple[str, ...], ...]
    clause_dative_endings: frozenset[str]
    clause_locative_plural_endings: frozenset[str]
    event_nouns: frozenset[str]
    event_plural_nouns: frozenset[str]
    event_sessions: frozenset[str]
    event_phrases: tuple[tuple[str, ...], ...]
    event_not_after: frozenset[str]
    event_idioms: tuple[tuple[str, ...], ...]
    event_elliptic: frozenset[str]
    event_happening: frozenset[str]
    event_organizer_verbs: frozenset[str]
    event_organizer_participles: frozenset[str]
    event_participation: frozenset[str]
    event_gathering: frozenset[str]
    event_people: frozenset[str]
    event_pronouns: frozenset[str]
    person_positions: frozenset[str]
    person_modifiers: frozenset[str]
    person_title_words: frozenset[str]
    person_title_bodies: dict[str, frozenset[str]]
    person_verbs: frozenset[str]
    person_possessives: frozenset[str]
    person_origin: frozenset[str]
    money_payer_verbs: frozenset[str]
    money_payer_nouns: frozenset[str]
    money_payer_noun_prepositions: dict[str, frozenset[str]]
    money_recipient_verbs: frozenset[str]
    money_dative_verbs: frozenset[str]
    money_budget_nouns: frozenset[str]
    money_recipient_kinds: frozenset[str]
    money_cost_verbs: frozenset[str]
    money_cost_nouns: frozenset[str]
    money_cost_modifiers: frozenset[str]
    money_financed_verbs: frozenset[str]
    money_funds: frozenset[str]
    money_payment_nouns: frozenset[str]
    money_price_prepositions: frozenset[str]
    money_purpose_prepositions: frozenset[str]
    money_investment_prepositions: dict[str, frozenset[str]]
    money_after_prepositions: frozenset[str]
    money_rate_units: frozenset[str]
    money_anaphors: frozenset[str]
    money_not_purposes: frozenset[str]
    money_qualifiers: frozenset[str]
    quantity_attributes: frozenset[str]
    quantity_time_units: frozenset[str]
    quantity_origin: frozenset[str]
    quantity_period: frozenset[str]
    quantity_shift: frozenset[str]
    quantity_place_anaphors: frozenset[str]
    located_in_membership: tuple[tuple[str, ...], ...]
    located_in_including: tuple[tuple[str, ...], ...]
    located_in_centre: frozenset[str]
    located_in_centre_levels: dict[str, str]
    located_in_descriptors: frozenset[str]
    located_in_genitive_endings: frozenset[str]
    located_in_genitive_words: frozenset[str]

    def __repr__(self) -> str:
        return f"Rules(events={len(self.event_nouns)}, positions={len(self.person_positions)})"


def _value(name: str, value: Any) -> Any:
    if name in PHRASES:
        return tuple(tuple(key(word) for word in phrase.split()) for phrase in value)
    if isinstance(value, dict):
        return {key(k): v if isinstance(v, str) else frozenset(v if name == "person_title_bodies"
                                                                else map(key, v))
                for k, v in value.items()}
    return frozenset(value) if name == "money_recipient_kinds" else frozenset(map(key, value))


@cache
def rules() -> Rules:
    """The rules of ``data/facts.json`` (read once per process)."""
    data = read_json("facts.json")
    return Rules(**{f"{section}_{name}": _value(f"{section}_{name}", value)
                    for section, entries in data.items() if not section.startswith("_")
                    for name, value in entries.items()})


# Tokens


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """A word as the rules compare it: lower case, ё as е."""
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=200_000)
def _stored_key(strings: StringStore, hash_: int) -> str:
    """``key`` of a string in the vocabulary, by its hash."""
    return key(strings[hash_])


def lemma(token: Token) -> str:
    return key(token.lemma_ or token.text)


def is_word(token: Token, words: frozenset[str]) -> bool:
    """Whether the token's lemma or its lower-cased form is one of ``words``."""
    return lemma(token) in words or key(token.text) in words


def cases(token: Token) -> set[str]:
    return set(token.morph.get("Case"))


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Part" not in token.morph.get("VerbForm")


def is_nominal(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM") or (
        token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm"))


# A document as the rules see it


class Text:
    """A document's entities by token, its sentences, and slots made from them."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.ents: list[Span] = list(doc.ents)
        self.entity_at: dict[int, int] = {}
        for index, span in enumerate(self.ents):
            for i in range(span.start, span.end):
                self.entity_at[i] = index
        self.starts = [span.start for span in self.ents]
        strings = doc.vocab.strings
        rows = doc.to_array([LEMMA, LOWER]).tolist() if len(doc) else []
        self.lowers = [_stored_key(strings, lower) for _, lower in rows]
        self.lemmas = [_stored_key(strings, lemma_) if lemma_ else self.lowers[i]
                       for i, (lemma_, _) in enumerate(rows)]
        self.sentences: list[Span] = [line for sentence in doc.sents
                                      for line in lines(sentence, self.lowers)]
        self.sentence_starts = [sentence.start for sentence in self.sentences]
        self.titled: set[int] = set()  # units and bodies named with a person's title
        self._clauses: dict[int, list[Span]] = {}

    def entity(self, token: Token | int) -> Span | None:
        index = self.entity_at.get(token if isinstance(token, int) else token.i)
        return None if index is None else self.ents[index]

    def index(self, span: Span) -> int:
        return self.entity_at[span.start]

    def within(self, part: Span, labels: frozenset[str]) -> list[Span]:
        """Entities with one of ``labels`` lying inside ``part``, in text order."""
        first = bisect_left(self.starts, part.start)
        last = bisect_left(self.starts, part.end, lo=first)
        return [span for span in self.ents[first:last] if span.label_ in labels and span.end <= part.end]

    def find(self, part: Span, words: frozenset[str]) -> list[Token]:
        """The tokens of ``part`` whose lemma or lower-cased form is one of ``words``."""
        return [self.doc[i] for i in range(part.start, part.end)
                if self.lemmas[i] in words or self.lowers[i] in words]

    def clauses(self, sentence: Span, r: Rules) -> list[Span]:
        """The clauses of a sentence (see ``clauses``), computed once."""
        if sentence.start not in self._clauses:
            self._clauses[sentence.start] = clauses(self, sentence, r)
        return self._clauses[sentence.start]

    def slot(self, span: Span) -> Slot:
        """An entity slot."""
        return Slot(span.text, span.start_char, span.end_char, self.index(span),
                    span._.normal, span.kb_id_ or None, span._.value)

    def sentence_start(self, i: int) -> int:
        """The first token of the sentence (line) token ``i`` is in."""
        index = bisect_right(self.sentence_starts, i) - 1
        return self.sentence_starts[index] if index >= 0 else 0

    def free(self, token: Token) -> bool:
        """Whether a token is outside every entity."""
        return token.i not in self.entity_at


def lines(sentence: Span, words: list[str]) -> list[Span]:
    """A sentence cut at line breaks (a title line is a sentence of its own), without spaces
    at either end; ``words``: the document's tokens, lower-cased."""
    doc, parts, start = sentence.doc, [], sentence.start
    for i in [*range(sentence.start, sentence.end), None]:
        if i is None or ("\n" in words[i] and not words[i].strip()):
            end = sentence.end if i is None else i
            while start < end and not words[start].strip():
                start += 1
            while end > start and not words[end - 1].strip():
                end -= 1
            if end > start:
                parts.append(doc[start:end])
            if i is not None:
                start = i + 1
    return parts


def phrase_slot(words: Span, normal: str | None = None) -> Slot:
    """A text slot over a run of tokens."""
    return Slot(words.text, words.start_char, words.end_char, None, normal)


def fact(kind: str, part: Span, slots: dict[str, Slot | None]) -> Fact:
    return Fact(kind, part.start_char, part.end_char,
                {name: slot for name, slot in slots.items() if slot is not None})


# Clauses, phrases and what governs an entity


def clauses(text: Text, sentence: Span, r: Rules) -> list[Span]:
    """The parts of a sentence: cut at «;» and «:», and at a comma or dash before «а», «но» …"""
    doc, words, cuts, start = text.doc, text.lowers, [], sentence.start
    for i in range(sentence.start, sentence.end):
        following = words[i + 1] if i + 1 < sentence.end else None
        if words[i] in PUNCT_BREAKS or (following is not None and (
                (words[i] == "," and following in r.clause_breaks)
                or (words[i] in DASHES and following in ("а", "но")))):
            if i > start:
                cuts.append(doc[start:i + 1])
            start = i + 1
    if start < sentence.end:
        cuts.append(doc[start:sentence.end])
    return cuts or [sentence]


def clause_of(parts: list[Span], span: Span) -> Span:
    return next((part for part in parts if part.start <= span.start < part.end), parts[-1])


def governor(text: Text, span: Span) -> str | None:
    """The preposition a phrase depends on («в селе Ивановка», «в доме культуры села Сокулук»
    → «в»), walking left over descriptors, genitives and units coordinated with it or
    governing it, then over the head noun and its adjectives; None when there is none."""
    doc, i, steps = text.doc, span.start - 1, 0
    descriptors = rules().located_in_descriptors
    while i >= 0 and steps < MAX_LEFT:
        token, steps = doc[i], steps + 1
        inside = text.entity(token)
        if inside is not None:
            if inside.label_ not in PLACES | BODIES:
                return None
            i = inside.start - 1
        elif token.pos_ == "ADP":
            return lemma(token)
        elif token.text in (",", "и") and i > 0 and (before := text.entity(i - 1)) is not None \
                and before.label_ in ADMIN:
            i = before.start - 1
        elif key(token.text) in descriptors or (is_nominal(token) and "Gen" in cases(token)):
            i -= 1
        elif is_nominal(token) and token.text not in ("«", "»"):
            while i - 1 >= 0 and doc[i - 1].pos_ in ("ADJ", "DET", "NUM") and text.free(doc[i - 1]):
                i -= 1
            return lemma(doc[i - 1]) if i > 0 and doc[i - 1].pos_ == "ADP" else None
        else:
            return None
    return None


def noun_phrase(text: Text, head: Token, limit: int, r: Rules,
                coordinate: bool = True, possessive: bool = True) -> Span:
    """A noun with the words before it that agree with it (adjectives, participles, «такой
    же») and the genitive nouns after it that say what it is («ремонт моста», «замена печатей,
    вывесок и документов»); never an entity, a preposition or anything after ``limit``."""
    doc = text.doc
    start = head.i
    while start - 1 >= 0 and _modifies(doc[start - 1], head, possessive) \
            and text.free(doc[start - 1]):
        start -= 1
    end, i = head.i + 1, head.i + 1
    while i < limit and i - head.i <= MAX_NP:
        token = doc[i]
        if not text.free(token):
            break
        if _genitive(token) or (token.pos_ == "ADJ" and _adjectives_then_genitive(text, i, limit)):
            end = i = i + 1
        elif coordinate and token.text in (",", "и") and i + 1 < limit and end > head.i + 1 \
                and text.free(doc[i + 1]) and _genitive(doc[i + 1]):
            i += 1
        elif coordinate and token.text == "и" and i + 1 < limit and end == head.i + 1 \
                and _coordinated(doc[i + 1], head, text):
            end = i = i + 2
        else:
            break
    return doc[start:end]


def _modifies(token: Token, head: Token, possessive: bool) -> bool:
    """Whether a word before a noun belongs to its phrase: an adjective, participle, determiner
    or numeral that agrees with it (nominative and accusative are not told apart), «же»,
    and, when ``possessive``, «ее», «его», «их»."""
    if key(token.text) == "же":
        return True
    if key(token.text) in rules().person_possessives:
        return possessive
    if token.pos_ not in ("ADJ", "DET", "NUM") and not (
            token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm")):
        return False
    token_cases, head_cases = cases(token), cases(head)
    direct = {"Nom", "Acc"}
    return (not token_cases or not head_cases or bool(token_cases & head_cases)
            or token.pos_ == "NUM" or (token_cases | head_cases) <= direct)


def _adjectives_then_genitive(text: Text, i: int, limit: int) -> bool:
    """Whether adjectives from token ``i`` lead to a genitive noun («лучших муниципальных практик»)."""
    doc = text.doc
    while i < limit and doc[i].pos_ == "ADJ" and text.free(doc[i]):
        i += 1
    return i < limit and text.free(doc[i]) and _genitive(doc[i])


def _genitive(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and "Gen" in cases(token) and token.text[:1].islower()


def _coordinated(token: Token, head: Token, text: Text) -> bool:
    return (token.pos_ == "NOUN" and text.free(token) and bool(cases(token) & cases(head))
            and token.text[:1].islower())


def first_of_coordination(text: Text, span: Span) -> Span:
    """The first of units coordinated with this one («в Ленинском и Октябрьском районах»,
    «г. Жалал-Абад и Сузакский район»)."""
    doc, current = text.doc, span
    while current.start >= 2 and doc[current.start - 1].text in (",", "и"):
        before = text.entity(current.start - 2)
        if before is None or not (before.label_ == current.label_
                                  or {before.label_, current.label_} <= ADMIN):
            break
        current = before
    return current


def _of_title(text: Text, span: Span, r: Rules) -> bool:
    """Whether a unit is named with a title («Аким Алайского р-на», «Фельдшер из села Сумсар»)
    or after «в том числе» («…, в том числе в Марказе»)."""
    doc, i = text.doc, span.start - 1
    if text.index(span) in text.titled or (
            i >= 0 and text.free(doc[i]) and lemma(doc[i]) in r.person_positions):
        return True
    start = max(text.sentence_start(span.start), span.start - 5)
    firsts = _first_words(r.clause_subsets)
    return any(text.lowers[j] in firsts and _phrase_at(doc, j, words) for words in r.clause_subsets
               for j in range(start, span.start))


def most_specific(spans: list[Span]) -> list[Span]:
    """Drop the units that the gazetteer has above another one of the list."""
    gazetteer = load_gazetteer()
    above = {unit.code for span in spans if span.kb_id_
             for unit in gazetteer.ancestors(span.kb_id_)}
    return [span for span in spans if not span.kb_id_ or span.kb_id_ not in above]


def choose_place(text: Text, candidates: list[Span], r: Rules, near: int | None = None,
                 strict: bool = True) -> Span | None:
    """The place of a fact among the places of its clause: one after «в»/«на» first, then one
    without a preposition, then (unless ``strict``) one with «из», «по», «до» … or a direction
    («в Нарынскую область»); an admin unit before a LOC; the most specific unit; of coordinated
    ones the first; the one nearest to token ``near`` when given, else the first. Never the
    unit of a title («Аким Алайского р-на»)."""
    ranked = []
    for span in candidates:
        preposition = governor(text, span)
        if preposition in r.clause_other_prepositions or (
                preposition in r.clause_place_prepositions and "Acc" in _case(text, span)):
            tier = 2  # «из Бишкека», «по бюджету аймака», «дороги на Кант»
        else:
            tier = 0 if preposition in r.clause_place_prepositions else 1
        if (tier < 2 or not strict) and not _of_title(text, span, r):
            ranked.append((tier, span.label_ == "LOC", span))
    if not ranked:
        return None
    best = min((tier, loc) for tier, loc, _ in ranked)
    spans = most_specific([span for tier, loc, span in ranked if (tier, loc) == best])
    spans = [first_of_coordination(text, span) for span in spans]
    if near is None:
        return spans[0]
    return min(spans, key=lambda span: (abs(span.start - near), span.start))


# Events


@dataclass(slots=True)
class EventMention:
    """An event noun phrase found in a sentence, and the slots gathered for it."""

    words: Span
    head: Token
    sentence: int
    end: int
    slots: dict[str, Slot] = field(default_factory=dict)


def event_heads(text: Text, part: Span, r: Rules) -> list[Token]:
    """Event nouns of a clause (not inside a body, a unit, a date …; not the topic or the
    absence of one: «отчет о поездке», «без конкурса»), and elliptic words that stand for one
    before a verb of happening («а следующая пройдет в Оше»)."""
    heads = []
    candidates = r.event_nouns | r.event_plural_nouns | r.event_elliptic | _last_words(r.event_phrases)
    for token in text.find(part, candidates):
        inside = text.entity(token)
        if inside is not None and inside.label_ not in ("ORG", "LOC", "COUNT"):
            continue
        if not (_event_noun(token, r) or _is_phrase_head(token, r) or _elliptic(token, part, r)):
            continue
        if _preposition_before(text, token) not in r.event_not_after and not _idiom(text, token, r):
            heads.append(token)
    return heads


def _elliptic(token: Token, part: Span, r: Rules) -> bool:
    """«а следующая пройдет в Оше»: an adjective standing for an event noun."""
    following = token.doc[token.i + 1] if token.i + 1 < part.end else None
    return lemma(token) in r.event_elliptic and token.pos_ == "ADJ" and following is not None \
        and is_verb(following) and lemma(following) in r.event_happening


def _idiom(text: Text, token: Token, r: Rules) -> bool:
    """«на учет встали»: an event noun in a set phrase that names no event."""
    return any(lemma(token) == idiom[-1] and _phrase_at(text.doc, token.i - len(idiom) + 1, idiom)
               for idiom in r.event_idioms)


def _event_noun(token: Token, r: Rules) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    return lemma(token) in r.event_nouns or (
        is_word(token, r.event_plural_nouns) and "Sing" not in token.morph.get("Number"))


def _preposition_before(text: Text, token: Token) -> str | None:
    """The preposition right before a noun and the words that agree with it."""
    doc, i = text.doc, token.i - 1
    while i >= 0 and doc[i].pos_ in ("ADJ", "DET", "NUM") and text.free(doc[i]):
        i -= 1
    return lemma(doc[i]) if i >= 0 and doc[i].pos_ == "ADP" else None


def _is_phrase_head(token: Token, r: Rules) -> bool:
    doc = token.doc
    if lemma(token) not in _last_words(r.event_phrases):
        return False
    for phrase in r.event_phrases:
        start = token.i - len(phrase) + 1
        if start >= 0 and all(lemma(doc[start + k]) == word for k, word in enumerate(phrase)):
            return True
    return False


def event_words(text: Text, head: Token, part: Span, r: Rules) -> Span:
    """The event phrase: agreeing words before the noun, genitive common nouns after it."""
    inside = text.entity(head)
    if inside is not None and inside.label_ == "COUNT":  # «более 120 встреч»
        return text.doc[head.i:head.i + 1]
    if inside is not None:  # an event noun the NER took for a name: its words in that span
        start = head.i
        while start > inside.start and _modifies(text.doc[start - 1], head, possessive=False):
            start -= 1
        return text.doc[start:head.i + 1]
    return noun_phrase(text, head, part.end, r, coordinate=False, possessive=False)


def events(text: Text, r: Rules) -> list[Fact]:
    """``event`` facts: each event phrase with the date, place, participants and organizer of
    its clause; a sentence that only goes on about the one before («В нем участвовали около
    60 человек», «Их организовала мэрия») adds its participants and organizer to it."""
    found: list[EventMention] = []
    for number, sentence in enumerate(text.sentences):
        mentions = [mention for part in text.clauses(sentence, r)
                    for mention in _clause_events(text, part, number, r)]
        if found and found[-1].end == number - 1 and _continues(text, sentence, found[-1], mentions, r):
            _add_continuation(text, found[-1], sentence, number, r)
        else:
            found.extend(mentions)
    facts = []
    for mention in found:
        if not mention.slots.keys() & {"date", "place", "participants"}:
            continue
        span = text.doc[text.sentences[mention.sentence].start:text.sentences[mention.end].end]
        slots = {"event": phrase_slot(mention.words, lemma(mention.head))}
        facts.append(fact("event", span, slots | mention.slots))
    return facts


def _clause_events(text: Text, part: Span, number: int, r: Rules) -> list[EventMention]:
    """The events of a clause with their slots («Церемонию награждения» is one event)."""
    mentions: list[EventMention] = []
    for head in event_heads(text, part, r):
        if not any(m.words.start <= head.i < m.words.end for m in mentions):
            mentions.append(EventMention(event_words(text, head, part, r), head, number, number))
    heads = [mention.head for mention in mentions]
    for mention in mentions:
        _event_slots(text, mention, part, heads, r)
    return mentions


def _nearest_head(heads: list[Token], span: Span) -> Token:
    """The event noun an entity belongs to: the last one before it, or the first one."""
    before = [head for head in heads if head.i < span.start]
    return before[-1] if before else heads[0]


def _event_slots(text: Text, mention: EventMention, part: Span, heads: list[Token],
                 r: Rules) -> None:
    """Fill a mention's slots from its clause; with several event nouns in the clause, each
    entity goes to the nearest one."""
    def mine(span: Span) -> bool:
        return _nearest_head(heads, span) is mention.head

    dates = [span for span in text.within(part, frozenset({"DATE"})) if mine(span)]
    if dates:
        mention.slots["date"] = text.slot(min(dates, key=lambda s: abs(s.start - mention.head.i)))
    places = [span for span in text.within(part, PLACES) if mine(span)
              and not _overlaps(span, mention.words) and _same_clause(text, mention, span, r)]
    place = choose_place(text, places, r)
    if place is not None:
        mention.slots["place"] = text.slot(place)
    count = participants(text, part, r)
    if count is not None and mine(count):
        mention.slots["participants"] = text.slot(count)
    body = organizer(text, mention, part, r)
    if body is not None:
        mention.slots["organizer"] = text.slot(body)


def _same_clause(text: Text, mention: EventMention, span: Span, r: Rules) -> bool:
    """Whether a place is said of the event: not in a relative clause about something else
    («Жители Таласского района, центр которого — село Кок-Ой, …»), but maybe in one about the
    event («В конкурсе «…», итоги которого подвели в Бишкеке, …»)."""
    doc = text.doc
    comma = _relative_clause(doc, span.start, r)
    if comma == _relative_clause(doc, mention.head.i, r):
        return True
    between = doc[mention.words.end:comma] if comma is not None else doc[0:0]
    return comma is not None and comma >= mention.words.end and len(between) <= 6 \
        and not text.within(between, PLACES | BODIES)


def _overlaps(span: Span, words: Span) -> bool:
    return span.start < words.end and words.start < span.end


def participants(text: Text, part: Span, r: Rules) -> Span | None:
    """The first COUNT of people (or of municipalities) that is not after a preposition."""
    for span in text.within(part, frozenset({"COUNT"})):
        value = span._.value or {}
        if key(str(value.get("unit", ""))) not in r.event_people:
            continue
        if _preposition_before(text, span[0]) is None:
            return span
    return None


def organizer(text: Text, mention: EventMention, part: Span, r: Rules) -> Span | None:
    """The body that holds the event: the subject of «провести», «организовать» …, the agent
    after «организованный», or, for a session, the council of the sentence."""
    bodies = [span for span in text.within(part, BODIES) if not _overlaps(span, mention.words)]
    verbs = r.event_organizer_verbs | r.event_organizer_participles
    for i in range(part.start, part.end):
        if text.lemmas[i] not in verbs:
            continue
        token = text.doc[i]
        if "Part" in token.morph.get("VerbForm"):
            after = text.entity(token.i + 1) if token.i + 1 < part.end else None
            if after is not None and after.label_ in BODIES and lemma(token) in r.event_organizer_participles:
                return after
            continue
        subjects = [span for span in bodies if "Nom" in _case(text, span)
                    or not _case(text, span)]
        if subjects:
            return min(subjects, key=lambda span: abs(span.start - token.i))
    if lemma(mention.head) in r.event_sessions:
        sentence = text.sentences[mention.sentence]
        for span in text.within(sentence, frozenset({"INSTITUTION"})):
            if (span._.value or {}).get("kind") == "lsg_council":
                return span
    return None


def _case(text: Text, span: Span) -> set[str]:
    """The case of an entity: its first word that has one (a name in quotes takes the case of
    the common noun before the quotes)."""
    doc = text.doc
    if span.start >= 2 and doc[span.start - 1].text in ("«", '"'):
        i = span.start - 2  # «Ассоциация водопользователей «Араван-Суу»»: the case of «Ассоциация»
        while i > 0 and "Gen" in cases(doc[i]) and doc[i - 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            i -= 1
        return cases(doc[i])
    for token in span:
        if cases(token):
            return cases(token)
    return set()


def _continues(text: Text, sentence: Span, last: EventMention, mentions: list[EventMention],
               r: Rules) -> bool:
    """Whether a sentence only goes on about the event of the sentence before: it names no
    event of its own (or names the same one, with no date or place, to say who took part), it
    gives participants or an organizer, and it starts with a pronoun or a verb or speaks of
    taking part or gathering."""
    same = all(lemma(m.head) == lemma(last.head) and not m.slots.keys() & {"date", "place"}
               for m in mentions)
    takes_part = bool(text.find(sentence, r.event_participation))
    if mentions and not (same and takes_part):
        return False
    first = sentence[0]
    opener = key(first.text) in r.event_pronouns or (
        first.pos_ == "ADP" and len(sentence) > 1 and key(sentence[1].text) in r.event_pronouns)
    gathers = bool(text.find(sentence, r.event_gathering))
    gives = participants(text, sentence, r) is not None or bool(text.find(sentence, r.event_organizer_verbs))
    return gives and (opener or is_verb(first) or takes_part or gathers)


def _add_continuation(text: Text, mention: EventMention, sentence: Span, number: int,
                      r: Rules) -> None:
    mention.end = number
    place = mention.slots.get("place")
    if place is not None and place.kb_id:  # «…в Ленинском АА… В доме культуры села Ленинское…»
        inner = [span for span in text.within(sentence, ADMIN)
                 if consistent(span, text.ents[place.entity]) and governor(text, span) in ("в", "во")]
        if inner:
            mention.slots["place"] = text.slot(inner[0])
    if "participants" not in mention.slots:
        count = participants(text, sentence, r)
        if count is not None:
            mention.slots["participants"] = text.slot(count)
    if "organizer" not in mention.slots:
        body = organizer(text, EventMention(sentence[0:0], mention.head, number, number),
                         sentence, r)
        if body is not None and lemma(mention.head) not in r.event_sessions:
            mention.slots["organizer"] = text.slot(body)


# Person roles


def person_roles(text: Text, r: Rules) -> list[Fact]:
    """``person_role`` facts: a PER with a title before it («Глава айыл окмоту Ивановского
    а/а Бакыт Осмонов») or after it («Кайрат Сатаров, глава …», «…, который возглавляет …»),
    and the body or unit named with the title; «Ее председатель …» takes the body of the
    sentence before."""
    facts = []
    for number, sentence in enumerate(text.sentences):
        for person in text.within(sentence, frozenset({"PER"})):
            role = _title_before(text, person, sentence, r) or _title_after(text, person, sentence, r)
            if role is None:
                continue
            position, complement, possessive = role
            span = sentence
            if complement is None and possessive and number > 0:
                previous = text.sentences[number - 1]
                bodies = text.within(previous, BODIES)
                if bodies:
                    complement = bodies[-1]
                    span = text.doc[previous.start:sentence.end]
            slots = {"person": text.slot(person), "position": position}
            if complement is not None:
                text.titled.add(text.index(complement))
                name = "organization" if complement.label_ in BODIES else "territory"
                slots[name] = text.slot(complement)
            facts.append(fact("person_role", span, slots))
    return facts


Role = tuple[Slot, Span | None, bool]  # position, its body or unit, after a possessive


def _title_before(text: Text, person: Span, sentence: Span, r: Rules) -> Role | None:
    """«Глава айыл окмоту Ивановского а/а Бакыт Осмонов», «Фельдшер из села Сумсар Гулиза …»,
    «полпред Президента в Баткенской области Эрнис …»: the title, the body or unit between it
    and the name, and whether a possessive opens it («Ее председатель …»)."""
    doc, i = text.doc, person.start - 1
    complement = text.entity(i) if i >= sentence.start else None
    if complement is not None and complement.label_ in BODIES | ADMIN:
        i = _skip_origin(doc, complement.start - 1, sentence, r)
    else:
        complement = None
    end = i + 1
    body = text.entity(i) if i >= sentence.start else None
    if body is not None and _title_body(doc, body, r):  # «полпред Президента» is the title
        end, i = body.end, body.start - 1
        if body is complement:
            complement = None
    start = None
    while i >= sentence.start and text.free(doc[i]) and _title_word(doc[i], r):
        if lemma(doc[i]) in r.person_positions:
            start = i
        i -= 1
    if start is None:
        return None
    while start - 1 >= sentence.start and lemma(doc[start - 1]) in r.person_modifiers \
            and text.free(doc[start - 1]):
        start -= 1
    words = doc[start:end]
    possessive = start - 1 >= sentence.start and key(doc[start - 1].text) in r.person_possessives
    return phrase_slot(words, lemma(doc[_head_index(words, r)])), complement, possessive


def _title_body(doc: Doc, body: Span, r: Rules) -> bool:
    """Whether a body is part of the title before it («полпред Президента»)."""
    if body.label_ != "INSTITUTION" or body.start == 0:
        return False
    word = lemma(doc[body.start - 1])
    return word in r.person_title_bodies and (body._.normal or body.text) in r.person_title_bodies[word]


def _head_index(words: Span, r: Rules) -> int:
    return next((t.i for t in words if lemma(t) in r.person_positions), words.start)


def _title_word(token: Token, r: Rules) -> bool:
    return (token.pos_ in ("NOUN", "ADJ", "PROPN") or key(token.text) in r.person_title_words) \
        and token.text not in ("«", "»") and token.text[:1].isalpha()


def _skip_origin(doc: Doc, i: int, sentence: Span, r: Rules) -> int:
    """Step left over «из села», «в» between a title and the unit of the post."""
    if i >= sentence.start and key(doc[i].text) in r.located_in_descriptors \
            and i - 1 >= sentence.start and key(doc[i - 1].text) in r.person_origin:
        return i - 2
    if i >= sentence.start and doc[i].pos_ == "ADP" and key(doc[i].text) in r.person_origin:
        return i - 1
    return i


def _title_after(text: Text, person: Span, sentence: Span, r: Rules) -> Role | None:
    """«Кайрат Сатаров, глава айыл окмоту …» or «…, который возглавляет айыл окмоту в а/а …»."""
    doc, i = text.doc, person.end
    if i >= sentence.end or doc[i].text != ",":
        return None
    i += 1
    if i < sentence.end and lemma(doc[i]) == "который":
        i += 1
    start = i
    while i < sentence.end and lemma(doc[i]) in r.person_modifiers:
        i += 1
    if i >= sentence.end or not (lemma(doc[i]) in r.person_positions or lemma(doc[i]) in r.person_verbs):
        return None
    head = i
    i += 1
    while i < sentence.end and text.free(doc[i]) and _title_word(doc[i], r):
        i += 1
    words = doc[start:i]
    if i < sentence.end and doc[i].pos_ == "ADP" and key(doc[i].text) in r.person_origin:
        i += 1
    if i < sentence.end and key(doc[i].text) in r.located_in_descriptors:
        i += 1
    complement = text.entity(i) if i < sentence.end else None
    if complement is not None and complement.label_ not in BODIES | ADMIN:
        complement = None
    return phrase_slot(words, lemma(doc[head])), complement, False


# Money flows


def money_flows(text: Text, r: Rules) -> list[Fact]:
    """``money_flow`` facts: each MONEY with its payer, recipient, purpose and date. The payer
    comes from the clue nearest to the sum («выделил X», «грант X», «X, выделивший»); the other
    slots from the sum's clause, else from the clauses before it in the sentence. A sentence
    that goes on with «Его финансируют X» gives the payer of the sums before it. A MONEY with
    no other slot gives no fact."""
    facts = []
    for number, sentence in enumerate(text.sentences):
        amounts = text.within(sentence, frozenset({"MONEY"}))
        if not amounts:
            continue
        parts = text.clauses(sentence, r)
        payers = _payers(text, sentence, amounts, r)
        following = _payer_after(text, number, r)
        for amount in amounts:
            part = clause_of(parts, amount)
            before = text.doc[sentence.start:part.start]
            after = _clause_after_colon(parts, part)
            span, payer = sentence, payers.get(amount.start)
            if payer is None and following is not None:
                payer, span = following
            slots = {
                "amount": text.slot(amount),
                "payer": _slot(text, payer),
                "recipient": _slot(text, _exclude(_recipient(text, parts, part, sentence, r), payer)),
                "purpose": purpose(text, amount, part, r)
                or _nearby_purpose(text, amount, [before, after], r),
                "date": _slot(text, _money_date(text, amount, part, before, r)),
            }
            if any(slot is not None for name, slot in slots.items() if name != "amount"):
                facts.append(fact("money_flow", span, slots))
    return facts


def _clause_after_colon(parts: list[Span], part: Span) -> Span | None:
    """«как потрачены 640 000 сомов: на ремонт моста …»: the clause a colon opens."""
    index = parts.index(part)
    return parts[index + 1] if part[-1].text == ":" and index + 1 < len(parts) else None


def _nearby_purpose(text: Text, amount: Span, parts: list[Span | None], r: Rules) -> Slot | None:
    """A purpose with «на» or a noun of cost in the clauses before the sum or after its colon
    («Стоимость проекта – $2,3 млн, еще 186,4 млн сомов …»)."""
    for part in parts:
        if part is None or not len(part):
            continue
        for finder in (_cost_subject, _purpose_after_preposition, _cost_noun):
            words = finder(text, amount, part, r)
            if words is not None and len(words) and _usable(text, words, r):
                return phrase_slot(words)
    return None


def _slot(text: Text, span: Span | None) -> Slot | None:
    return None if span is None else text.slot(span)


def _exclude(span: Span | None, other: Span | None) -> Span | None:
    return None if span is None or (other is not None and span.start == other.start) else span


def _money_date(text: Text, amount: Span, part: Span, before: Span, r: Rules) -> Span | None:
    """The date of the sum's clause (not one compared with: «больше, чем в 2019 году»), else of
    the clauses before it joined by a comma («с 2015 по 2017 год …, а поступления …»)."""
    def fits(span: Span) -> bool:  # not «чем в 2019 году», not «работает с 1978 года»
        since = span.start > 0 and key(text.doc[span.start - 1].text) in r.clause_since
        return not _compared(text, span, r) and not since

    dates = [span for span in text.within(part, frozenset({"DATE"})) if fits(span)]
    if dates:
        return min(dates, key=lambda span: abs(span.start - amount.start))
    if len(before) and not any(token.text in PUNCT_BREAKS for token in before):
        dates = [span for span in text.within(before, frozenset({"DATE"})) if fits(span)]
        return dates[-1] if dates else None
    return None


def _compared(text: Text, span: Span, r: Rules) -> bool:
    doc = text.doc
    return any(key(doc[i].text) in r.clause_comparison for i in range(max(0, span.start - 3), span.start))


Clue = tuple[int, Span]  # the token of a payer clue, and the payer


def _payers(text: Text, sentence: Span, amounts: list[Span], r: Rules) -> dict[int, Span]:
    """The payer of each sum that has one: every clue goes to the sum nearest to it, and a sum
    keeps the clue nearest to it."""
    best: dict[int, tuple[int, Span]] = {}
    for where, payer in _payer_clues(text, sentence, r):
        amount = min(amounts, key=lambda span: _distance(span, where))
        distance = _distance(amount, where)
        if amount.start not in best or distance < best[amount.start][0]:
            best[amount.start] = (distance, payer)
    return {start: payer for start, (_, payer) in best.items()}


def _distance(span: Span, i: int) -> int:
    return 0 if span.start <= i < span.end else min(abs(span.start - i), abs(span.end - 1 - i))


def _payer_clues(text: Text, sentence: Span, r: Rules) -> Iterator[Clue]:
    """Who pays, and where the text says so: a body in the genitive after «средства», «грант»,
    «из бюджета» …; the body before a participle «выделивший»; the subject of «выделить»,
    «профинансировать» … (not in a relative clause about something else: «…, которую
    финансирует X»)."""
    doc = text.doc
    parts = text.clauses(sentence, r)
    for token in text.find(sentence, r.money_payer_nouns | r.money_payer_verbs):
        word = lemma(token)
        if word in r.money_payer_nouns and text.free(token):
            after = text.entity(token.i + 1) if token.i + 1 < sentence.end else None
            needs = r.money_payer_noun_prepositions.get(word)
            before = key(doc[token.i - 1].text) if token.i > sentence.start else ""
            if after is not None and after.label_ in PAYERS and not _dative(text, after) \
                    and (needs is None or before in needs):
                yield token.i, after
        if word not in r.money_payer_verbs or (token.i > sentence.start
                                         and lemma(doc[token.i - 1]) == "который"):
            continue
        part = clause_of(parts, doc[token.i:token.i + 1])
        if "Part" in token.morph.get("VerbForm"):
            before = _candidates(text, doc[part.start:token.i])
            if before:
                yield token.i, before[0] if _coordinated_spans(text, before) else before[-1]
            continue
        subjects = _candidates(text, part)
        if subjects:
            yield token.i, min(subjects, key=lambda span: (abs(span.start - token.i), span.start))



def _candidates(text: Text, part: Span) -> list[Span]:
    """Bodies and units that can be a subject: in the nominative (or accusative, which the
    tagger confuses with it), not after a preposition, not the genitive of a noun («Глава
    Арстанбапского айыл окмоту»), not an abbreviation in brackets after its full name."""
    found = []
    for span in text.within(part, PAYERS):
        case = _case(text, span)
        if case and not case & {"Nom", "Acc"}:
            continue
        if governor(text, span) is not None or _after_noun(text, span) \
                or _bracketed(text, span) or text.index(span) in text.titled:
            continue
        found.append(span)
    return found


def _after_noun(text: Text, span: Span) -> bool:
    """Whether an entity comes right after a common noun (not a descriptor: «селе Учбай»)."""
    doc, i = text.doc, span.start - 1
    if i >= 0 and (doc[i].text in ("«", '"') or key(doc[i].text) in rules().located_in_descriptors):
        return False
    return i >= 0 and text.free(doc[i]) and doc[i].pos_ == "NOUN" and doc[i].text[:1].islower()


def _bracketed(text: Text, span: Span) -> bool:
    doc = text.doc
    return span.start >= 2 and doc[span.start - 1].text == "(" and text.entity(span.start - 2) is not None


def _dative(text: Text, span: Span) -> bool:
    """A dative entity; the tagger often misses it, so adjectival «-ому/-ему» counts too."""
    return "Dat" in _case(text, span) or key(span[0].text).endswith(tuple(rules().clause_dative_endings))


def _coordinated_spans(text: Text, spans: list[Span]) -> bool:
    if len(spans) < 2:
        return False
    last, before = spans[-1], spans[-2]
    between = text.doc[before.end:last.start]
    return len(between) == 1 and between[0].text in ("и", ",")


def _payer_after(text: Text, number: int, r: Rules) -> tuple[Span, Span] | None:
    """«… проект стоимостью 12,6 млн долларов США. Его финансируют Исламский банк развития и
    …»: the payer named by the next sentence, and the two sentences."""
    if number + 1 >= len(text.sentences):
        return None
    sentence, following = text.sentences[number], text.sentences[number + 1]
    if key(following[0].text) not in r.person_possessives or text.within(following, frozenset({"MONEY"})):
        return None
    verbs = [token for token in following if lemma(token) in r.money_payer_verbs and is_verb(token)]
    subjects = _candidates(text, following)
    if not verbs or not subjects:
        return None
    return subjects[0], text.doc[sentence.start:following.end]


def _after_preposition(text: Text, span: Span | Token) -> bool:
    start = span.i if isinstance(span, Token) else span.start
    return start > 0 and text.doc[start - 1].pos_ == "ADP"


def recipient(text: Text, part: Span, sentence: Span, r: Rules) -> Span | None:
    """Who receives: the unit or body whose budget it is («бюджет Сары-Булакского АА»,
    «бюджет города Кант получил»), the subject of «получить», «собрать» … (before or after
    it), a dative after «достаться»; for «бюджет», «доходы» alone, the local body the
    sentence names."""
    receivers = BODIES | ADMIN | {"PER"}
    for token in part:
        word = lemma(token)
        if word in r.money_budget_nouns and text.free(token):
            following = _next_entity(text, token, part, receivers)
            if following is not None and not _after_preposition(text, token):
                return following
        if word in r.money_recipient_verbs and is_verb(token):
            subject = _subject_before(text, token, part, receivers) or _subject_after(
                text, token, part, receivers)
            if subject is not None:
                return subject
        if word in r.money_dative_verbs:
            for span in text.within(part, ADMIN | BODIES):
                if _dative(text, span) and governor(text, span) is None:
                    return span
    if any(lemma(token) in r.money_budget_nouns and text.free(token) for token in part):
        for span in text.within(sentence, frozenset({"INSTITUTION", "AIMAK"})):
            kind = (span._.value or {}).get("kind")
            if span.label_ == "AIMAK" or kind in r.money_recipient_kinds:
                return span
    return None


def _recipient(text: Text, parts: list[Span], part: Span, sentence: Span, r: Rules) -> Span | None:
    """The recipient of the sum's clause, or of the clause before its colon («больше всех
    получил Сокулукский р-н: … – 97,3 млн сомов»)."""
    found = recipient(text, part, sentence, r)
    index = parts.index(part)
    if found is None and index > 0 and parts[index - 1][-1].text == ":":
        found = recipient(text, parts[index - 1], sentence, r)
    return found


def _next_entity(text: Text, token: Token, part: Span, labels: frozenset[str]) -> Span | None:
    """The entity right after a noun, over an adjective or a descriptor («бюджет города Кант»)."""
    i = token.i + 1
    if i < part.end and text.free(text.doc[i]) and text.doc[i].pos_ == "ADJ":
        i += 1
    if i < part.end and key(text.doc[i].text) in rules().located_in_descriptors:
        i += 1
    span = text.entity(i) if i < part.end else None
    return span if span is not None and span.label_ in labels else None


def _subject_before(text: Text, verb: Token, part: Span, labels: frozenset[str]) -> Span | None:
    """The nearest entity before a verb with no other verb between them."""
    doc = text.doc
    for i in range(verb.i - 1, part.start - 1, -1):
        if is_verb(doc[i]):
            return None
        span = text.entity(i)
        if span is not None and span.label_ in labels and not _after_preposition(text, span):
            return span
    return None


def _subject_after(text: Text, verb: Token, part: Span, labels: frozenset[str]) -> Span | None:
    """«больше всех получил Сокулукский р-н»: a nominative entity right after the verb."""
    doc = text.doc
    for i in range(verb.i + 1, min(part.end, verb.i + 4)):
        span = text.entity(i)
        if span is not None:
            case = _case(text, span)
            return span if span.label_ in labels and (not case or "Nom" in case) else None
        if is_verb(doc[i]):
            return None
    return None


def purpose(text: Text, amount: Span, part: Span, r: Rules) -> Slot | None:
    """What the money is for: the subject of «обойтись», «стоить» …; the phrase before «за»,
    «на», «стоимостью» + the sum («ремонт школы за 3,2 млн сомов»); the phrase after «на»
    («на ремонт моста»), after «плата за», or what «на это», «на них» stand for; the genitive
    after «стоимость», «бюджет» («стоимость проекта»); the phrase after «за» following the sum
    («за самовольный забор воды»)."""
    for finder in (_cost_subject, _priced_before, _purpose_after_preposition, _paid_for,
                   _cost_noun, _financed, _after_amount):
        words = finder(text, amount, part, r)
        if words is not None and len(words) and _usable(text, words, r):
            return phrase_slot(words)
    return None


def _usable(text: Text, words: Span, r: Rules) -> bool:
    head = next((t for t in words if t.pos_ in ("NOUN", "PROPN") and text.free(t)), None)
    return head is not None and lemma(head) not in r.money_not_purposes \
        and all(text.free(t) or text.entity(t).label_ == "COUNT" for t in words) \
        and not any(lemma(t) in r.money_not_purposes and t.pos_ in ("DET", "PRON") for t in words)


def _cost_subject(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    """The subject of a verb of cost before the sum: the last nominative noun outside a
    prepositional phrase between the start of the clause (or of «что …») and the verb."""
    doc = text.doc
    verbs = [t for t in part if lemma(t) in r.money_cost_verbs and is_verb(t) and t.i < amount.start]
    if not verbs:
        return None
    verb = verbs[-1]
    start = part.start
    for token in doc[part.start:verb.i]:
        if lemma(token) in r.clause_openers or is_verb(token):
            start = token.i + 1
    nouns = [token for token in doc[start:verb.i]
             if token.pos_ in ("NOUN", "PROPN") and text.free(token) and token.text[:1].isalpha()
             and not _preceded_by_preposition(text, token, part) and not _genitive_after(text, token)]
    if not nouns:
        return None
    named = [token for token in nouns if "Nom" in cases(token)]
    head = named[-1] if named else nouns[0]
    if lemma(head) in r.money_cost_nouns:
        return None
    return noun_phrase(text, head, verb.i, r)


def _financed(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    """«Работы профинансировало Японское агентство …»: what a verb of financing takes."""
    verbs = [t for t in part if lemma(t) in r.money_financed_verbs and is_verb(t)]
    for verb in verbs:
        nouns = [t for t in part if t.pos_ == "NOUN" and text.free(t) and t.i != verb.i
                 and not _preceded_by_preposition(text, t, part) and not _genitive_after(text, t)
                 and t.i < amount.start]
        if nouns:
            head = min(nouns, key=lambda t: abs(t.i - verb.i))
            return noun_phrase(text, head, part.end, r)
    return None


def _genitive_after(text: Text, token: Token) -> bool:
    """A genitive noun that depends on the noun before it («здания» in «ремонт здания»)."""
    doc, i = text.doc, token.i - 1
    while i >= 0 and doc[i].pos_ in ("ADJ", "DET") and text.free(doc[i]):
        i -= 1
    return "Gen" in cases(token) and i >= 0 and doc[i].pos_ == "NOUN" and text.free(doc[i])


def _preceded_by_preposition(text: Text, token: Token, part: Span) -> bool:
    i = token.i - 1
    while i >= part.start and text.doc[i].pos_ in ("ADJ", "DET", "NUM"):
        i -= 1
    return i >= part.start and text.doc[i].pos_ == "ADP"


def _priced_before(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    doc, i = text.doc, amount.start - 1
    while i >= part.start and key(doc[i].text) in r.money_qualifiers:
        i -= 1
    if i < part.start or not (key(doc[i].text) in r.money_price_prepositions
                              or key(doc[i].text) in r.money_cost_modifiers):
        return None
    i -= 1
    if i >= part.start and key(doc[i].text) in r.money_cost_modifiers:
        i -= 1
    head = _phrase_head_before(text, i, part)
    return noun_phrase(text, head, i + 1, r) if head is not None else None


def _phrase_head_before(text: Text, i: int, part: Span) -> Token | None:
    """The head noun of the noun phrase that ends at token ``i``."""
    doc = text.doc
    head = None
    while i >= part.start and text.free(doc[i]) and doc[i].pos_ in ("NOUN", "ADJ", "DET", "NUM"):
        if doc[i].pos_ == "NOUN":
            head = doc[i]
        i -= 1
    return head


def _purpose_after_preposition(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    """«на ремонт моста» nearest to the sum; one that depends on a verb before one that depends
    on a noun («средств на ремонт водопровода … потрачены на покупку автомобиля»), and after a
    noun only a noun of money («Деньги на водопои»); «на это», «на них» stand for a phrase
    before them."""
    found = []
    for token in part:
        if token.pos_ != "ADP" or key(token.text) not in r.money_purpose_prepositions | {"в"}:
            continue
        if key(token.text) == "в" and not _invests(text, token, part, r):
            continue
        before = text.doc[token.i - 1] if token.i > part.start else None
        earlier = text.doc[max(part.start, token.i - 8):token.i - 1]
        if before is not None and key(before.text) == "и" and any(
                key(t.text) in r.money_purpose_prepositions for t in earlier):
            continue  # «на водопои и на новые планы»: the first
        after_noun = before is not None and before.pos_ == "NOUN" and text.free(before)
        if after_noun and lemma(before) not in r.money_funds:
            continue
        words = _phrase_after(text, token, part, r)
        if words is not None and _anaphoric(words, r):
            words = _antecedent(text, words, r)
        if words is not None and _usable(text, words, r):
            found.append((after_noun, abs(words.start - amount.start), words))
    return min(found, key=lambda item: item[:2])[2] if found else None


def _anaphoric(words: Span, r: Rules) -> bool:
    return any(lemma(t) in r.money_anaphors for t in words)


def _antecedent(text: Text, words: Span, r: Rules) -> Span | None:
    """What «на это», «на эти цели», «на них» stand for: the nearest noun phrase before them
    outside a prepositional phrase (for a personal pronoun, one of its number)."""
    doc = text.doc
    pronoun = next((t for t in words if t.pos_ == "PRON"), None)
    number = set(pronoun.morph.get("Number")) if pronoun is not None else set()
    start = text.sentence_start(words.start)
    for i in range(words.start - 2, start - 1, -1):
        token = doc[i]
        if token.pos_ != "NOUN" or not text.free(token) or _preceded_by_preposition(
                text, token, doc[start:words.start]) or _genitive_after(text, token):
            continue
        if number and set(token.morph.get("Number")) and not number & set(token.morph.get("Number")):
            continue
        head = _coordination_start(text, token)
        return noun_phrase(text, head, words.start - 1, r)
    return None


def _coordination_start(text: Text, token: Token) -> Token:
    """«водопровод и газ»: the first of nouns coordinated with this one."""
    doc, head = text.doc, token
    while head.i >= 2 and doc[head.i - 1].text == "и" and doc[head.i - 2].pos_ == "NOUN" \
            and text.free(doc[head.i - 2]) and cases(doc[head.i - 2]) & cases(head):
        head = doc[head.i - 2]
    return head


def _invests(text: Text, preposition: Token, part: Span, r: Rules) -> bool:
    """«вклад … в первую фазу», «вложил в логистический центр»: «в» opens a purpose."""
    return any("в" in r.money_investment_prepositions.get(lemma(t), ()) for t in part
               if t.i < preposition.i)


def _phrase_after(text: Text, preposition: Token, part: Span, r: Rules) -> Span | None:
    """The noun phrase after a preposition, in the accusative (not «на сессии»); a count may
    open it («за пять лет аренды»)."""
    doc, i = text.doc, preposition.i + 1
    count = text.entity(i) if i < part.end else None
    if count is not None and count.label_ == "COUNT" and key(preposition.text) in r.money_after_prepositions:
        words = noun_phrase(text, doc[count.end - 1], part.end, r)
        return doc[count.start:words.end]
    while i < part.end and doc[i].pos_ in ("ADJ", "DET", "NUM") and text.free(doc[i]):
        i += 1
    if i >= part.end or not text.free(doc[i]) or doc[i].pos_ not in ("NOUN", "PROPN", "PRON") \
            or not doc[i].text[:1].isalpha():
        return None
    if cases(doc[i]) and not cases(doc[i]) & {"Acc", "Nom"} and not _plural_as_accusative(doc[i]):
        return None  # «на сессии»: a place, not a purpose
    if doc[i].pos_ == "PRON":
        return doc[preposition.i + 1:i + 1]
    return noun_phrase(text, doc[i], part.end, r)


def _plural_as_accusative(token: Token) -> bool:
    """A plural the tagger calls locative that has no locative ending («на водопои»)."""
    endings = tuple(rules().clause_locative_plural_endings)
    return "Plur" in token.morph.get("Number") and not key(token.text).endswith(endings)


def _paid_for(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    """«Плата за пастбищные билеты»."""
    for token in part:
        if lemma(token) in r.money_payment_nouns and token.i + 1 < part.end \
                and key(text.doc[token.i + 1].text) == "за":
            return _phrase_after(text, text.doc[token.i + 1], part, r)
    return None


def _cost_noun(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    """«стоимость проекта», «общий бюджет проекта», «его бюджет» (→ the subject of the
    sentence)."""
    doc = text.doc
    for token in part:
        if lemma(token) not in r.money_cost_nouns or token.i + 1 >= part.end or _genitive_after(text, token):
            continue
        following = doc[token.i + 1]
        if text.free(following) and _genitive(following):
            return noun_phrase(text, following, part.end, r)
        if token.i > part.start and key(doc[token.i - 1].text) in r.person_possessives:
            return _sentence_subject(text, token, r)
    return None


def _sentence_subject(text: Text, token: Token, r: Rules) -> Span | None:
    """The first noun of the sentence, when nothing before it governs it («Семинар …; его
    бюджет составил …»)."""
    start = text.sentence_start(token.i)
    first = text.doc[start]
    if first.pos_ == "NOUN" and text.free(first) and lemma(first) not in r.person_positions:
        return noun_phrase(text, first, token.i, r)
    return None


def _after_amount(text: Text, amount: Span, part: Span, r: Rules) -> Span | None:
    """«штраф до 5 000 сомов за самовольный забор воды» (not a rate: «12 сомов за кубометр»)."""
    doc = text.doc
    i = amount.end
    if i < part.end and key(doc[i].text) in r.money_after_prepositions:
        words = _phrase_after(text, doc[i], part, r)
        if words is not None and (text.entity(words.start) is not None
                                  or not any(lemma(t) in r.money_rate_units for t in words[:2])):
            return words
    return None


# Quantities


def quantities(text: Text, used: set[int], r: Rules) -> list[Fact]:
    """``quantity`` facts: each COUNT that is not an event's participants (nor an attribute of
    another count: «старше 65 лет»), with its place and date. A count with neither gives a
    fact only when its sentence gives the period it holds for («За четыре месяца … проведено
    более 90 мероприятий»)."""
    facts = []
    for sentence in text.sentences:
        counts = text.within(sentence, frozenset({"COUNT"}))
        parts = text.clauses(sentence, r) if counts else []
        for count in counts:
            if text.index(count) in used or _attribute(text, count, r) or _time_frame(text, count, r):
                continue
            part = clause_of(parts, count)
            place = _count_place(text, count, part, sentence, r)
            date = _count_date(text, count, part, sentence, r)
            if place is None and date is None and not _period(text, count, counts, r):
                continue
            facts.append(fact("quantity", sentence, {
                "count": text.slot(count), "place": _slot(text, place), "date": _slot(text, date)}))
    return facts


def _attribute(text: Text, count: Span, r: Rules) -> bool:
    return count.start > 0 and key(text.doc[count.start - 1].text) in r.quantity_attributes


def _duration(count: Span, r: Rules) -> bool:
    return key(str((count._.value or {}).get("unit", ""))) in r.quantity_time_units


def _count_place(text: Text, count: Span, part: Span, sentence: Span, r: Rules) -> Span | None:
    """Where the counted things are: a unit right after the count, in the genitive or after
    «из» («пяти айыл окмоту Жайылского района», «42 фермера из Кара-Бууринского …»); the
    destination of a distance («до Гульчи около 80 км»); else the place of its clause (of the
    sentence when the clause points back with «там»), but none for a count of origins («из
    семи областей»)."""
    after = _unit_after(text, count, sentence, r)
    if after is not None:
        return after
    if _preposition_before(text, count[0]) in r.quantity_origin:
        return None
    destination = _destination(text, count, sentence)
    if destination is not None:
        return destination
    place = choose_place(text, text.within(part, PLACES), r, near=count.start, strict=False)
    if place is None and text.find(part, r.quantity_place_anaphors):
        place = choose_place(text, text.within(sentence, PLACES), r, near=count.start, strict=False)
    if place is None:
        before = text.doc[sentence.start:part.start]
        if len(before) and before[-1].text == ":":  # «в Первомайском районе …: поставить 45 …»
            place = choose_place(text, text.within(before, PLACES), r, strict=False)
    return place


def _unit_after(text: Text, count: Span, sentence: Span, r: Rules) -> Span | None:
    doc, i = text.doc, count.end
    if i < sentence.end and key(doc[i].text) in r.quantity_origin:
        i += 1
        if i < sentence.end and key(doc[i].text) in r.located_in_descriptors:
            i += 1
    after = text.entity(i) if i < sentence.end else None
    if after is not None and after.label_ in PLACES:
        return first_of_coordination(text, after)
    return None


def _count_date(text: Text, count: Span, part: Span, sentence: Span, r: Rules) -> Span | None:
    """The date of the count's clause (or of the clauses before it joined by a comma), not one
    compared with («чем в 2019 году») nor across «где», «который»; a duration («за три года»)
    and a count of origins («из семи областей») take none."""
    if _duration(count, r) or _preposition_before(text, count[0]) in r.quantity_origin:
        return None
    doc = text.doc
    dates = [span for span in text.within(part, frozenset({"DATE"}))
             if not _compared(text, span, r) and not _relative_between(doc, span, count, r)]
    if dates:
        return min(dates, key=lambda span: abs(span.start - count.start))
    dates = [span for span in text.within(_joined(text, part, sentence), frozenset({"DATE"}))
             if not _compared(text, span, r)]
    return min(dates, key=lambda span: abs(span.start - count.start)) if dates else None


def _joined(text: Text, part: Span, sentence: Span) -> Span:
    """The clauses around ``part`` up to a «;»."""
    doc = text.doc
    start = next((t.i + 1 for t in reversed(doc[sentence.start:part.start]) if t.text == ";"),
                 sentence.start)
    end = next((t.i for t in doc[part.end:sentence.end] if t.text == ";"), sentence.end)
    return doc[start:end]


def _relative_between(doc: Doc, span: Span, count: Span, r: Rules) -> bool:
    """Whether one of a date and a count is in a relative clause («…, где живут около 11 тыс.
    человек») that the other is not in."""
    return _relative_clause(doc, span.start, r) != _relative_clause(doc, count.start, r)


def _relative_clause(doc: Doc, i: int, r: Rules) -> int | None:
    """The comma that opens the relative clause token ``i`` is in, if any."""
    for j in range(i - 1, -1, -1):
        if doc[j].text in (",", ".", ";", ":", "!", "?"):
            following = doc[j + 1:j + 3]
            is_relative = doc[j].text == "," and any(lemma(t) in r.clause_relatives for t in following)
            return j if is_relative else None
    return None


def _destination(text: Text, count: Span, sentence: Span) -> Span | None:
    """«до Гульчи около 80 км», «до ближайшей больницы в Каныш-Кые около 40 км»."""
    doc = text.doc
    for i in range(count.start - 1, max(sentence.start, count.start - 8) - 1, -1):
        if key(doc[i].text) == "до":
            for span in text.within(doc[i + 1:count.start], PLACES):
                return span
    return None


def _period(text: Text, count: Span, counts: list[Span], r: Rules) -> bool:
    """Whether another count of the sentence is the period it holds for («за четыре месяца»)."""
    return any(other is not count and _after(text, other, r.quantity_period) and _duration(other, r)
               for other in counts)


def _time_frame(text: Text, count: Span, r: Rules) -> bool:
    """A duration that only places the sentence in time, no quantity itself: after «через»
    («через два дня»), or a bare time noun after «за» («за год»)."""
    return _duration(count, r) and (_after(text, count, r.quantity_shift)
                                    or len(count) == 1 and _after(text, count, r.quantity_period))


def _after(text: Text, count: Span, words: frozenset[str]) -> bool:
    return count.start > 0 and text.lowers[count.start - 1] in words


# Placements of admin units


def placements(text: Text, r: Rules) -> list[Fact]:
    """``located_in`` facts: a unit followed by its parent in the genitive or in brackets
    («Ивановского а/а Ысык-Атинского района», «Барскоонский АА (Жети-Огузский р-н)»), units
    listed after their parent («в Кулатовском АА, в селе Коджо-Арык», «Чүй облусу, Ысык-Ата
    району», «…аймака: Торт-Куле, Темир-Канате и Туура-Суу»), and statements of membership
    («входит в», «вошли в состав», «центр которого — Сокулук», «его центр — село Талас»,
    «включая поселок Чон-Арык»)."""
    facts: list[Fact] = []
    seen: set[tuple[int, int]] = set()
    for number, sentence in enumerate(text.sentences):
        units = text.within(sentence, ADMIN)
        pairs = [*_adjacent_parents(text, units, sentence, r), *_listed_children(text, units, r),
                 *_memberships(text, units, sentence, r), *_centres(text, units, sentence, number, r)]
        for unit, parent, span in pairs:
            pair = (text.index(unit), text.index(parent))
            if pair in seen or unit is parent:
                continue
            seen.add(pair)
            facts.append(fact("located_in", span or sentence, {
                "unit": text.slot(unit), "parent": _parent_slot(text, unit, parent)}))
    return facts


Placement = tuple[Span, Span, Span | None]  # unit, parent, the sentences when not one


def _parent_slot(text: Text, unit: Span, parent: Span) -> Slot:
    slot = text.slot(parent)
    return Slot(slot.text, slot.start, slot.end, slot.entity, slot.normal, slot.kb_id,
                {"consistent": consistent(unit, parent)})


def consistent(unit: Span, parent: Span) -> bool | None:
    """Whether the gazetteer has the unit under the parent (None: one of them is not linked)."""
    if not unit.kb_id_ or not parent.kb_id_:
        return None
    return parent.kb_id_ in {ancestor.code for ancestor in load_gazetteer().ancestors(unit.kb_id_)}


def level(span: Span) -> int:
    """OBLAST 3, RAION 2, AIMAK 1, SETTLEMENT 0 (Bishkek and Osh 3: they hold districts)."""
    if span.label_ == "SETTLEMENT" and span.kb_id_:
        unit = load_gazetteer().get(span.kb_id_)
        if unit is not None and unit.type in CITY_REGIONS:
            return 3
    return LEVEL[span.label_]


def _groups(text: Text, units: list[Span]) -> list[list[Span]]:
    """Units in runs of coordination («Ак-Суйском и Тонском районах»)."""
    groups: list[list[Span]] = []
    for span in units:
        if groups:
            last = groups[-1][-1]
            between = text.doc[last.end:span.start]
            if len(between) == 1 and between[0].text in (",", "и") and last.label_ == span.label_:
                groups[-1].append(span)
                continue
        groups.append([span])
    return groups


def _adjacent_parents(text: Text, units: list[Span], sentence: Span,
                      r: Rules) -> Iterator[Placement]:
    """A group of units and the unit right after it (over adjectives like «соседнего»), in the
    genitive or in brackets, of a higher level: «Ак-Суйском и Тонском районах Ысык-Кульской
    области», «Ивановский АА (Чуйская область)»."""
    doc = text.doc
    groups = _groups(text, units)
    for group, following in zip(groups, groups[1:]):
        parent = following[0]
        between = doc[group[-1].end:parent.start]
        bracket = [t.text for t in between] == ["("] and parent.end < sentence.end \
            and doc[parent.end].text == ")"
        if not (bracket or all(t.pos_ == "ADJ" and text.free(t) for t in between)) or len(between) > 2:
            continue
        if level(parent) <= max(level(unit) for unit in group):
            continue
        if bracket or _genitive_unit(parent, r) or consistent(group[0], parent):
            for unit in group:
                yield unit, parent, None


def _genitive_unit(span: Span, r: Rules) -> bool:
    """A parent after its unit: in the genitive by the tagger, by a genitive ending or
    descriptor («Кегартского АА», «Тюпского р-на»), or a Kyrgyz name («Ысык-Ата району»)."""
    words = [key(t.text) for t in span]
    endings = tuple(r.located_in_genitive_endings)
    return any("Gen" in cases(t) for t in span) or any(
        word.endswith(endings) or word in r.located_in_genitive_words for word in words)


def _listed_children(text: Text, units: list[Span], r: Rules) -> Iterator[Placement]:
    """A unit and, after «в», a descriptor, «есть», one noun, a comma or a colon, units of a
    lower level: «в Кулатовском АА, в селе Коджо-Арык», «В Баетовском айылном аймаке пункт в
    селе Баетово», «в Таласской области есть Манасский район», «Чүй облусу, Ысык-Ата району»,
    «Торт-Кульского айылного аймака: Торт-Куле, Темир-Канате и Туура-Суу»."""
    doc = text.doc
    groups = _groups(text, units)
    for number, group in enumerate(groups[:-1]):
        if len(group) > 1:
            continue
        parent, following = group[0], groups[number + 1]
        between = doc[parent.end:following[0].start]
        if not _listing(text, between, r) or any(level(child) >= level(parent) for child in following):
            continue
        words = [key(t.text) for t in between]
        locative = governor(text, parent) in ("в", "во")
        if (words == [":"] and len(following) > 1) or (
                locative and ":" not in words and set(words) & {"в", "во", "есть"}) or (
                words == [","] and consistent(following[0], parent) is True and not locative):
            for child in following:
                yield child, parent, None


def _listing(text: Text, between: Span, r: Rules) -> bool:
    linking = {",", "в", "во", "есть", ":"} | DASHES | r.located_in_descriptors
    nouns = [t for t in between if key(t.text) not in linking]
    return 0 < len(between) <= 4 and len(nouns) <= 1 and all(
        t.pos_ == "NOUN" and text.free(t) and t.text[:1].islower() for t in nouns)


def _memberships(text: Text, units: list[Span], sentence: Span,
                 r: Rules) -> Iterator[Placement]:
    """«жилмассив Чон-Арык, который входит в Ленинский район», «…аймаки … вошли в состав
    г. Ош», «в Ленинском и Гавриловке, входящих в Ленинский айылный аймак», «находится не в
    Ак-Талинском районе, а в Ат-Башынском», «город Исфана в Лейлекском районе», «включая
    поселок Чон-Арык»."""
    doc = text.doc
    if len(units) < 2:
        return
    starts = _first_words(r.located_in_membership) | _first_words(r.located_in_including)
    for token in text.find(sentence, starts):
        after = _membership_at(doc, token, sentence, r)
        if after is not None:
            parent = _parent_after(text, after, sentence)
            if parent is not None:
                for child in _children_before(text, token, sentence):
                    if level(child) < level(parent) or (
                            parent.label_ == "SETTLEMENT" and child.label_ in ("AIMAK", "SETTLEMENT")):
                        yield child, parent, None
        if is_word(token, _first_words(r.located_in_including)) and any(
                _phrase_at(doc, token.i, words) for words in r.located_in_including):
            children = [span for span in units if span.start > token.i][:1]
            parents = [span for span in units if span.end <= token.i]
            for child in children:
                higher = [span for span in parents if level(span) > level(child)]
                if higher and child.start - token.i <= 3:
                    yield child, higher[-1], None
    for unit, following in zip(units, units[1:]):
        between = [key(t.text) for t in doc[unit.end:following.start]]
        if between == ["в"] and unit.label_ == "SETTLEMENT" and level(following) > level(unit) \
                and governor(text, unit) is None:
            yield unit, following, None


def _phrase_at(doc: Doc, i: int, words: tuple[str, ...]) -> bool:
    return 0 <= i and i + len(words) <= len(doc) and all(
        key(doc[i + k].text) == word or lemma(doc[i + k]) == word for k, word in enumerate(words))


@cache
def _last_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(phrase[-1] for phrase in phrases)


@cache
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(phrase[0] for phrase in phrases)


def _membership_at(doc: Doc, token: Token, sentence: Span, r: Rules) -> int | None:
    """The index after a membership phrase that starts at ``token`` («входит в», «находится
    вовсе не в», «остается в составе»), or None; adverbs and «не» may stand in it."""
    if not is_word(token, _first_words(r.located_in_membership)):
        return None
    for words in sorted(r.located_in_membership, key=len, reverse=True):
        if not (key(token.text) == words[0] or lemma(token) == words[0]):
            continue
        i = token.i + 1
        while i < sentence.end and doc[i].pos_ in ("ADV", "PART") and i - token.i <= 3:
            i += 1
        rest = words[1:]
        if i + len(rest) <= sentence.end and _phrase_at(doc, i, rest):
            negated = any(key(t.text) == "не" for t in doc[token.i:i])
            return -(i + len(rest)) if negated else i + len(rest)
    return None


def _parent_after(text: Text, i: int, sentence: Span) -> Span | None:
    """The unit after a membership phrase (``i`` negative: after «не в X, а в Y», Y)."""
    doc = text.doc
    negated, i = i < 0, abs(i)
    if negated:
        i -= 1  # the unit right after «не в» is the one denied
    while i < sentence.end:
        span = text.entity(i)
        if span is not None and span.label_ in ADMIN:
            if not negated:
                return span
            negated, i = False, span.end
            continue
        if span is not None or is_verb(doc[i]) or doc[i].text in PUNCT_BREAKS:
            return None
        i += 1
    return None


def _children_before(text: Text, token: Token, sentence: Span) -> list[Span]:
    """The units a membership phrase speaks of: those before «который» when there is one, else
    the head of the chain of units nearest before the phrase («Кызыл-Кыштакский и Телейкенский
    айылные аймаки Кара-Сууского района Ошской обл. вошли …»), not the genitive of a noun
    («Часть аймаков Аламудунского района вошла …»)."""
    doc = text.doc
    which = [t for t in doc[sentence.start:token.i] if lemma(t) == "который"]
    end = which[-1].i if which else token.i
    units = text.within(doc[sentence.start:end], ADMIN)
    if not units:
        return []
    groups = _groups(text, units)
    chain = [groups[-1]]
    for group in reversed(groups[:-1]):  # walk back over a chain of genitive parents
        if group[-1].end == chain[0][0].start and level(group[0]) < level(chain[0][0]):
            chain.insert(0, group)
        else:
            break
    head = chain[0]
    if _after_noun(text, head[0]) and _genitive_unit(head[0], rules()):
        return []
    if not which and not _only_commas(doc[chain[-1][-1].end:token.i]):
        return []  # the units must stand right before the phrase
    return head


def _only_commas(words: Span) -> bool:
    return all(t.text == "," or t.pos_ in ("ADV", "PART") for t in words)


def _centres(text: Text, units: list[Span], sentence: Span, number: int,
             r: Rules) -> Iterator[Placement]:
    """«Х, (административный) центр Y-ского района»; «Y, центр которого (тоже называется) X»;
    «его центр — село X», «в его центре, селе X» (Y: the unit before, in this sentence or the
    one before); «Y … с центром в селе X»."""
    doc = text.doc
    for token in text.find(sentence, r.located_in_centre):
        after = [span for span in units if span.start > token.i]
        before = [span for span in units if span.end <= token.i]
        left = [key(t.text) for t in doc[max(sentence.start, token.i - 2):token.i]]
        right = [key(t.text) for t in doc[token.i + 1:token.i + 2]]
        if after and after[0].start == token.i + 1 and before and before[-1].label_ == "SETTLEMENT" \
                and "," in left and before[-1].end >= token.i - 2:
            yield before[-1], after[0], None  # «Исфана, административный центр Лейлекского района»
            continue
        child = next((span for span in after if span.label_ == "SETTLEMENT"), None)
        if child is None or child.start - token.i > 6:
            continue
        if set(left) & r.located_in_centre_levels.keys() and right and right[0] in DASHES:
            label = r.located_in_centre_levels[next(iter(set(left) & r.located_in_centre_levels.keys()))]
            parents = [span for span in before if span.label_ == label and consistent(child, span)]
            if parents:  # «районный центр — город Кара-Суу»
                yield child, parents[-1], None
            continue
        if not (set(left) & (r.person_possessives | {"с"}) or right == ["которого"]):
            continue
        parent, span = _centre_parent(text, child, before, left, sentence, number)
        if parent is not None:
            yield child, parent, span


def _centre_parent(text: Text, child: Span, before: list[Span], left: list[str],
                   sentence: Span, number: int) -> tuple[Span | None, Span | None]:
    """The unit whose centre a settlement is: one the gazetteer has above it (the lowest),
    else the last aimak, else the last unit above it; for «его центр» at the start of a
    sentence, the last such unit of the sentence before."""
    above = [span for span in before if level(span) > level(child)]
    if not above and number > 0 and set(left) & {"его", "ее"}:
        previous = text.sentences[number - 1]
        above = [span for span in text.within(previous, ADMIN) if level(span) > level(child)]
        sentence = text.doc[previous.start:sentence.end]
    else:
        sentence = None
    linked = sorted((span for span in above if consistent(child, span)), key=level)
    aimaks = [span for span in above if span.label_ == "AIMAK"]
    parent = linked[0] if linked else aimaks[-1] if aimaks else above[-1] if above else None
    return parent, sentence


# The component


def extract(doc: Doc) -> list[Fact]:
    """All facts of a document, in text order."""
    r = rules()
    text = Text(doc)
    roles = person_roles(text, r)
    event_facts = events(text, r)
    used = {index for f in event_facts if "participants" in f.slots
            for index in _with_coordinated(text, f.slots["participants"].entity, r)}
    found = [*event_facts, *roles, *money_flows(text, r), *quantities(text, used, r),
             *placements(text, r)]
    return sorted(found, key=_order)


def _with_coordinated(text: Text, index: int, r: Rules) -> list[int]:
    """The participants count and the counts of people joined to it by «и» («27 руководителей
    … и девять секретарей …»)."""
    found, span = [index], text.ents[index]
    for other in text.ents[index + 1:index + 4]:
        between = [key(t.text) for t in text.doc[span.end:other.start]]
        unit = key(str((other._.value or {}).get("unit", "")))
        if other.label_ == "COUNT" and unit in r.event_people and "и" in between and len(between) <= 6 \
                and not any(w in PUNCT_BREAKS | {"."} for w in between):
            found.append(text.index(other))
            break
    return found


def _order(item: Fact) -> tuple[int, int, int]:
    first = min((slot.start for slot in item.slots.values()), default=item.start)
    return item.start, TYPES.index(item.type), first


class FactExtractor(DocComponent):
    """Sets ``doc._.facts``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.facts = extract(doc)
        return doc


@Language.factory("munitext_facts")
def make_fact_extractor(nlp: Language, name: str) -> FactExtractor:
    return FactExtractor()

