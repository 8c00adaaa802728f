"""Heavy models, loaded once per process on first use and never pickled."""

from __future__ import annotations

from functools import cache

import pymorphy3
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger


@cache
def embedding() -> NewsEmbedding:
    return NewsEmbedding()


@cache
def morph_tagger() -> NewsMorphTagger:
    return NewsMorphTagger(embedding())


@cache
def ner_tagger() -> NewsNERTagger:
    return NewsNERTagger(embedding())


@cache
def morph_analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()
