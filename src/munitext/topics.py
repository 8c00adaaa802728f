"""Topics: the fixed topics scored by a lemma lexicon (``doc._.topics``), and topics discovered
in a corpus with NMF over lemma TF-IDF.

A document's score for a topic comes from the weights of the lexicon terms found among its
lemmas: a term repeated counts sublinearly, the headline counts more, and the sum is taken
per 100 words. Lexicon and thresholds: ``data/topics.json``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from .component import DocComponent
from .datafiles import read_json
from .text import text_of, texts_of, words_of

if TYPE_CHECKING:
    import pandas as pd

    from .frames import Analysis

MAX_PHRASE = 4  # words in a lexicon phrase
_ABBREVIATION = re.compile(r"([А-ЯЁA-Z]{2,})[а-яёa-z]*")  # «ФАПе» → «ФАП», «ЦИКом» → «ЦИК»

Weights = tuple[tuple[int, float], ...]  # (topic index, weight) pairs of one term


@dataclass(frozen=True, slots=True)
class Scoring:
    """How term hits become scores and which topics a document keeps (see ``data/topics.json``)."""

    headline_weight: float = 2.0
    min_words: int = 60
    scale: float = 4.0
    min_density: float = 1.5
    min_ratio: float = 0.4
    max_topics: int = 3


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Topic ids and labels, and term → (topic, weight) tables for words, phrases and prefixes."""

    topics: tuple[str, ...]
    labels: tuple[str, ...]
    words: Mapping[str, Weights]
    phrases: Mapping[tuple[str, ...], Weights]
    prefixes: tuple[tuple[str, Weights], ...]
    scoring: Scoring

    def __repr__(self) -> str:
        return (f"Lexicon(topics={len(self.topics)}, words={len(self.words)}, "
                f"phrases={len(self.phrases)}, prefixes={len(self.prefixes)})")

    def label(self, topic: str) -> str:
        """The Russian label of a topic id (the id itself when unknown)."""
        return self.labels[self.topics.index(topic)] if topic in self.topics else topic


def key(text: str) -> str:
    """A lexicon key: lower case, ё as е."""
    return text.lower().replace("ё", "е")


def build_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """A :class:`Lexicon` from the JSON structure of ``data/topics.json``."""
    topics = tuple(data["topics"])
    tables: dict[str, dict[Any, list[tuple[int, float]]]] = {
        "words": defaultdict(list), "phrases": defaultdict(list), "prefixes": defaultdict(list)}
    for index, topic in enumerate(topics):
        for term, weight in data["topics"][topic]["terms"].items():
            words = tuple(key(term).split())
            if len(words) > MAX_PHRASE:
                raise ValueError(f"topic term {term!r} has more than {MAX_PHRASE} words")
            if len(words) > 1:
                tables["phrases"][words].append((index, float(weight)))
            elif words[0].endswith("*"):
                tables["prefixes"][words[0][:-1]].append((index, float(weight)))
            else:
                tables["words"][words[0]].append((index, float(weight)))
    return Lexicon(
        topics=topics,
        labels=tuple(data["topics"][topic].get("label", topic) for topic in topics),
        words={term: tuple(pairs) for term, pairs in tables["words"].items()},
        phrases={term: tuple(pairs) for term, pairs in tables["phrases"].items()},
        prefixes=tuple(sorted(((p, tuple(w)) for p, w in tables["prefixes"].items()),
                              key=lambda item: -len(item[0]))),
        scoring=Scoring(**data.get("scoring", {})),
    )


@cache
def load_lexicon() -> Lexicon:
    """The package's topic lexicon, read once per process."""
    return build_lexicon(read_json("topics.json"))


def token_keys(token: Token) -> tuple[str, ...]:
    """Lexicon keys of a token: its lemma, its lower-cased text, an abbreviation it starts with."""
    return _keys(token.lemma_, token.text)


