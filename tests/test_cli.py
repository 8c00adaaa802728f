"""`munitext extract` end to end: the sample corpus, and bad inputs that must not lose anything."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from munitext.cli import app

from .conftest import SAMPLE

FIELDS = ["id", "meta", "entities", "facts", "topics", "regions", "error"]
ENTITY_FIELDS = ["start", "end", "label", "text", "normal", "kb_id", "value"]


def extract(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["extract", *args])
    return result.exit_code, result.output


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def check_record(record: dict, text: str) -> None:
    assert list(record) == FIELDS
    for entity in record["entities"]:
        assert list(entity) == ENTITY_FIELDS
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_sample_corpus_in_two_worker_processes(tmp_path):
    out = tmp_path / "sample.jsonl"
    files = sorted(SAMPLE.glob("*.txt"))
    assert len(files) >= 30
    command = [sys.executable, "-m", "munitext.cli", "extract", str(SAMPLE), "--out", str(out),
               "--workers", "2", "--batch-size", "4"]
    subprocess.run(command, check=True, capture_output=True)
    records = read_lines(out)
    assert [r["id"] for r in records] == [f.stem for f in files]
    for record, file in zip(records, files):
        check_record(record, file.read_text(encoding="utf-8"))
        assert record["error"] is None
    assert sum(len(r["entities"]) for r in records) > 30 * 5
    labels = {e["label"] for r in records for e in r["entities"]}
    assert {"PER", "LOC", "ORG"} <= labels


def test_folder_with_bad_files_keeps_every_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Глава айыл окмоту Асанов Бакыт выступил в Бишкеке.", "utf-8")
    (folder / "cp1251.txt").write_bytes("Сессия в Нарыне".encode("cp1251"))
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / "kyrgyz.txt").write_text("Ивановка айыл аймагы Чүй облусунда жайгашкан.", "utf-8")
    (folder / "english.txt").write_text("USAID supports municipalities in Osh.", "utf-8")
    out = tmp_path / "out.jsonl"
    code, output = extract(str(folder), "--out", str(out))
    assert code == 0, output
    records = {r["id"]: r for r in read_lines(out)}
    assert sorted(records) == ["cp1251", "empty", "english", "good", "kyrgyz"]
    assert "cannot decode cp1251.txt as utf-8" in records["cp1251"]["error"]
    assert "--encoding" in records["cp1251"]["error"]
    for name in ("good", "empty", "kyrgyz", "english"):
        assert records[name]["error"] is None
        check_record(records[name], (folder / f"{name}.txt").read_text("utf-8"))
    assert "1 document(s) failed" in output


def test_encoding_option_reads_cp1251(tmp_path):
    path = tmp_path / "d.txt"
    path.write_bytes("Сессия прошла в Бишкеке.".encode("cp1251"))
    out = tmp_path / "out.jsonl"
    assert extract(str(path), "--out", str(out), "--encoding", "cp1251")[0] == 0
    [record] = read_lines(out)
    assert record["error"] is None
    assert any(e["text"] == "Бишкеке" for e in record["entities"])


def test_broken_jsonl_lines_get_their_own_error_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Депутаты Жогорку Кенеша", "date": "2022-05-09"},
                   ensure_ascii=False),
        '{"id": "b", "text": "обрыв',
        json.dumps({"id": "c"}),
        "[1, 2]",
        json.dumps({"id": 4, "text": "Мэрия Бишкека"}, ensure_ascii=False),
    ]), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, output = extract(str(path), "--out", str(out))
    assert code == 0, output
    records = read_lines(out)
    assert [r["id"] for r in records] == ["a", "docs:2", "c", "docs:4", "4"]
    assert records[0]["meta"] == {"date": "2022-05-09"}
    assert records[0]["error"] is None and records[4]["error"] is None
    assert "line 2: invalid JSON" in records[1]["error"]
    assert "'text' is missing" in records[2]["error"]
    assert "expected a JSON object" in records[3]["error"]


@pytest.mark.parametrize(("make_input", "message"), [
    (lambda tmp: tmp / "missing", "no such file or folder"),
    (lambda tmp: (tmp / "doc.pdf").write_bytes(b"%PDF") and tmp / "doc.pdf", "unsupported input"),
    (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "no .txt files"),
])
def test_unusable_paths_fail_before_any_work(tmp_path, make_input, message):
    out = tmp_path / "out.jsonl"
    code, output = extract(str(make_input(tmp_path)), "--out", str(out))
    assert code == 2
    assert message in output
    assert not out.exists()


def test_unknown_encoding_is_refused(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("текст", "utf-8")
    code, output = extract(str(path), "--out", str(tmp_path / "o.jsonl"), "--encoding", "nope")
    assert code == 2 and "unknown encoding" in output


def test_help_explains_every_option():
    result = CliRunner().invoke(app, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--out", "--workers", "--batch-size", "--encoding", "--quiet"):
        assert option in result.output
