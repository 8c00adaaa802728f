"""The base of munitext's per-document spaCy components."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc


class DocComponent:
    """A component that handles one document at a time: ``pipe`` calls it on each."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)
