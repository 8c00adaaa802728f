"""Build the munitext annotated dev set.

Usage (from the project root)::

    python corpora/gold/build.py                       # src/g*.txt -> gold.jsonl
    python corpora/gold/build.py --check               # validate only, write nothing
    python corpora/gold/build.py --check-codes ../shared/data/kg_admin/kg_admin_units.csv

The source format and the annotation rules are described in GUIDELINES.md next to
this file.  Standard library only; nothing here depends on the gazetteer except
``check_codes``, which is given its path explicitly.

Importable: ``parse_document``, ``parse_file``, ``load_sources``, ``build``,
``check_codes``, ``FACT_SLOTS`` and ``GoldError`` are the public names.
"""

from __future__ import annotations

import argparse
import csv
import datetime as _dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "src"
OUT_PATH = HERE / "gold.jsonl"

LABELS = (
    "PER", "LOC", "ORG",
    "OBLAST", "RAION", "AIMAK", "SETTLEMENT",
    "INSTITUTION", "DATE", "COUNT", "MONEY",
)
ADMIN_LABELS = ("OBLAST", "RAION", "AIMAK", "SETTLEMENT")
# labels whose `normal` must be empty (ARCHITECTURE: MONEY has no normal form)
NO_NORMAL = ("MONEY",)
# labels that must / may not carry a value
VALUE_LABELS = ("DATE", "COUNT", "MONEY", "INSTITUTION")

TOPICS = (
    "budget_finance",
    "infrastructure_water",
    "citizen_participation",
    "training_experience",
    "legislation_reform",
    "elections",
    "land_pastures",
    "education_health",
    "donor_projects",
    "economy_business",
)

REGIONS = (
    "Иссык-Кульская область",
    "Джалал-Абадская область",
    "Нарынская область",
    "Баткенская область",
    "Ошская область",
    "Таласская область",
    "Чуйская область",
    "Бишкек",
    "Ош",
)

QUALIFIERS = ("exact", "approx", "more", "less", "at_least", "at_most")
INSTITUTION_KINDS = (
    "parliament", "presidency", "government", "ministry", "agency",
    "regional", "lsg_executive", "lsg_council", "court", "other",
)
HEADER_KEYS = ("topics", "regions", "meta", "fact")

# fact types and their slots, in order; the first slot of each type is required
FACT_SLOTS = {
    "event": ("event", "date", "place", "participants", "organizer"),
    "person_role": ("person", "position", "organization", "territory"),
    "money_flow": ("amount", "payer", "recipient", "purpose", "date"),
    "quantity": ("count", "place", "date"),
    "located_in": ("unit", "parent"),
}
# entity slots: the slot is exactly a gold entity span with one of these labels;
# the other slots (event, position, purpose) are phrases as written
_PLACES = ADMIN_LABELS + ("LOC",)
_BODIES = ("ORG", "INSTITUTION")
SLOT_LABELS = {
    "date": ("DATE",),
    "place": _PLACES,
    "participants": ("COUNT",),
    "organizer": _BODIES,
    "person": ("PER",),
    "organization": _BODIES,
    "territory": ADMIN_LABELS,
    "amount": ("MONEY",),
    "payer": _BODIES + _PLACES,
    "recipient": _BODIES + ADMIN_LABELS + ("PER",),
    "count": ("COUNT",),
    "unit": ADMIN_LABELS,
    "parent": ADMIN_LABELS,
}
FACT_KEYS = ("type", "anchor", "occurrence", "slots")

# which gazetteer types fit which label (used by check_codes)
LABEL_TYPES = {
    "OBLAST": {"oblast"},
    "RAION": {"raion", "city_district"},
    "AIMAK": {"aiyl_aimak"},
    "SETTLEMENT": {"city_republican", "city", "town", "village"},
}

