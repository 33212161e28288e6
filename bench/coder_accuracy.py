"""Accuracy and speed of the job-title coder against the nearest-name baseline.

    .venv/bin/python -m bench.coder_accuracy              # evaluate, print figures
    .venv/bin/python -m bench.coder_accuracy --build-eval # rewrite the synthetic set

A prediction is right when its code lies inside the labelled code (a label may be a group:
`2-02-00-00` accepts every code starting `2-02-`), by jiuye.occupations.models.group_prefix.
Figures go into docs/benchmarks-coder.md by hand. The coder learns from the dev half's
labelled titles (its nearest-neighbour step), so the dev figure is cross-validated (a title
is never its own example) and every set is also measured without those examples.
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


BANDS = [(0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)]


def by_confidence(rows: list[dict], predictions) -> dict[str, float]:
    """Share of titles and accuracy in each confidence band: is the confidence honest?"""
    from jiuye.occupations.models import group_prefix

    figures: dict[str, float] = {}
    for low, high in BANDS:
        inside = [
            (row, match)
            for row, match in zip(rows, predictions, strict=True)
            if match is not None and low <= match.confidence < high
        ]
        name = f"{low:.1f}-{min(high, 1.0):.1f}"
        figures[f"band_{name}_share"] = len(inside) / len(rows)
        figures[f"band_{name}_accuracy"] = (
            sum(m.code.startswith(group_prefix(r["code"])) for r, m in inside) / len(inside)
            if inside
            else 0.0
        )
    return figures


def cross_validated_dev(rows: list[dict], folds: int = 2) -> float:
    """The dev half with the labelled-examples step learning from the other folds only, so
    that no title is its own example (folds split by a hash of the title, as the halves)."""
    import hashlib
    import tempfile

    from jiuye.occupations import coder

    parts: list[list[dict]] = [[] for _ in range(folds)]
    for row in rows:
        parts[hashlib.sha256(("fold" + row["title"]).encode()).digest()[0] % folds].append(row)
    right = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for k, part in enumerate(parts):
            others = Path(tmp) / f"others_{k}.csv"
            with open(others, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, ["title", "code", "name"], extrasaction="ignore")
                writer.writeheader()
                writer.writerows(r for j, p in enumerate(parts) if j != k for r in p)
            index = coder.build_index.__wrapped__(frozenset(), labelled=False)
            index.neighbours = coder.labelled_neighbours(index.node_of_code, frozenset(), others)
            titles = [r["title"] for r in part]
            right += accuracy(part, coder.code_titles_with(index, titles)) * len(part)
    return right / len(rows)


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
    dev_rows = read_rows(EVAL / "real_titles_dev.csv")
    test_rows = read_rows(EVAL / "real_titles_test.csv")
    sets = {
        "real_test": (test_rows, nothing),
        "real_dev": (dev_rows, nothing),
        "held_out_alias": (held_out_rows, held_out),
        "decorated_name": (decorated_rows, nothing),
    }
    for name, (rows, hidden) in sets.items():
        titles = [r["title"] for r in rows]
        figures[f"{name}_n"] = len(rows)
        # the baselines: nearest name, and nearest name or alias (hidden ones left out)
        figures[f"{name}_baseline_names"] = accuracy(
            rows, coder.baseline_code_titles(titles, with_aliases=False)
        )
        figures[f"{name}_baseline"] = accuracy(
            rows, coder.baseline_code_titles(titles, held_out=hidden)
        )
        # without the labelled examples: the classification, curated tables and rules only
        figures[f"{name}_coder_without_examples"] = accuracy(
            rows, coder.code_titles_with(coder.build_index(hidden, labelled=False), titles)
        )
        if name == "real_dev":
            # the dev half would find itself among the examples: cross-validate instead
            figures["real_dev_coder_cross_validated"] = cross_validated_dev(rows)
            continue
        predictions = coder.code_titles_with(coder.build_index(hidden), titles)
        figures[f"{name}_coder"] = accuracy(rows, predictions)
        if name == "real_test":
            figures.update(
                {f"real_test_{k}": v for k, v in by_confidence(rows, predictions).items()}
            )

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
