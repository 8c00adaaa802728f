"""Build munitext's gazetteer (src/munitext/data/gazetteer.tsv) from the kg_admin classifier.

    python scripts/build_gazetteer.py [--source ../shared/data/kg_admin]

Carries the facts only: SOATE code, type, canonical Russian name, short name, parent,
Kyrgyz name, the aimak's first village, and known other names (alternative spellings,
renames). Rows that are not admin units of Kyrgyzstan (the made-up country row) are left out.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "munitext" / "data" / "gazetteer.tsv"
COLUMNS = ["code", "type", "name", "short", "parent", "name_ky", "first_village", "other_names"]
PREFIXES = re.compile(r"^(г\.|город|с\.|пгт)\s*", re.IGNORECASE)


def clean(name: str) -> str:
    """Collapse spaces and dashes between words: «Кек – Таш» → «Кек-Таш»."""
    name = re.sub(r"(?<=\w)\s*[-–—]\s*(?=\w)", "-", name.strip())
    return re.sub(r"\s+", " ", name)


def other_names(row: dict[str, str], renames: dict[str, list[str]]) -> list[str]:
    """Alternative names of a unit, without the canonical one and without «г.» prefixes."""
    names = []
    for raw in (row.get("alt_names") or "").split("|") + renames.get(row["code"], []):
        name = clean(PREFIXES.sub("", clean(raw)))
        name = re.sub(r"\s*\(.*\)$", "", name)  # «Кант (город областного значения)»
        if name and name != row["name_ru"] and not name.endswith("районрайон") and name not in names:
            names.append(name)
    return names


def read_renames(path: Path) -> dict[str, list[str]]:
    """Code → new names from the manual changes (renames only; mergers keep their unit)."""
    renames: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["change"] == "rename":
                renames.setdefault(row["old_soate_code"], []).append(row["new_name_ru"])
    return renames


def build(source: Path) -> list[dict[str, str]]:
    renames = read_renames(source / "raw" / "manual_changes" / "changes.csv")
    rows = []
    with (source / "kg_admin_units.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["type"] == "country":
                continue
            parent = row["parent_id"] if row["parent_id"] != "41700000000000" else ""
            rows.append({
                "code": row["code"], "type": row["type"], "name": clean(row["name_ru"]),
                "short": clean(row["name_short_ru"] or row["name_ru"]), "parent": parent,
                "name_ky": clean(row["name_ky"]), "first_village": clean(row["first_village_ru"]),
                "other_names": "|".join(other_names(row, renames)),
            })
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT.parent / "shared" / "data" / "kg_admin")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args()
    rows = build(args.source)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} units -> {args.out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
