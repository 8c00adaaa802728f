"""natasha's slovnet NER (PER, LOC, ORG) as a spaCy component, with normal forms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from slovnet.bio import bio_spans
from slovnet.token import Token as IndexToken
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from .. import resources as models
from ..extensions import add_spans
from ..morph import word_sequences
from .normal import normal_form

MAX_SEQUENCE = 1000  # tokens per NER input: whole sentences, as many as fit


def sentence_groups(doc: Doc, limit: int = MAX_SEQUENCE) -> Iterator[list[Token]]:
    """Runs of whole sentences of at most ``limit`` words (a longer sentence is cut)."""
    group: list[Token] = []
    for sentence in word_sequences(doc, limit):
        if group and len(group) + len(sentence) > limit:
            yield group
            group = []
        group.extend(sentence)
    if group:
        yield group


class NerTagger:
    """Adds natasha's PER, LOC and ORG to ``doc.spans["munitext"]``, with ``span._.normal``."""

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        self._tag([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size or self.batch_size):
            self._tag(batch)
            yield from batch

    def _tag(self, docs: list[Doc]) -> None:
        groups = [(doc, group) for doc in docs for group in sentence_groups(doc)]
        texts = [[token.text for token in group] for _, group in groups]
        tags = models.predict(models.ner_tagger(), texts)
        found: dict[int, list[Span]] = {id(doc): [] for doc in docs}
        for (doc, group), words, group_tags in zip(groups, texts, tags):
            positions = [IndexToken(k, k + 1, word) for k, word in enumerate(words)]
            for span in bio_spans(positions, group_tags):
                entity = Span(doc, group[span.start].i, group[span.stop - 1].i + 1,
                              label=span.type)
                entity._.normal = normal_form(entity)
                found[id(doc)].append(entity)
        for doc in docs:
            add_spans(doc, found[id(doc)])


@Language.factory("munitext_ner", default_config={"batch_size": 16})
def make_ner_tagger(nlp: Language, name: str, batch_size: int) -> NerTagger:
    return NerTagger(batch_size=batch_size)
