"""Heavy models, loaded once per process on first use and never pickled."""

from __future__ import annotations

from functools import cache

import pymorphy3
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger

from .fastconv import speed_up


@cache
def embedding() -> NewsEmbedding:
    return NewsEmbedding()


MORPH_BATCH = 32  # sentences per forward pass (they come sorted by length, so little padding)
NER_BATCH = 16  # sentence groups of up to 1000 words per forward pass


def _batched(model, size: int):
    """slovnet's models default to 8 sequences a pass; larger passes are much faster on CPU."""
    model.batch_size = model.infer.encoder.batch_size = size
    return model


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
