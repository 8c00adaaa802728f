"""The ``munitext`` command."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .engines import local
from .io import InputError, check_encoding, check_paths, read_documents, write_record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="munitext: Russian-language news about local self-government in "
                       "Kyrgyzstan, turned into data.")
console = Console(stderr=True)


@app.callback()
def main() -> None:
    """munitext: Russian-language news about local self-government in Kyrgyzstan, turned into data."""


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(
        help="Folders of .txt files (id = file name without extension), .txt files, or JSONL "
             "files with 'id' and 'text' fields (other fields are kept as meta).",
        show_default=False)],
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Output JSONL: one line per input document; '-' for stdout.",
        show_default=False)],
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Worker processes; each loads the models once.")] = 1,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", min=1, help="Documents per batch handed to a worker.")] = 32,
    encoding: Annotated[str, typer.Option(
        help="Encoding of the input files, e.g. cp1251.")] = "utf-8",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print no summary.")] = False,
) -> None:
    """Find entities in every document and write one JSON line per document.

    A document that cannot be read or processed still gets its line, with 'error' set;
    the others go on. A missing or unsupported input path stops before any work (exit 2).
    """
    try:
        documents = read_documents(check_paths(inputs), check_encoding(encoding))
    except InputError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(2) from None
    started = time.perf_counter()
    handle = sys.stdout if str(out) == "-" else _open_output(out)
    labels: Counter[str] = Counter()
    examples: dict[str, str] = {}
    n_docs = n_tokens = n_errors = 0
    try:
        processed = local.run(documents, workers=workers, batch_size=batch_size)
        for item in processed:
            record = item.record
            write_record(record, handle)
            n_docs += 1
            n_tokens += item.n_tokens
            n_errors += record["error"] is not None
            for entity in record["entities"]:
                labels[entity["label"]] += 1
                examples.setdefault(entity["label"], f"{entity['text']} → {entity['normal']}")
    finally:
        if handle is not sys.stdout:
            handle.close()
    if not quiet:
        _summary(n_docs, n_tokens, n_errors, labels, examples, time.perf_counter() - started, out)


def _open_output(out: Path):
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        return out.open("w", encoding="utf-8")
    except OSError as error:
        console.print(f"[red]error:[/red] cannot write {out}: {error.strerror}")
        raise typer.Exit(2) from None


def _summary(n_docs: int, n_tokens: int, n_errors: int, labels: Counter[str],
             examples: dict[str, str], seconds: float, out: Path) -> None:
    console.print(f"[bold]{n_docs}[/bold] documents, [bold]{n_tokens}[/bold] tokens, "
                  f"[bold]{sum(labels.values())}[/bold] entities in {seconds:.1f} s → {out}")
    if n_errors:
        console.print(f"[yellow]{n_errors} document(s) failed; their lines carry 'error'.[/yellow]")
    table = Table("label", "entities", "example (text → normal)")
    for label, count in labels.most_common():
        table.add_row(label, str(count), examples[label])
    console.print(table)


if __name__ == "__main__":
    app()
