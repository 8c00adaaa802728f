"""Run the pipeline over documents in batches, in this process or in worker processes.

One bad document never stops the rest: a batch that fails is redone document by
document, and the failing one comes out with ``error`` set.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..io import InputDocument
from ..records import document_record
from ..text import words_of

TokenRow = tuple[int, int, int, int, str, str, str, str]


@dataclass(frozen=True, slots=True)
class Processed:
    """A document's output record and, when asked for, its token rows."""

    record: dict[str, Any]
    n_tokens: int
    tokens: list[TokenRow] | None = None


_nlp: Language | None = None


def _pipeline() -> Language:
    global _nlp
    if _nlp is None:
        from .. import resources
        from ..pipeline import load

        _nlp = load()
        resources.load_all()
        gc.freeze()  # all this lives as long as the process: the collector need not walk it again
    return _nlp


def token_rows(doc: Doc) -> list[TokenRow]:
    """(sentence, i, start, end, text, lemma, pos, morph) for each non-space token."""
    rows = []
    for number, sentence in enumerate(doc.sents):
        for token in sentence:
            if not token.is_space:
                rows.append((number, token.i, token.idx, token.idx + len(token.text), token.text,
                             token.lemma_, token.pos_, str(token.morph)))
    return rows


def _processed(document: InputDocument, doc: Doc | None, error: str | None,
               with_tokens: bool) -> Processed:
    record = document_record(document.id, doc, document.meta, error)
    n_tokens = len(words_of(doc)) if doc is not None else 0
    tokens = (token_rows(doc) if doc is not None else []) if with_tokens else None
    return Processed(record, n_tokens, tokens)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def make_doc(nlp: Language, document: InputDocument) -> Doc:
    """The tokenized document with its meta (``doc._.meta``: e.g. the publication date)."""
    doc = nlp.make_doc(document.text)
    doc._.meta = document.meta
    return doc


def process_batch(batch: list[InputDocument], with_tokens: bool = False) -> list[Processed]:
    """Annotate a batch; documents that fail carry their error and nothing else is lost."""
    nlp = _pipeline()
    readable = [document for document in batch if document.error is None]
    try:
        docs = dict(zip((id(d) for d in readable), nlp.pipe(make_doc(nlp, d) for d in readable)))
    except Exception:  # redo one by one, to find the document that fails
        docs = {}
    results = []
    for document in batch:
        doc, error = docs.get(id(document)), document.error
        if doc is None and error is None:
            try:
                doc = nlp(make_doc(nlp, document))
            except Exception as failure:  # one bad document must not stop the batch
                error = _describe(failure)
        results.append(_processed(document, doc, error, with_tokens))
    return results


def _batches(documents: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def run(documents: Iterable[InputDocument], workers: int = 1, batch_size: int = 32,
        with_tokens: bool = False) -> Iterator[Processed]:
    """Annotate documents in input order with ``workers`` processes (1: this process)."""
    batches = _batches(documents, batch_size)
    if workers <= 1:
        for batch in batches:
            yield from process_batch(batch, with_tokens)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for results in pool.imap(_process_batch_args, ((b, with_tokens) for b in batches)):
            yield from results


def _process_batch_args(args: tuple[list[InputDocument], bool]) -> list[Processed]:
    return process_batch(*args)
