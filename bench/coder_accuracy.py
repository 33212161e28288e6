"""Accuracy and speed of the job-title coder against the nearest-name baseline.

    .venv/bin/python -m bench.coder_accuracy              # evaluate, print figures
    .venv/bin/python -m bench.coder_accuracy --build-eval # rewrite the synthetic set

A prediction is right when its code lies inside the labelled code (a label may be a group:
`2-02-00-00` accepts every code starting `2-02-`), by jiuye.occupations.models.group_prefix.
Figures go into docs/benchmarks-coder.md by hand.
"""

import argparse
import csv
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "jiuye" / "occupations" / "data" / "eval"
SYNTHETIC = EVAL / "synthetic_titles.csv"

PREFIXES = ["", "", "急招", "招聘", "高薪诚聘", "直招", "河池市某某有限公司招聘", "【急聘】"]
SUFFIXES = [
    "",
    "包吃住",
    "长白班",
    "五险一金",
    "（男）",
    "(女)",
    "5000-8000元",
    "月入过万",
    "双休",
    "学徒",
    "师傅",
    "3名",
    "（都安）",
    " 4500+提成",
    "/可兼职",
]


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()


def _decorate(rng: random.Random, text: str) -> str:
    prefix = rng.choice(PREFIXES)
    suffix = rng.choice(SUFFIXES)
    if not prefix and not suffix:
        suffix = rng.choice(SUFFIXES[1:])
    return f"{prefix}{text}{suffix}"


def build_synthetic(seed: int = 2022) -> int:
    """Held-out aliases (removed from the index when evaluated) and decorated names."""
    from jiuye.occupations.coder import read_nodes

    rng = random.Random(seed)
    nodes = read_nodes()
    owners: dict[str, set[str]] = {}
    for node in nodes:
        for text in (node.name, *node.aliases):
            owners.setdefault(text, set()).add(node.code)
    rows = []
    for node in nodes:
        # an alias another node also carries stays indexed through that node: not held out
        candidates = [a for a in node.aliases if owners[a] == {node.code} and len(a) >= 2]
        if len(candidates) >= 2:
            held = rng.sample(candidates, max(1, int(len(candidates) * 0.3)))
            for alias in sorted(held):
                for _ in range(2):
                    rows.append((_decorate(rng, alias), node.code, "held_out_alias", alias))
        if node.level == 4:
            rows.append((_decorate(rng, node.label), node.code, "decorated_name", node.name))
    with open(SYNTHETIC, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["title", "code", "kind", "source"])
        writer.writerows(rows)
    return len(rows)


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def accuracy(rows: list[dict], predictions) -> float:
    from jiuye.occupations.models import group_prefix

    right = sum(
        1
        for row, match in zip(rows, predictions, strict=True)
        if match is not None and match.code.startswith(group_prefix(row["code"]))
    )
    return right / len(rows) if rows else 0.0


def evaluate() -> dict[str, float]:
    from jiuye.occupations import coder

    started = time.perf_counter()
    coder.build_index.__wrapped__(frozenset())
    cold = time.perf_counter() - started

    figures: dict[str, float] = {"cold_index_build_s": cold}
    synthetic = read_rows(SYNTHETIC)
    held_out_rows = [r for r in synthetic if r["kind"] == "held_out_alias"]
    decorated_rows = [r for r in synthetic if r["kind"] == "decorated_name"]
    held_out = frozenset(r["source"] for r in held_out_rows)
    nothing: frozenset[str] = frozenset()
    sets = {
        "real_test": (read_rows(EVAL / "real_titles_test.csv"), nothing),
        "real_dev": (read_rows(EVAL / "real_titles_dev.csv"), nothing),
        "held_out_alias": (held_out_rows, held_out),
        "decorated_name": (decorated_rows, nothing),
    }
    for name, (rows, hidden) in sets.items():
        titles = [r["title"] for r in rows]
        index = coder.build_index(hidden)
        figures[f"{name}_n"] = len(rows)
        # the baselines: nearest name, and nearest name or alias (hidden ones left out)
        figures[f"{name}_baseline_names"] = accuracy(
            rows, coder.baseline_code_titles(titles, with_aliases=False)
        )
        figures[f"{name}_baseline"] = accuracy(
            rows, coder.baseline_code_titles(titles, held_out=hidden)
        )
        figures[f"{name}_coder"] = accuracy(rows, coder.code_titles_with(index, titles))

    # 20,000 distinct titles (the coder codes a repeated title once, so repeats would
    # flatter it): every evaluation title, then real titles with random decoration
    rng = random.Random(4512)
    everything = [r["title"] for rows, _ in sets.values() for r in rows]
    distinct = dict.fromkeys(everything)
    while len(distinct) < 20_000:
        distinct[_decorate(rng, rng.choice(everything))] = None
    titles = list(distinct)
    coder.code_titles(titles[:100])  # warm
    started, cpu = time.perf_counter(), time.process_time()
    coder.code_titles(titles)
    figures["titles_per_second_batch"] = len(titles) / (time.perf_counter() - started)
    # CPU time: steadier than the wall clock on a machine shared with other work
    figures["titles_per_cpu_second_batch"] = len(titles) / (time.process_time() - cpu)
    started = time.perf_counter()
    for title in titles[:2000]:
        coder.code_title(title)
    figures["titles_per_second_one_by_one"] = 2000 / (time.perf_counter() - started)
    figures["speed_titles_distinct"] = len(titles)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-eval", action="store_true", help="rewrite the synthetic set")
    args = parser.parse_args()
    _setup_django()
    if args.build_eval:
        print(f"wrote {build_synthetic()} titles to {SYNTHETIC.relative_to(ROOT)}")
        return
    figures = evaluate()
    for key, value in figures.items():
        print(f"{key:32} {value:,.3f}" if isinstance(value, float) else f"{key:32} {value}")


if __name__ == "__main__":
    main()
