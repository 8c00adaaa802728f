"""The custom attributes munitext adds to spaCy objects (``span._.normal`` and friends)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_KEY = "munitext"  # doc.spans[SPAN_KEY]: every span found, overlapping ones included


def register() -> None:
    """Declare the extension attributes; safe to call more than once."""
    for name in ("normal", "value", "candidates"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("facts", "topics", "regions", "meta"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
