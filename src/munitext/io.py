"""Readers of input documents (folders of .txt, .txt files, JSONL) and the JSONL writer.

A reader never stops on a bad document: it yields the document with ``error`` set, so the
output keeps one line per input. A path that cannot be used at all raises ``InputError``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class InputError(Exception):
    """An input path that cannot be read at all (missing, unsupported, empty folder)."""


@dataclass(frozen=True, slots=True)
class InputDocument:
    """One document to process; ``error`` is set when it could not be read."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def check_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths, checked up front so that a typo fails before any work is done."""
    checked = []
    for path in paths:
        if not path.exists():
            raise InputError(f"no such file or folder: {path}")
        if path.is_file() and path.suffix.lower() not in TEXT_SUFFIXES + JSONL_SUFFIXES:
            raise InputError(f"unsupported input {path}: expected a folder, a .txt or a .jsonl file")
        if path.is_dir() and not any(path.glob("*.txt")):
            raise InputError(f"no .txt files in folder {path}")
        checked.append(path)
    return checked


def check_encoding(encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding: {encoding}") from None
    return encoding


def read_documents(paths: Iterable[Path], encoding: str = "utf-8") -> Iterator[InputDocument]:
    """Every document under ``paths`` (checked with :func:`check_paths`), streamed in order:
    folders (their .txt files, sorted), .txt files, JSONL lines."""
    for path in paths:
        if path.is_dir():
            for file in sorted(path.glob("*.txt")):
                yield read_text_file(file, encoding)
        elif path.suffix.lower() in TEXT_SUFFIXES:
            yield read_text_file(path, encoding)
        else:
            yield from read_jsonl(path, encoding)


def read_text_file(path: Path, encoding: str = "utf-8") -> InputDocument:
    """A .txt file as one document whose id is the file name without extension."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return InputDocument(path.stem, "", {}, f"cannot read {path.name}: {error.strerror}")
    return _decoded(path.stem, data, encoding, f"{path.name}")


def _decoded(doc_id: str, data: bytes, encoding: str, where: str) -> InputDocument:
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return InputDocument(doc_id, data.decode(codec))
    except UnicodeDecodeError as error:
        return InputDocument(doc_id, "", {}, (
            f"cannot decode {where} as {encoding} (byte {error.start}: {error.reason}); "
            "pass the right --encoding, e.g. --encoding cp1251"))


def read_jsonl(path: Path, encoding: str = "utf-8") -> Iterator[InputDocument]:
    """One document per line with ``id`` and ``text``; other fields (or ``meta``) become meta."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield InputDocument(path.stem, "", {}, f"cannot read {path.name}: {error.strerror}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            yield _jsonl_document(raw, f"{path.stem}:{number}", encoding, f"{path.name} line {number}")


def _jsonl_document(raw: bytes, fallback_id: str, encoding: str, where: str) -> InputDocument:
    line = _decoded(fallback_id, raw, encoding, where)
    if line.error:
        return line
    try:
        record = json.loads(line.text)
    except json.JSONDecodeError as error:
        problem = f"{where}: invalid JSON ({error.msg}, column {error.colno})"
        return InputDocument(fallback_id, "", {}, problem)
    if not isinstance(record, dict):
        return InputDocument(fallback_id, "", {}, f"{where}: expected a JSON object")
    doc_id = str(record["id"]) if record.get("id") is not None else fallback_id
    meta = dict(record.get("meta") or {}) if isinstance(record.get("meta"), dict) else {}
    meta.update({key: value for key, value in record.items() if key not in ("id", "text", "meta")})
    text = record.get("text")
    if not isinstance(text, str):
        return InputDocument(doc_id, "", meta, f"{where}: field 'text' is missing or not a string")
    return InputDocument(doc_id, text, meta)


def write_record(record: dict[str, Any], handle: IO[str]) -> None:
    """Write one record as one JSON line."""
    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
