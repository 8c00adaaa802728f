"""Builds munitext's spaCy ``Language``: razdel tokenizer, then the munitext components."""

from __future__ import annotations

import spacy
from spacy.language import Language

from . import extensions, facts, morph, topics  # noqa: F401  (they register their components)
from .entities import (  # noqa: F401  (register their factories)
    counts,
    dates,
    institutions,
    money,
    ner,
    organizations,
    relative,
    resolve,
    territory,
)
from .text import TOKENIZER

COMPONENTS = ("munitext_morph", "munitext_lemmatizer", "munitext_ner", "munitext_organizations",
              "munitext_territory", "munitext_dates", "munitext_relative_dates", "munitext_institutions",
              "munitext_counts", "munitext_money", "munitext_resolver", "munitext_facts", "munitext_topics")
PIPE_BATCH = 32  # documents nlp.pipe hands each component at a time: within text.per_doc's cache
MAX_LENGTH = 2_000_000  # characters; spaCy refuses longer documents with a clear error


def load(disable: tuple[str, ...] = ()) -> Language:
    """A ready pipeline. ``disable`` leaves out components by name (e.g. ``("munitext_ner",)``)."""
    extensions.register()
    nlp = spacy.blank("ru", config=TOKENIZER)  # razdel's from the start: spaCy's own takes ~0.3 s to build
    nlp.batch_size = PIPE_BATCH
    nlp.max_length = MAX_LENGTH
    for name in COMPONENTS:
        if name not in disable:
            nlp.add_pipe(name)
    return nlp