FILE_RE = re.compile(r"^g\d{3}\.txt$")
KB_RE = re.compile(r"^\d{14}$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


class GoldError(ValueError):
    """A malformed source file; the message starts with ``file:line:col:``."""


# ---------------------------------------------------------------------------
# values


def _check_iso_date(s, where):
    if not isinstance(s, str):
        raise ValueError(f"{where} must be a string YYYY, YYYY-MM or YYYY-MM-DD, got {s!r}")
    m = DATE_RE.match(s)
    if not m:
        raise ValueError(f"{where} must be YYYY, YYYY-MM or YYYY-MM-DD, got {s!r}")
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        _dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError as e:
        raise ValueError(f"{where} is not a valid date: {s!r} ({e})") from None


def _date_key(s, end=False):
    """Comparable bounds of an ISO prefix: '2021-03' starts 2021-03-01, ends 2021-03-31."""
    parts = s.split("-")
    y = int(parts[0])
    if len(parts) == 1:
        return (_dt.date(y, 12, 31) if end else _dt.date(y, 1, 1))
    mo = int(parts[1])
    if len(parts) == 2:
        if not end:
            return _dt.date(y, mo, 1)
        nxt = _dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    return _dt.date(y, mo, int(parts[2]))


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def validate_value(label, value):
    """Raise ValueError if ``value`` (already JSON-decoded, or None) is wrong for ``label``."""
    if label not in VALUE_LABELS:
        if value is not None:
            raise ValueError(f"{label} takes no value, got {value!r}")
        return
    if label == "DATE" and value is None:
        return  # a relative date that nothing resolves («последних лет», «на днях»)
    if not isinstance(value, dict):
        raise ValueError(f"{label} needs a JSON object value, got {value!r}")
    keys = set(value)
    if label == "DATE":
        if keys != {"start", "end"}:
            raise ValueError(f"DATE value needs exactly the keys start, end; got {sorted(keys)}")
        _check_iso_date(value["start"], "DATE start")
        _check_iso_date(value["end"], "DATE end")
        if _date_key(value["start"]) > _date_key(value["end"], end=True):
            raise ValueError(f"DATE start {value['start']} is after end {value['end']}")
    elif label == "COUNT":
        if keys != {"value", "unit", "qualifier"}:
            raise ValueError(
                f"COUNT value needs exactly the keys value, unit, qualifier; got {sorted(keys)}")
        if not _is_number(value["value"]) or value["value"] < 0:
            raise ValueError(f"COUNT value must be a non-negative number, got {value['value']!r}")
        u = value["unit"]
        if not isinstance(u, str) or not u or u != u.strip() or u[0].isupper() and u != u.upper():
            raise ValueError(
                f"COUNT unit must be a non-empty lemma, lower case unless an abbreviation, got {u!r}")
        if value["qualifier"] not in QUALIFIERS:
            raise ValueError(
                f"COUNT qualifier {value['qualifier']!r} is not one of {', '.join(QUALIFIERS)}")
    elif label == "MONEY":
        if keys != {"value", "currency"}:
            raise ValueError(f"MONEY value needs exactly the keys value, currency; got {sorted(keys)}")
        if not _is_number(value["value"]) or value["value"] < 0:
            raise ValueError(f"MONEY value must be a non-negative number, got {value['value']!r}")
        if not isinstance(value["currency"], str) or not CURRENCY_RE.match(value["currency"]):
            raise ValueError(
                f"MONEY currency must be an ISO 4217 code like KGS, got {value['currency']!r}")
    elif label == "INSTITUTION":
        if keys != {"kind"}:
            raise ValueError(f"INSTITUTION value needs exactly the key kind; got {sorted(keys)}")
        if value["kind"] not in INSTITUTION_KINDS:
            raise ValueError(
                f"INSTITUTION kind {value['kind']!r} is not one of {', '.join(INSTITUTION_KINDS)}")


# ---------------------------------------------------------------------------
# facts


def _is_word_char(c):
    return c.isalnum()


def _occurrences(haystack, needle, lo=0, hi=None):
    """Start offsets of ``needle`` in ``haystack[lo:hi]`` that do not cut a word."""
    hi = len(haystack) if hi is None else hi
    found = []
    i = haystack.find(needle, lo, hi)
    while i >= 0:
        j = i + len(needle)
        cuts = (i > 0 and _is_word_char(haystack[i - 1]) and _is_word_char(needle[0])) or (
            j < len(haystack) and _is_word_char(haystack[j]) and _is_word_char(needle[-1]))
        if not cuts:
            found.append(i)
        i = haystack.find(needle, i + 1, hi)
    return found


def _check_occurrence(n, where):
    if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 1):
        raise ValueError(f"{where}: occurrence must be a positive integer, got {n!r}")


