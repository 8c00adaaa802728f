"""Documents, tokens and entities as pandas DataFrames with fixed schemas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd

from .engines import local
from .gazetteer import load as load_gazetteer
from .io import InputDocument

DOCUMENT_SCHEMA = {
    "doc_id": "string", "n_chars": "int64", "n_tokens": "int64", "n_sentences": "int64",
    "n_entities": "int64", "regions": "object", "topics": "object", "meta": "object",
    "error": "string",
}
TOKEN_SCHEMA = {
    "doc_id": "string", "sentence": "int32", "i": "int32", "start": "int64", "end": "int64",
    "text": "string", "lemma": "string", "pos": "string", "morph": "string",
}
ENTITY_SCHEMA = {
    "doc_id": "string", "start": "int64", "end": "int64", "label": "string", "text": "string",
    "normal": "string", "kb_id": "string", "oblast": "string", "raion": "string", "value": "object",
}
# one row per slot of a fact: ``fact`` numbers the facts of a document (several share a sentence),
# ``start``/``end`` are the fact's (its sentence), ``slot_start``/``slot_end`` the slot's text
FACT_SCHEMA = {
    "doc_id": "string", "fact": "int32", "type": "string", "start": "int64", "end": "int64",
    "slot": "string", "text": "string", "slot_start": "int64", "slot_end": "int64",
    "entity": "Int64", "normal": "string", "kb_id": "string", "value": "object",
}


@lru_cache(maxsize=10_000)
def placement(code: str) -> tuple[str | None, str | None]:
    """(oblast, raion) names of a linked unit; Bishkek and Osh stand as their own oblast."""
    if not code:
        return None, None
    gazetteer = load_gazetteer()
    region, raion = gazetteer.region_of(code), gazetteer.raion_of(code)
    return (region.name if region else None), (raion.name if raion else None)


def frame(rows: Iterable[Any], schema: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly the schema's columns and dtypes, empty or not."""
    rows = list(rows)
    if not rows:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in schema.items()})
    return pd.DataFrame.from_records(rows, columns=list(schema)).astype(schema)


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of :func:`analyze`: one frame per level, joined on ``doc_id``."""

    documents: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    facts: pd.DataFrame = field(default_factory=lambda: frame([], FACT_SCHEMA))

    def __repr__(self) -> str:
        return (f"Analysis(documents={len(self.documents)}, tokens={len(self.tokens)}, "
                f"entities={len(self.entities)}, facts={len(self.facts)})")


def _input_documents(data: Any, id_column: str, text_column: str) -> list[InputDocument]:
    if isinstance(data, str):
        return [InputDocument("0", data)]
    if isinstance(data, pd.DataFrame):
        if text_column not in data.columns:
            raise KeyError(f"no column {text_column!r} in the DataFrame")
        ids = data[id_column] if id_column in data.columns else data.index
        return [InputDocument(str(doc_id), text) if isinstance(text, str) else
                InputDocument(str(doc_id), "", {}, f"text is {type(text).__name__}, not str")
                for doc_id, text in zip(ids, data[text_column])]
    if isinstance(data, pd.Series):
        return _input_documents(data.to_frame(text_column), id_column, text_column)
    return _input_documents(pd.DataFrame({text_column: list(data)}, dtype=object),
                            id_column, text_column)


def analyze(data: Any, *, id_column: str = "id", text_column: str = "text",
            n_process: int = 1, batch_size: int = 32) -> Analysis:
    """Annotate texts (a str, a list of str, a Series, or a DataFrame with ``text`` and ``id``).

    A document that fails is kept, with ``error`` set in ``documents``.
    """
    documents = _input_documents(data, id_column, text_column)
    texts = {document.id: document.text for document in documents}
    doc_rows, token_rows, entity_rows, fact_rows = [], [], [], []
    for processed in local.run(documents, workers=n_process, batch_size=batch_size,
                               with_tokens=True):
        record = processed.record
        doc_id = record["id"]
        tokens = processed.tokens or []
        doc_rows.append((doc_id, len(texts.get(doc_id, "")), processed.n_tokens,
                         len({row[0] for row in tokens}), len(record["entities"]),
                         record["regions"], record["topics"], record["meta"], record["error"]))
        token_rows.extend((doc_id, *row) for row in tokens)
        entity_rows.extend((doc_id, e["start"], e["end"], e["label"], e["text"], e["normal"],
                            e["kb_id"], *placement(e["kb_id"]), e["value"]) for e in record["entities"])
        fact_rows.extend(slot_rows(doc_id, record["facts"]))
    return Analysis(frame(doc_rows, DOCUMENT_SCHEMA), frame(token_rows, TOKEN_SCHEMA),
                    frame(entity_rows, ENTITY_SCHEMA), frame(fact_rows, FACT_SCHEMA))


def slot_rows(doc_id: str, facts: list[dict[str, Any]]) -> list[tuple]:
    """The rows of ``FACT_SCHEMA`` for a document's facts (records' ``facts``): one per slot."""
    return [(doc_id, number, f["type"], f["start"], f["end"], name, slot["text"], slot["start"],
             slot["end"], slot["entity"], slot["normal"], slot["kb_id"], slot["value"])
            for number, f in enumerate(facts) for name, slot in f["slots"].items()]
