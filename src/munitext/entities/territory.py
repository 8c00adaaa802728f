"""The admin-unit component: find mentions, link them, write spans and the document's regions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..component import DocComponent
from ..extensions import add_spans
from ..gazetteer import Gazetteer
from ..gazetteer import load as load_gazetteer
from .admin import Mention, find_mentions
from .link import link, regions
from .normal import nominative_name

DESCRIPTOR_NAMES = {"OBLAST": ("femn", "{} область"), "RAION": ("masc", "{} район"),
                    "AIMAK": ("masc", "{} айылный аймак"), "SETTLEMENT": ("masc", "{}")}


def _normal(mention: Mention, code: str, text: str, words: list[Token], gazetteer: Gazetteer) -> str:
    """The gazetteer's name of the linked unit, or the name all candidates share, or — for a
    unit the gazetteer lacks — the name in the nominative with its descriptor written out."""
    if code:
        return gazetteer[code].name
    names = {unit.name for unit in mention.units}
    if len(names) == 1:
        return names.pop()
    if mention.name is not None:
        gender, template = DESCRIPTOR_NAMES[mention.label]
        name = " ".join(nominative_name(word, gender) for word in words[slice(*mention.name)])
        return template.format(name)
    return text


class TerritoryRecognizer(DocComponent):
    """Adds OBLAST, RAION, AIMAK and SETTLEMENT spans with SOATE codes; sets ``doc._.regions``."""

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = load_gazetteer()
        words, mentions = find_mentions(doc)
        codes = link(mentions, words, gazetteer)
        spans = []
        for mention, code in zip(mentions, codes):
            span = Span(doc, words[mention.start].i, words[mention.end - 1].i + 1,
                        label=mention.label, kb_id=code)
            span._.normal = _normal(mention, code, span.text, words, gazetteer)
            span._.candidates = tuple(unit.code for unit in mention.units)
            spans.append(span)
        add_spans(doc, spans)
        doc._.regions = regions(codes, gazetteer)
        return doc


@Language.factory("munitext_territory")
def make_territory_recognizer(nlp: Language, name: str) -> TerritoryRecognizer:
    return TerritoryRecognizer()
