"""Where munitext's time goes: seconds per pipeline component on the sample corpus.

    .venv/bin/python benchmarks/components.py [--repeat 5] [--json]

Runs ``nlp.pipe`` over corpora/sample/*.txt ``--repeat`` times (after one warm-up pass,
so caches are as in a long batch job) and times the tokenizer and each component by
wrapping its ``pipe``. Prints each stage's seconds and its share of the total. The
territory recognizer's share answers "what does linking admin units cost".
"""

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from common import ROOT, load_munitext, parser


def timed(stage: str, pipe: Callable, spent: Counter) -> Callable:
    """``pipe`` with the time spent inside it (the generator's own steps) added to ``spent[stage]``."""

    def run(docs: Iterable, **kwargs) -> Iterator:
        iterator = iter(pipe(docs, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                doc = next(iterator)
            except StopIteration:
                spent[stage] += time.perf_counter() - started
                return
            spent[stage] += time.perf_counter() - started
            yield doc

    return run


def measure(repeat: int) -> dict[str, float]:
    nlp = load_munitext()
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpora" / "sample").glob("*.txt"))]
    list(nlp.pipe(texts))  # warm-up: models loaded, caches filled
    spent: Counter = Counter()
    stages = [("tokenizer", lambda docs: docs)] + [(name, c.pipe) for name, c in nlp.pipeline]
    for _ in range(repeat):
        started = time.perf_counter()
        docs: Iterable = timed("tokenizer", lambda items: (nlp.make_doc(t) for t in items), spent)(texts)
        for name, pipe in stages[1:]:
            docs = timed(name, pipe, spent)(docs)
        for _ in docs:
            pass
        spent["total"] += time.perf_counter() - started
    # the stages are chained generators: each one's clock also ran while it pulled from the one before
    inclusive = [spent[name] for name, _ in stages]
    exclusive = {name: inclusive[k] - (inclusive[k - 1] if k else 0) for k, (name, _) in enumerate(stages)}
    exclusive["total"] = spent["total"]
    return {stage: seconds / repeat for stage, seconds in exclusive.items()}


def main() -> None:
    p = parser(__doc__.splitlines()[0], data=False)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()
    seconds = measure(args.repeat)
    if args.json:
        print(json.dumps(seconds, indent=2))
        return
    total = seconds.pop("total")
    print(f"{'stage':28} {'seconds':>8} {'share':>7}")
    for stage, value in sorted(seconds.items(), key=lambda item: -item[1]):
        print(f"{stage:28} {value:8.3f} {value / total:7.1%}")
    print(f"{'total per pass':28} {total:8.3f}")


if __name__ == "__main__":
    main()
