"""Entity records and the published per-document output shape (one JSON object a document)."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity: character offsets into the document text, label, surface, normal form, link, value."""

    start: int
    end: int
    label: str
    text: str
    normal: str | None
    kb_id: str
    value: dict[str, Any] | None

    @classmethod
    def from_span(cls, span: Span) -> Entity:
        return cls(span.start_char, span.end_char, span.label_, span.text,
                   span._.normal, span.kb_id_, span._.value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the output record's ``entities`` (``dataclasses.asdict``, faster)."""
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text,
                "normal": self.normal, "kb_id": self.kb_id, "value": deepcopy(self.value)}


def entities(doc: Doc) -> list[Entity]:
    """The document's resolved entities (``doc.ents``) as records."""
    return [Entity.from_span(span) for span in doc.ents]


def document_record(doc_id: str, doc: Doc | None, meta: dict | None = None,
                    error: str | None = None) -> dict[str, Any]:
    """The output line of one document; a failed document keeps its id, meta and error."""
    return {
        "id": doc_id,
        "meta": meta or {},
        "entities": [entity.to_dict() for entity in entities(doc)] if doc is not None else [],
        "facts": [fact.to_dict() for fact in doc._.facts or []] if doc is not None else [],
        "topics": list(doc._.topics or []) if doc is not None else [],
        "regions": list(doc._.regions or []) if doc is not None else [],
        "error": error,
    }
