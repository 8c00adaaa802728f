"""The custom attributes munitext adds to spaCy objects (``span._.normal`` and friends).

Span attributes are kept per (start, end, label): spaCy's default storage is per
character range only, so an ORG and an INSTITUTION over the same words would share one
normal form.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

SPAN_KEY = "munitext"  # doc.spans[SPAN_KEY]: every span found, overlapping ones included
NER_LABELS = ("PER", "LOC", "ORG")  # what natasha's NER adds
SPAN_ATTRIBUTES = ("normal", "value", "candidates")
DOC_ATTRIBUTES = ("facts", "topics", "regions", "meta")


def _span_attribute(name: str) -> tuple:
    def key(span: Span) -> tuple:
        return ("munitext", name, span.start_char, span.end_char, span.label_)

    def getter(span: Span) -> Any:
        return span.doc.user_data.get(key(span))

    def setter(span: Span, value: Any) -> None:
        span.doc.user_data[key(span)] = value

    return getter, setter


def add_spans(doc: Doc, spans: list[Span]) -> None:
    """Append ``spans`` to ``doc.spans[SPAN_KEY]`` (leaving the spans already there in place)."""
    if SPAN_KEY in doc.spans:
        doc.spans[SPAN_KEY].extend(spans)
    else:
        doc.spans[SPAN_KEY] = spans


def register() -> None:
    """Declare the extension attributes; safe to call more than once."""
    for name in SPAN_ATTRIBUTES:
        if not Span.has_extension(name):
            getter, setter = _span_attribute(name)
            Span.set_extension(name, getter=getter, setter=setter)
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
