"""Speed of whole processes: natasha's pipeline vs ``munitext extract``.

The texts of corpora/sample/*.txt are repeated to --docs documents (800 by
default) and written as .txt files to a temporary folder.  Then, as
subprocesses, each timed by wall clock including start-up and model loading:

* natasha: benchmarks/natasha_pipeline.py (segment, morph, lemmas, NER,
  span normalisation; JSONL out);
* munitext: ``munitext extract FOLDER --out OUT.jsonl --workers W``.

Both run with Python's bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed
from their environment), as for an installed package: pip compiles natasha's
modules at install time, while munitext's editable sources would otherwise be
compiled again at every start where that variable is set.

Each runs --repeat times, the order alternating between rounds.  Reported:
best and median seconds, docs/s, and natasha time / munitext time (above 1
means munitext is faster).

    .venv/bin/python benchmarks/speed.py [--docs 800] [--repeat 3] [--json]

Texts nothing repeats (no cache helps), e.g. 252 of them:

    .venv/bin/python benchmarks/speed.py --docs 252 --samples corpora/sample \
        --samples ../shared/data/eval/NEREL/dev --samples ../shared/data/eval/factRuEval-2016/devset
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
SAMPLES = common.ROOT / "corpora" / "sample"


def make_corpus(folder, docs, samples):
    """``docs`` files in ``folder``: the .txt files of the ``samples`` folders, repeated as needed."""
    texts = [p.read_text(encoding="utf-8") for sample in samples for p in sorted(sample.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {', '.join(map(str, samples))}")
    for i in range(docs):
        (folder / f"doc{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return len(texts), sum(len(t) for t in texts)


def munitext_exe():
    exe = Path(sys.executable).parent / "munitext"
    found = str(exe) if exe.exists() else shutil.which("munitext")
    if not found:
        sys.exit(
            "the munitext console script is not installed: pip install -e . (or run with --only natasha)"
        )
    return found


def commands(folder, out_dir, workers, systems):
    cmds = {
        "natasha": [
            sys.executable,
            str(HERE / "natasha_pipeline.py"),
            str(folder),
            "--out",
            str(out_dir / "natasha.jsonl"),
        ],
        "munitext": [
            munitext_exe() if "munitext" in systems else "munitext",
            "extract",
            str(folder),
            "--out",
            str(out_dir / "munitext.jsonl"),
            "--workers",
            str(workers),
        ],
    }
    return {name: cmds[name] for name in systems}


def run(cmd, out):
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=common.ROOT,
                          env=ENVIRONMENT)
    seconds = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    lines = sum(1 for _ in open(out, encoding="utf-8")) if out.exists() else 0
    return seconds, lines


def main():
    p = common.parser(__doc__, data=False)
    p.add_argument("--docs", type=int, default=800)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--workers", type=int, default=1, help="--workers passed to munitext extract (default 1)")
    p.add_argument(
        "--samples", type=Path, action="append",
        help="folder of sample .txt files; may be given more than once (default corpora/sample)"
    )
    args = p.parse_args()
    systems = common.systems(args)

    times = {name: [] for name in systems}
    out_lines = {}
    with tempfile.TemporaryDirectory(prefix="munitext-speed-") as tmp:
        tmp = Path(tmp)
        folder = tmp / "docs"
        folder.mkdir()
        samples = [common.need(sample) for sample in args.samples or [SAMPLES]]
        n_texts, n_chars = make_corpus(folder, args.docs, samples)
        cmds = commands(folder, tmp, args.workers, systems)
        for round_ in range(args.repeat):
            order = systems if round_ % 2 == 0 else systems[::-1]
            for name in order:
                seconds, lines = run(cmds[name], tmp / f"{name}.jsonl")
                times[name].append(seconds)
                out_lines[name] = lines
                if not args.json:
                    print(f"round {round_ + 1}: {name} {seconds:.2f} s", file=sys.stderr)

    results = {}
    for name, ts in times.items():
        best, median = min(ts), statistics.median(ts)
        results[name] = {
            "best_s": best,
            "median_s": median,
            "runs_s": ts,
            "docs_per_s_best": args.docs / best,
            "docs_per_s_median": args.docs / median,
            "output_lines": out_lines[name],
        }
    ratio = None
    if len(results) == 2:
        nat, mun = results["natasha"], results["munitext"]
        ratio = {"best": nat["best_s"] / mun["best_s"], "median": nat["median_s"] / mun["median_s"]}
    info = {
        "docs": args.docs,
        "distinct_texts": n_texts,
        "chars_per_pass_over_samples": n_chars,
        "repeat": args.repeat,
        "munitext_workers": args.workers,
        "cpus": os.cpu_count(),
    }
    if args.json:
        common.dump_json({"setup": info, "systems": results, "natasha_over_munitext": ratio})
        return
    print(
        f"{args.docs} docs ({n_texts} distinct sample texts, repeated), "
        f"{args.repeat} runs each, whole processes incl. start-up; "
        f"munitext --workers {args.workers}; {os.cpu_count()} CPUs"
    )
    print(
        common.table(
            ["system", "best s", "median s", "docs/s (best)", "docs/s (median)", "lines out"],
            [
                [
                    n,
                    r["best_s"],
                    r["median_s"],
                    r["docs_per_s_best"],
                    r["docs_per_s_median"],
                    r["output_lines"],
                ]
                for n, r in results.items()
            ],
            digits=2,
        )
    )
    if ratio:
        print(
            f"natasha time / munitext time: best {ratio['best']:.2f}, "
            f"median {ratio['median']:.2f} (>1: munitext faster)"
        )


if __name__ == "__main__":
    main()