def _parse_fact_line(name, lineno, rest):
    """A ``# fact:`` header: JSON, checked for shape here; resolved against the text later."""
    try:
        fact = json.loads(rest)
    except json.JSONDecodeError as e:
        raise _err(name, lineno, 1, f"fact is not valid JSON: {e}") from None
    if not isinstance(fact, dict):
        raise _err(name, lineno, 1, "fact must be a JSON object")
    unknown = sorted(set(fact) - set(FACT_KEYS))
    if unknown:
        raise _err(name, lineno, 1,
                   f"unknown fact key(s) {', '.join(unknown)}; expected {', '.join(FACT_KEYS)}")
    ftype = fact.get("type")
    if ftype not in FACT_SLOTS:
        raise _err(name, lineno, 1,
                   f"unknown fact type {ftype!r}; expected one of {', '.join(FACT_SLOTS)}")
    anchor = fact.get("anchor")
    if not isinstance(anchor, str) or not anchor.strip():
        raise _err(name, lineno, 1, "fact needs a non-empty string 'anchor'")
    if anchor != anchor.strip():
        raise _err(name, lineno, 1, "fact anchor has leading or trailing whitespace")
    try:
        _check_occurrence(fact.get("occurrence"), "fact")
    except ValueError as e:
        raise _err(name, lineno, 1, str(e)) from None
    slots = fact.get("slots")
    if not isinstance(slots, dict):
        raise _err(name, lineno, 1, "fact needs a JSON object 'slots'")
    allowed = FACT_SLOTS[ftype]
    for slot, value in slots.items():
        if slot not in allowed:
            raise _err(name, lineno, 1,
                       f"unknown slot {slot!r} for a {ftype} fact; expected {', '.join(allowed)}")
        if isinstance(value, dict):
            if set(value) - {"text", "occurrence"} or not isinstance(value.get("text"), str):
                raise _err(name, lineno, 1,
                           f"slot {slot!r}: a string, or an object with 'text' "
                           f"(and 'occurrence'), got {value!r}")
            try:
                _check_occurrence(value.get("occurrence"), f"slot {slot!r}")
            except ValueError as e:
                raise _err(name, lineno, 1, str(e)) from None
            value = value["text"]
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise _err(name, lineno, 1,
                       f"slot {slot!r} must be a non-empty text without surrounding spaces, "
                       f"got {value!r}")
    if allowed[0] not in slots:
        raise _err(name, lineno, 1, f"a {ftype} fact needs its slot {allowed[0]!r}")
    return fact


def _resolve_fact(name, lineno, fact, text, spans):
    """Offsets of a parsed fact in ``text``; ``spans`` maps (start, end) to entity index."""
    anchor = fact["anchor"]
    hits = _occurrences(text, anchor)
    if not hits:
        raise _err(name, lineno, 1, f"fact anchor is not in the text (as whole words): {anchor!r}")
    n = fact.get("occurrence")
    if n is None and len(hits) > 1:
        raise _err(name, lineno, 1,
                   f"fact anchor occurs {len(hits)} times in the text; add \"occurrence\": n")
    if n is not None and n > len(hits):
        raise _err(name, lineno, 1,
                   f"fact anchor occurs {len(hits)} time(s), not {n}: {anchor!r}")
    start = hits[(n or 1) - 1]
    end = start + len(anchor)
    slots = {}
    for slot in FACT_SLOTS[fact["type"]]:
        if slot not in fact["slots"]:
            continue
        value = fact["slots"][slot]
        k = None
        if isinstance(value, dict):
            value, k = value["text"], value.get("occurrence")
        found = _occurrences(text, value, start, end)
        found = [i for i in found if i + len(value) <= end]
        if not found:
            raise _err(name, lineno, 1,
                       f"slot {slot!r} {value!r} is not inside the anchor (as whole words)")
        if k is None and len(found) > 1:
            raise _err(name, lineno, 1,
                       f"slot {slot!r} {value!r} occurs {len(found)} times in the anchor; "
                       f"give {{\"text\": …, \"occurrence\": n}}")
        if k is not None and k > len(found):
            raise _err(name, lineno, 1,
                       f"slot {slot!r} {value!r} occurs {len(found)} time(s) in the anchor, not {k}")
        s0 = found[(k or 1) - 1]
        s1 = s0 + len(value)
        entity = spans.get((s0, s1))
        labels = SLOT_LABELS.get(slot)
        if labels is not None:
            if entity is None:
                raise _err(name, lineno, 1,
                           f"slot {slot!r} {value!r} must be exactly an annotated entity "
                           f"({'/'.join(labels)})")
            label = spans.label(entity)
            if label not in labels:
                raise _err(name, lineno, 1,
                           f"slot {slot!r} {value!r} is a {label} entity; expected "
                           f"{'/'.join(labels)}")
        slots[slot] = {"text": value, "start": s0, "end": s1, "entity": entity}
    return {"type": fact["type"], "start": start, "end": end, "slots": slots}


