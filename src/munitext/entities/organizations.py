"""Organisations that are not Kyrgyz public authorities (ORG), from a lexicon and two rules.

- Donors, international organisations, NGOs (``data/organizations.json``) in any case:
  «Хельветасом» is an organisation even where natasha saw a person.
- A foreign government body: a head word followed by a foreign place, «Правительства
  Швейцарии», is one ORG (natasha splits it into ORG + LOC).
- A common noun natasha took for an organisation («Облгосадминистрация») is dropped.
Spans natasha found that these overrule are removed from ``doc.spans["munitext"]`` (the
place inside a foreign body stays: it is still a place).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..component import DocComponent
from ..datafiles import read_json
from ..extensions import NER_LABELS, SPAN_KEY
from ..gazetteer import COUNTRY_KEYS
from ..gazetteer import load as load_gazetteer
from ..matcher import KeyMatcher
from ..spelling import keys_of, name_key, word_key
from ..text import text_of, words_of
from .normal import normal_form


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    upper: bool  # an abbreviation: only as written in capitals or Latin letters


class OrganizationLexicon:
    """The matcher and word lists of ``data/organizations.json``, built once per process."""

    def __init__(self, data: dict):
        phrases = []
        for entry in data["organizations"]:
            for field, upper in (("words", False), ("abbreviations", True)):
                for words in entry.get(field, []):
                    phrases.append((name_key(words), Organization(entry["name"], upper)))
        self.names = KeyMatcher(phrases)
        self.foreign_heads = KeyMatcher((name_key(words), words) for words in data["foreign_heads"])
        self.not_names = frozenset(name_key(words) for words in data["not_names"])


@cache
def lexicon() -> OrganizationLexicon:
    return OrganizationLexicon(read_json("organizations.json"))


def _written_as_abbreviation(text: str) -> bool:
    return text.isupper() or text.isascii()


class OrganizationRecognizer(DocComponent):
    """Adds lexicon and foreign-body ORG spans; removes natasha's spans they overrule."""

    def __call__(self, doc: Doc) -> Doc:
        words = words_of(doc)
        keys = keys_of(doc)
        spans = list(doc.spans.get(SPAN_KEY, []))
        found = []
        full_text = text_of(doc)
        for match in lexicon().names.matches(keys):
            first, last = words[match.start], words[match.end - 1]
            text = full_text[first.idx : last.idx + len(last)]
            for organization in match.values:
                if organization.upper and not _written_as_abbreviation(text):
                    continue
                span = Span(doc, first.i, last.i + 1, label="ORG")
                span._.normal = text if organization.upper else organization.name
                found.append(span)
                break
        foreign = self._foreign_bodies(doc, words, keys, spans)
        overruled = {(s.start, s.end, s.label_) for s in spans if s.label_ in NER_LABELS and (
            any(s.start < f.end and f.start < s.end for f in found)
            or any(s.label_ != "LOC" and s.start < f.end and f.start < s.end for f in foreign)
            or name_key(s.text) in lexicon().not_names)}
        kept = [s for s in spans if (s.start, s.end, s.label_) not in overruled]
        doc.spans[SPAN_KEY] = kept + found + foreign
        return doc

    @staticmethod
    def _foreign_bodies(doc: Doc, words: list, keys: list[str], spans: list[Span]) -> list[Span]:
        places = {span.start: span for span in spans if span.label_ == "LOC"}
        found = []
        for match in lexicon().foreign_heads.matches(keys):
            if not words[match.start].text[:1].isupper() or match.end >= len(words):
                continue
            place = places.get(words[match.end].i)
            if place is None or word_key(place[0].text) in COUNTRY_KEYS or \
                    load_gazetteer().lookup(place.text):
                continue  # «мэрия Бишкека» is Kyrgyz: the institution recognizer's business
            span = Span(doc, words[match.start].i, place.end, label="ORG")
            span._.normal = normal_form(span)
            found.append(span)
        return found


@Language.factory("munitext_organizations")
def make_organization_recognizer(nlp: Language, name: str) -> OrganizationRecognizer:
    return OrganizationRecognizer()
