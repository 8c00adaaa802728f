"""Segmentation: razdel tokens and sentences as a spaCy tokenizer that never moves an offset."""

from __future__ import annotations

from collections import OrderedDict

import razdel
import spacy
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

_WORDS_CACHE: OrderedDict[int, tuple[Doc, list[Token]]] = OrderedDict()
_WORDS_CACHE_SIZE = 64


def words_of(doc: Doc) -> list[Token]:
    """The document's tokens without whitespace tokens, made once and shared by the components.

    Kept for the last few documents (checked by identity), not in ``doc.user_data``, which
    would have to be serialised with the Doc.
    """
    cached = _WORDS_CACHE.get(id(doc))
    if cached is not None and cached[0] is doc and len(cached[0]) == len(doc):
        return cached[1]
    words = [token for token in doc if not token.is_space]
    _WORDS_CACHE[id(doc)] = (doc, words)
    if len(_WORDS_CACHE) > _WORDS_CACHE_SIZE:
        _WORDS_CACHE.popitem(last=False)
    return words


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


def _token_bounds(text: str) -> list[tuple[int, int]]:
    """razdel's token bounds, with «..» split in two: an abbreviation's dot, then the full stop
    («Чуйской обл..», «2024 г..»)."""
    bounds = []
    for token in razdel.tokenize(text):
        if token.text == "..":
            bounds += [(token.start, token.start + 1), (token.start + 1, token.stop)]
        else:
            bounds.append((token.start, token.stop))
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
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts)

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
