"""natasha's full pipeline over a folder of .txt files, one JSON line per doc.

The reference pipeline for speed.py: per document segment, tag_morph,
lemmatize every token with MorphVocab, tag_ner, normalize every span.

    .venv/bin/python benchmarks/natasha_pipeline.py INPUT --out OUT.jsonl

INPUT is a folder (its *.txt files, sorted by name) or one .txt file.
"""

import argparse
import json
from pathlib import Path

from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter


def inputs(path):
    path = Path(path)
    return sorted(path.glob("*.txt")) if path.is_dir() else [path]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", type=Path)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()

    emb = NewsEmbedding()
    segmenter = Segmenter()
    morph_tagger = NewsMorphTagger(emb)
    ner_tagger = NewsNERTagger(emb)
    morph_vocab = MorphVocab()

    with open(args.out, "w", encoding="utf-8") as out:
        for path in inputs(args.input):
            doc = Doc(path.read_text(encoding="utf-8"))
            doc.segment(segmenter)
            doc.tag_morph(morph_tagger)
            for token in doc.tokens:
                token.lemmatize(morph_vocab)
            doc.tag_ner(ner_tagger)
            for span in doc.spans:
                span.normalize(morph_vocab)
            record = {
                "doc": path.name,
                "lemmas": [t.lemma for t in doc.tokens],
                "spans": [
                    {"start": s.start, "stop": s.stop, "type": s.type, "text": s.text, "normal": s.normal}
                    for s in doc.spans
                ],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
