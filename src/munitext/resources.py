"""Heavy models, loaded once per process on first use and never pickled."""

from __future__ import annotations

from functools import cache

import pymorphy3
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger
from slovnet.exec.encoders import TagEncoder

from .fastconv import speed_up


@cache
def embedding() -> NewsEmbedding:
    return NewsEmbedding()


MORPH_BATCH = 32  # sentences per forward pass (they come sorted by length, so little padding)
NER_BATCH = 16  # sentence groups of up to 1000 words per forward pass
KNOWN_WORDS = 200_000  # words whose ids an encoder keeps


class WordIds(TagEncoder):
    """slovnet's encoder of words as (word id, shape id) that keeps the ids of the words it has
    seen: a word's shape is worked out once, not each time it comes back (the same numbers)."""

    def item(self, words: list[str]) -> tuple[list[int], list[int]]:
        known = self.__dict__.setdefault("known", {})
        if len(known) > KNOWN_WORDS:
            known.clear()
        for word in words:
            if word not in known:
                word_ids, shape_ids = TagEncoder.item(self, [word])
                known[word] = word_ids[0], shape_ids[0]
        return [known[word][0] for word in words], [known[word][1] for word in words]


def _batched(model, size: int):
    """slovnet's models default to 8 sequences a pass; larger passes are much faster on CPU."""
    model.batch_size = model.infer.encoder.batch_size = size
    model.infer.encoder.__class__ = WordIds
    return model


def predict(model, sequences: list[list[str]]) -> list[list[str]]:
    """A slovnet model's tags («NOUN|Case=Nom|…», «B-PER») for each word sequence. The sequences
    go through it sorted by length, so that a batch pads little."""
    infer = model.infer
    order = sorted(range(len(sequences)), key=lambda k: len(sequences[k]))
    tags: list[list[str]] = [[] for _ in sequences]
    predicted = infer.decoder(infer.process(infer.encoder([sequences[k] for k in order])))
    for k, sequence_tags in zip(order, predicted):
        tags[k] = sequence_tags
    return tags


@cache
def morph_tagger() -> NewsMorphTagger:
    return _batched(NewsMorphTagger(embedding()), MORPH_BATCH)


@cache
def ner_tagger() -> NewsNERTagger:
    tagger = _batched(NewsNERTagger(embedding()), NER_BATCH)
    speed_up(tagger.infer.model)  # long whole-document sequences: the copy-free convolution wins
    return tagger


@cache
def morph_analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def load_all() -> None:
    """Load every model now rather than on first use."""
    morph_tagger()
    ner_tagger()
    morph_analyzer()