class _Spans(dict):
    """(start, end) -> entity index, with the labels at hand."""

    def __init__(self, entities):
        super().__init__(((e["start"], e["end"]), i) for i, e in enumerate(entities))
        self._labels = [e["label"] for e in entities]

    def label(self, i):
        return self._labels[i]


def _fact_key(f):
    return (f["type"], f["start"], f["end"],
            tuple((k, v["start"], v["end"]) for k, v in f["slots"].items()))


# ---------------------------------------------------------------------------
# parsing


def _err(name, line, col, msg):
    return GoldError(f"{name}:{line}:{col}: {msg}")


def _parse_header(name, lineno, key, rest, header):
    if key not in HEADER_KEYS:
        raise _err(name, lineno, 1,
                   f"unknown header {key!r}; expected one of {', '.join(HEADER_KEYS)}")
    if key == "fact":
        header.setdefault("fact", []).append((lineno, _parse_fact_line(name, lineno, rest)))
        return
    if key in header:
        raise _err(name, lineno, 1, f"duplicate header {key!r}")
    if key == "topics":
        topics = [t.strip() for t in rest.split(",") if t.strip()]
        for t in topics:
            if t not in TOPICS:
                raise _err(name, lineno, 1, f"unknown topic id {t!r}")
        if not 1 <= len(topics) <= 3:
            raise _err(name, lineno, 1, f"a document has 1-3 topics, got {len(topics)}")
        if len(set(topics)) != len(topics):
            raise _err(name, lineno, 1, "duplicate topic id")
        header[key] = topics
    elif key == "regions":
        regions = [r.strip() for r in rest.split(";") if r.strip()]
        for r in regions:
            if r not in REGIONS:
                raise _err(name, lineno, 1,
                           f"unknown region {r!r}; use the oblast name as in the gazetteer, "
                           f"or Бишкек / Ош")
        if len(set(regions)) != len(regions):
            raise _err(name, lineno, 1, "duplicate region")
        header[key] = regions
    else:
        try:
            meta = json.loads(rest) if rest.strip() else {}
        except json.JSONDecodeError as e:
            raise _err(name, lineno, 1, f"meta is not valid JSON: {e}") from None
        if not isinstance(meta, dict):
            raise _err(name, lineno, 1, "meta must be a JSON object")
        header[key] = meta


def _parse_annotation(name, line, col, inner):
    """``inner`` is the text between [[ and ]]; returns the entity dict without offsets."""
    fields = inner.split("|")
    if len(fields) < 2:
        raise _err(name, line, col, f"annotation needs at least surface|LABEL: [[{inner}]]")
    if len(fields) > 5:
        raise _err(name, line, col,
                   f"annotation has {len(fields)} fields, at most 5 "
                   f"(surface|LABEL|normal|kb_id|value): [[{inner}]]")
    fields += [""] * (5 - len(fields))
    surface, label, normal, kb_id, value_s = fields
    if not surface:
        raise _err(name, line, col, "empty surface text")
    if surface != surface.strip():
        raise _err(name, line, col, f"surface text has leading/trailing whitespace: {surface!r}")
    if "\n" in surface:
        raise _err(name, line, col, "an annotation may not span lines")
    if label not in LABELS:
        raise _err(name, line, col, f"unknown label {label!r}; expected one of {' '.join(LABELS)}")
    if normal != normal.strip() or "  " in normal:
        raise _err(name, line, col, f"normal has stray whitespace: {normal!r}")
    if label in NO_NORMAL:
        if normal:
            raise _err(name, line, col, f"{label} has no normal form; leave the field empty")
    elif not normal:
        raise _err(name, line, col, f"{label} needs a normal form: [[{inner}]]")
    kb_id = kb_id.strip()
    if kb_id:
        if label not in ADMIN_LABELS:
            raise _err(name, line, col, f"{label} takes no kb_id (only {', '.join(ADMIN_LABELS)})")
        if not KB_RE.match(kb_id):
            raise _err(name, line, col, f"kb_id must be a 14-digit SOATE code, got {kb_id!r}")
    value = None
    if value_s.strip():
        try:
            value = json.loads(value_s)
        except json.JSONDecodeError as e:
            raise _err(name, line, col, f"value is not valid JSON ({e}): {value_s!r}") from None
    try:
        validate_value(label, value)
    except ValueError as e:
        raise _err(name, line, col, str(e)) from None
    return {
        "label": label,
        "text": surface,
        "normal": normal or None,
        "kb_id": kb_id or None,
        "value": value,
    }


