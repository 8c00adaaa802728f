"""Segmentation: razdel tokens and sentences as a spaCy tokenizer that never moves an offset."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import razdel
import spacy
from razdel.segmenters.tokenize import ATOM, Atom, TokenSplit
from razdel.segmenters.tokenize import tokenize as RAZDEL_TOKENS
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

_CACHE: OrderedDict[int, tuple[Doc, dict[str, Any]]] = OrderedDict()
_CACHE_SIZE = 64  # documents; more than a pipe batch (pipeline.PIPE_BATCH)


def per_doc(doc: Doc, name: str, make: Callable[[Doc], Any]) -> Any:
    """``make(doc)``, made once per document and shared by the components.

    Kept for the last few documents (checked by identity), not in ``doc.user_data``, which
    would have to be serialised with the Doc.
    """
    cached = _CACHE.get(id(doc))
    if cached is None or cached[0] is not doc:
        cached = _CACHE[id(doc)] = (doc, {})
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    values = cached[1]
    if name not in values:
        values[name] = make(doc)
    return values[name]


def words_of(doc: Doc) -> list[Token]:
    """The document's tokens without whitespace tokens."""
    return per_doc(doc, "words", lambda d: [token for token in d if not token.is_space])


def texts_of(doc: Doc) -> list[str]:
    """The texts of :func:`words_of` (``token.text`` looks the string up at each call)."""
    return per_doc(doc, "texts", lambda d: [token.text for token in words_of(d)])


def text_of(doc: Doc) -> str:
    """``doc.text``, which spaCy joins anew from the tokens at each call."""
    return per_doc(doc, "text", lambda d: d.text)


def _sentence_starts(text: str) -> list[int]:
    return [sentence.start for sentence in razdel.sentenize(text)] if text.strip() else []


def _sent_start_flags(word_starts: list[int], sentence_starts: list[int]) -> list[bool]:
    """One flag per token: True where a word opens a razdel sentence (whitespace never does)."""
    flags = []
    pending = iter(sentence_starts)
    next_start = next(pending, None)
    seen_word = False
    for start in word_starts:
        opens = False
        if start >= 0:
            while next_start is not None and next_start <= start:
                opens = True
                next_start = next(pending, None)
            opens = opens and seen_word
            seen_word = True
        flags.append(opens or not flags)
    return flags


def _razdel_bounds(text: str) -> list[tuple[int, int]]:
    """The bounds of ``razdel.tokenize(text)``, found the way it finds them, but asking its rules
    only about atoms with no space between them (it never joins the others)."""
    atoms = [Atom(match.start(), match.end(), match.lastgroup, match.group(0))
             for match in ATOM.finditer(text)]
    window = RAZDEL_TOKENS.split.window
    bounds: list[tuple[int, int]] = []
    for index, atom in enumerate(atoms):
        if index and atoms[index - 1].stop == atom.start:
            split = TokenSplit(atoms[max(0, index - window) : index], "", atoms[index : index + window])
            split.buffer = text[bounds[-1][0] : atom.start]
            if RAZDEL_TOKENS.join(split):
                bounds[-1] = (bounds[-1][0], atom.stop)
                continue
        bounds.append((atom.start, atom.stop))
    return bounds


def _token_bounds(text: str) -> list[tuple[int, int]]:
    """razdel's token bounds, with «..» split in two: an abbreviation's dot, then the full stop
    («Чуйской обл..», «2024 г..»)."""
    bounds = []
    for start, stop in _razdel_bounds(text):
        if text[start:stop] == "..":
            bounds += [(start, start + 1), (start + 1, stop)]
        else:
            bounds.append((start, stop))
    return bounds


class RazdelTokenizer:
    """Split text into razdel tokens; whitespace runs become whitespace tokens.

    The Doc's text is exactly the input text, so ``token.idx`` is a true character
    offset. Sentence starts come from ``razdel.sentenize``.
    """

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        word_starts: list[int] = []
        position = 0

        def add_gap(gap: str, start: int) -> None:
            if words and gap.startswith(" "):
                spaces[-1] = True
                gap, start = gap[1:], start + 1
            if gap:
                words.append(gap)
                spaces.append(False)
                word_starts.append(-1)

        for start, stop in _token_bounds(text):
            add_gap(text[position:start], position)
            words.append(text[start:stop])
            spaces.append(False)
            word_starts.append(start)
            position = stop
        add_gap(text[position:], position)

        sent_starts = _sent_start_flags(word_starts, _sentence_starts(text))
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)
        per_doc(doc, "text", lambda _: text)
        return doc

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> RazdelTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> RazdelTokenizer:
        return self


@spacy.registry.tokenizers("munitext.razdel_tokenizer.v1")
def create_razdel_tokenizer():
    """spaCy registry entry: ``[nlp.tokenizer] @tokenizers = "munitext.razdel_tokenizer.v1"``."""

    def make(nlp):
        return RazdelTokenizer(nlp.vocab)

    return make


TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "munitext.razdel_tokenizer.v1"}}}  # for spacy.blank