@lru_cache(maxsize=100_000)
def _keys(lemma: str, text: str) -> tuple[str, ...]:
    keys = [key(lemma or text), key(text)]
    match = _ABBREVIATION.fullmatch(text)
    if match:
        keys.append(key(match.group(1)))
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=100_000)
def _has_letter(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _word_weights(keys: Sequence[str], lexicon: Lexicon) -> Weights:
    for candidate in keys:
        if candidate in lexicon.words:
            return lexicon.words[candidate]
    for prefix, weights in lexicon.prefixes:
        for candidate in keys:
            if candidate.startswith(prefix):
                return weights
    return ()


def score_words(words: Sequence[Sequence[str]], headline: int = 0,
                lexicon: Lexicon | None = None) -> list[dict[str, Any]]:
    """Topics of a text given as its words, each a tuple of keys (lemma first): up to
    ``max_topics`` ``{"topic", "score"}``, best first; the first ``headline`` words count more.
    """
    lexicon = lexicon or load_lexicon()
    scoring = lexicon.scoring
    hits: dict[tuple[int, Any], float] = defaultdict(float)  # (topic, term) → weighted count
    weights: dict[tuple[int, Any], float] = {}
    lemmas = [keys[0] for keys in words]
    phrase_starts = {phrase[0] for phrase in lexicon.phrases}
    for i, keys in enumerate(words):
        factor = scoring.headline_weight if i < headline else 1.0
        found = [(keys[0], _word_weights(keys, lexicon))]
        for size in range(2, MAX_PHRASE + 1) if keys[0] in phrase_starts else ():
            phrase = tuple(lemmas[i : i + size])
            if len(phrase) == size and phrase in lexicon.phrases:
                found.append((phrase, lexicon.phrases[phrase]))
        for term, pairs in found:
            for topic, weight in pairs:
                hits[topic, term] += factor
                weights[topic, term] = weight
    raw = [0.0] * len(lexicon.topics)
    for (topic, term), count in hits.items():
        raw[topic] += weights[topic, term] * (count if count <= 1 else 1 + math.log(count))
    length = max(len(words), scoring.min_words)
    density = [100 * value / length for value in raw]
    return select(density, lexicon)


def select(density: Sequence[float], lexicon: Lexicon) -> list[dict[str, Any]]:
    """The kept topics of a document, from its per-topic densities (weighted hits per 100 words)."""
    scoring = lexicon.scoring
    order = sorted((i for i, value in enumerate(density) if value > 0), key=lambda i: -density[i])
    if not order:
        return []
    best = density[order[0]]
    kept = [order[0]] + [i for i in order[1:] if density[i] >= scoring.min_density
                         and density[i] >= scoring.min_ratio * best]
    return [{"topic": lexicon.topics[i], "score": round(1 - math.exp(-density[i] / scoring.scale), 4)}
            for i in kept[: scoring.max_topics]]


def doc_words(doc: Doc) -> tuple[list[tuple[str, ...]], int]:
    """The keys of the doc's words (tokens with a letter) and how many of them are in the headline
    (the first line, when the text has more than one)."""
    text = text_of(doc)
    end = text.find("\n", len(text) - len(text.lstrip()))
    if end < 0 or not text[end:].strip():
        end = -1  # one line: no headline
    words, headline = [], 0
    for token, word in zip(words_of(doc), texts_of(doc)):
        if _has_letter(word):
            words.append(_keys(token.lemma_, word))
            headline += 0 <= token.idx < end
    return words, headline


def score_doc(doc: Doc, lexicon: Lexicon | None = None) -> list[dict[str, Any]]:
    """The document's topics, as :func:`score_words` gives them."""
    words, headline = doc_words(doc)
    return score_words(words, headline, lexicon)


class TopicScorer(DocComponent):
    """Sets ``doc._.topics``: up to three ``{"topic", "score"}`` from the topic lexicon, best first."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.topics = score_doc(doc, load_lexicon())
        return doc


@Language.factory("munitext_topics")
def make_topic_scorer(nlp: Language, name: str) -> TopicScorer:
    return TopicScorer()


# Discovered topics


@dataclass(frozen=True, slots=True)
class Discovered:
    """Topics found in a corpus: ``terms`` (topic, rank, term, weight, nearest lexicon topic) and
    ``documents`` (doc_id × topic weights, columns ``t0`` … ``t{k-1}``)."""

    terms: pd.DataFrame
    documents: pd.DataFrame

    def top_terms(self, n: int = 10) -> dict[str, list[str]]:
        """Each discovered topic's ``n`` best terms."""
        ranked = self.terms[self.terms["rank"] < n]
        return {topic: list(group["term"]) for topic, group in ranked.groupby("topic", sort=False)}

    def __repr__(self) -> str:
        return f"Discovered(topics={self.documents.shape[1]}, documents={len(self.documents)})"


CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def corpus_lemmas(result: Analysis) -> dict[str, list[str]]:
    """Content lemmas per document (nouns, adjectives, verbs; stop words and short words left out)."""
    from spacy.lang.ru.stop_words import STOP_WORDS

    lemmas: dict[str, list[str]] = {str(doc_id): [] for doc_id in result.documents["doc_id"]}
    tokens = result.tokens
    for doc_id, lemma, pos in zip(tokens["doc_id"], tokens["lemma"], tokens["pos"]):
        word = key(str(lemma))
        if (pos in CONTENT_POS and len(word) > 2 and word not in STOP_WORDS
                and any(char.isalpha() for char in word)):
            lemmas.setdefault(str(doc_id), []).append(word)
    return lemmas


def discover(result: Analysis, k: int = 10, *, n_terms: int = 10, random_state: int = 0,
             max_features: int = 5000) -> Discovered:
    """``k`` topics of the corpus by NMF over lemma TF-IDF; deterministic for a fixed ``random_state``."""
    import numpy as np
    import pandas as pd
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    lemmas = corpus_lemmas(result)
    doc_ids = list(lemmas)
    if not doc_ids or not any(lemmas.values()):
        raise ValueError("no lemmas to discover topics in (is the Analysis empty?)")
    if not 1 <= k <= len(doc_ids):
        raise ValueError(f"k must be between 1 and the number of documents ({len(doc_ids)}), not {k}")
    vectorizer = TfidfVectorizer(analyzer=_identity, max_df=0.9 if len(doc_ids) > 10 else 1.0,
                                 min_df=2 if len(doc_ids) > 10 else 1, max_features=max_features,
                                 sublinear_tf=True)
    matrix = vectorizer.fit_transform([lemmas[doc_id] for doc_id in doc_ids])
    model = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=1000)
    with np.errstate(invalid="ignore"):  # a near-exact fit: sklearn takes sqrt of a rounding error < 0
        doc_topic = model.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    lexicon = load_lexicon()
    names = [f"t{i}" for i in range(k)]
    rows = []
    for i, component in enumerate(model.components_):
        top = np.argsort(-component, kind="stable")[:n_terms]
        terms = [str(vocabulary[j]) for j in top if component[j] > 0]
        nearest = _nearest(dict(zip(terms, component[top])), lexicon)
        rows.extend((names[i], rank, term, float(component[j]), nearest)
                    for rank, (term, j) in enumerate(zip(terms, top)))
    terms_frame = pd.DataFrame(rows, columns=["topic", "rank", "term", "weight", "lexicon_topic"])
    documents = pd.DataFrame(doc_topic, columns=names, index=pd.Index(doc_ids, name="doc_id"))
    return Discovered(terms_frame, documents)


def _identity(words: list[str]) -> list[str]:
    return words


def _nearest(terms: Mapping[str, float], lexicon: Lexicon) -> str | None:
    """The lexicon topic whose words weigh most among a discovered topic's terms (None: no overlap)."""
    totals = [0.0] * len(lexicon.topics)
    for term, weight in terms.items():
        for topic, lexicon_weight in lexicon.words.get(term, ()):
            totals[topic] += float(weight) * lexicon_weight
    best = max(range(len(totals)), key=totals.__getitem__)
    return lexicon.topics[best] if totals[best] > 0 else None


def topic_ids() -> tuple[str, ...]:
    """The fixed topic ids, in the lexicon's order."""
    return load_lexicon().topics


def iter_topic_ids(topics: Any) -> list[str]:
    """Topic ids of an output ``topics`` list (``{"topic", "score"}`` dicts or plain ids; a
    missing value gives none)."""
    if isinstance(topics, str | bytes) or not isinstance(topics, Iterable):
        return []
    return [t["topic"] if isinstance(t, Mapping) else str(t) for t in topics]