def parse_document(raw: str, name: str = "<string>", doc_id: str | None = None) -> dict:
    """Parse one source document (the file's content) into a gold record."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    lines = raw.split("\n")
    header: dict = {}
    i = 0
    while i < len(lines) and lines[i].startswith("# "):
        body = lines[i][2:]
        key, sep, rest = body.partition(":")
        if not sep:
            raise _err(name, i + 1, 1, f"header line needs 'key: value': {lines[i]!r}")
        _parse_header(name, i + 1, key.strip(), rest.strip(), header)
        i += 1
    if "topics" not in header:
        raise _err(name, 1, 1, "missing '# topics:' header")
    if "regions" not in header:
        raise _err(name, 1, 1, "missing '# regions:' header (it may be empty)")
    first_text_line = i  # 0-based index of the first text line
    # leading and trailing blank lines of the text are dropped
    while first_text_line < len(lines) and not lines[first_text_line].strip():
        first_text_line += 1
    body_lines = lines[first_text_line:]
    while body_lines and not body_lines[-1].strip():
        body_lines.pop()
    if not body_lines:
        raise _err(name, first_text_line + 1, 1, "document has no text")

    out = []
    entities = []
    pos = 0  # offset in the output text
    for k, line in enumerate(body_lines):
        lineno = first_text_line + k + 1
        if k:
            out.append("\n")
            pos += 1
        j = 0
        while j < len(line):
            a = line.find("[[", j)
            stray = [(line.find(t, j, a if a >= 0 else len(line)), t) for t in ("]]", "|")]
            stray = [(p, t) for p, t in stray if p >= 0]
            if stray:
                p, t = min(stray)
                raise _err(name, lineno, p + 1, f"stray {t!r} outside an annotation")
            if a < 0:
                out.append(line[j:])
                pos += len(line) - j
                break
            out.append(line[j:a])
            pos += a - j
            b = line.find("]]", a + 2)
            if b < 0:
                raise _err(name, lineno, a + 1, "unclosed '[['")
            inner = line[a + 2:b]
            if "[[" in inner:
                raise _err(name, lineno, a + 1, "nested or unclosed annotation ('[[' inside '[[...]]')")
            ent = _parse_annotation(name, lineno, a + 1, inner)
            start = pos
            out.append(ent["text"])
            pos += len(ent["text"])
            # a span must not cut a word: no letter/digit glued on either side
            before = line[a - 1] if a > 0 else ""
            after = line[b + 2] if b + 2 < len(line) else ""
            if (before.isalnum() or after.isalnum()):
                raise _err(name, lineno, a + 1,
                           f"span {ent['text']!r} cuts a word (glued to {before + '|' + after!r}); "
                           f"annotate whole words")
            entities.append({"start": start, "end": pos, **ent, "_line": lineno})
            j = b + 2
    text = "".join(out)
    for e in entities:
        if text[e["start"]:e["end"]] != e["text"]:  # pragma: no cover - internal invariant
            raise _err(name, e["_line"], 1, "internal error: offsets do not match the text")
        del e["_line"]
    spans = _Spans(entities)
    facts = []
    seen = {}
    for lineno, fact in header.get("fact", []):
        resolved = _resolve_fact(name, lineno, fact, text, spans)
        key = _fact_key(resolved)
        if key in seen:
            raise _err(name, lineno, 1, f"the same fact as on line {seen[key]}")
        seen[key] = lineno
        facts.append(resolved)
    facts.sort(key=lambda f: (f["start"], f["end"], list(FACT_SLOTS).index(f["type"])))
    return {
        "id": doc_id if doc_id is not None else Path(name).stem,
        "text": text,
        "meta": header.get("meta", {}),
        "entities": [
            {k: e[k] for k in ("start", "end", "label", "text", "normal", "kb_id", "value")}
            for e in entities
        ],
        "topics": header["topics"],
        "regions": header["regions"],
        "facts": facts,
    }


def parse_file(path) -> dict:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise GoldError(f"{path.name}:1:1: not UTF-8: {e}") from None
    return parse_document(raw, name=f"src/{path.name}", doc_id=path.stem)


def source_files(src_dir=SRC_DIR):
    src_dir = Path(src_dir)
    files = []
    for p in sorted(src_dir.iterdir()):
        if p.suffix == ".txt" and p.is_file():
            if not FILE_RE.match(p.name):
                raise GoldError(f"src/{p.name}:1:1: source files are named gNNN.txt")
            files.append(p)
    return files


def load_sources(src_dir=SRC_DIR) -> list:
    """Parse every src/gNNN.txt; raises GoldError on the first problem."""
    return [parse_file(p) for p in source_files(src_dir)]


def build(src_dir=SRC_DIR, out_path=OUT_PATH, write=True) -> list:
    docs = load_sources(src_dir)
    if write:
        with open(out_path, "w", encoding="utf-8", newline="\n") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return docs


# ---------------------------------------------------------------------------
# gazetteer check


def check_codes(csv_path, docs=None, check_normal=True) -> list:
    """Check every kb_id against the gazetteer CSV (kg_admin_units.csv).

    ``docs`` is a list of gold records (default: parse src/ again; a path to a
    gold.jsonl file is also accepted).  Returns a list of problem strings; empty
    means all is well.  Checked: the code exists, its ``type`` fits the label
    (OBLAST→oblast, RAION→raion/city_district, AIMAK→aiyl_aimak,
    SETTLEMENT→city_republican/city/town/village) and, with ``check_normal``,
    that ``normal`` equals the row's ``name_ru``.
    """
    rows = {}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            rows[r["id"]] = r
    if docs is None:
        docs = load_sources()
    elif isinstance(docs, (str, Path)):
        with open(docs, encoding="utf-8") as f:
            docs = [json.loads(line) for line in f if line.strip()]
    problems = []
    for d in docs:
        for e in d["entities"]:
            kb = e.get("kb_id")
            if not kb:
                continue
            where = f"{d['id']} [{e['start']}:{e['end']}] {e['label']} {e['text']!r}"
            r = rows.get(kb)
            if r is None:
                problems.append(f"{where}: kb_id {kb} is not in the gazetteer")
                continue
            allowed = LABEL_TYPES.get(e["label"], set())
            if r["type"] not in allowed:
                problems.append(
                    f"{where}: kb_id {kb} is a {r['type']} ({r['name_ru']}), "
                    f"which does not fit {e['label']}")
            if check_normal and e.get("normal") != r["name_ru"]:
                problems.append(
                    f"{where}: normal {e.get('normal')!r} differs from the gazetteer "
                    f"name {r['name_ru']!r} of {kb}")
    return problems


# ---------------------------------------------------------------------------


def _summary(docs):
    from collections import Counter
    c = Counter(e["label"] for d in docs for e in d["entities"])
    n = sum(c.values())
    parts = " ".join(f"{k}={c[k]}" for k in LABELS)
    f = Counter(x["type"] for d in docs for x in d.get("facts", []))
    s = Counter(x["type"] for d in docs for x in d.get("facts", []) for _ in x["slots"])
    fparts = " ".join(f"{k}={f[k]}/{s[k]}" for k in FACT_SLOTS)
    return (f"{len(docs)} docs, {n} spans: {parts}; "
            f"{sum(f.values())} facts/{sum(s.values())} slots: {fparts}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Build corpora/gold/gold.jsonl from src/gNNN.txt")
    ap.add_argument("--check", action="store_true", help="validate only; do not write gold.jsonl")
    ap.add_argument("--check-codes", metavar="CSV",
                    help="also check kb_ids against kg_admin_units.csv")
    ap.add_argument("--src", default=str(SRC_DIR), help="source folder (default: src/ here)")
    ap.add_argument("--out", default=str(OUT_PATH), help="output file (default: gold.jsonl here)")
    args = ap.parse_args(argv)
    try:
        docs = build(args.src, args.out, write=not args.check)
    except GoldError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    print(_summary(docs) + ("" if args.check else f" -> {Path(args.out).name}"))
    if args.check_codes:
        problems = check_codes(args.check_codes, docs)
        for p in problems:
            print(f"code: {p}", file=sys.stderr)
        if problems:
            print(f"{len(problems)} kb_id problem(s)", file=sys.stderr)
            return 1
        print("kb_ids: all found, types and names fit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
