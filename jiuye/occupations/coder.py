"""The job-title coder: a free-text job title (`普工`, `叉车司机`, `抖音商务`) to a 2022 occupation
classification code with a confidence.

Works from `data/csco22.csv` and the labelled dev half of the real job-board titles
(`data/eval/real_titles_dev.csv`) alone: no database, no network, no model download. The
method (see docs/job-title-coder.md; the curated tables are in `title_tables.py`):

1. Clean the title of recruitment decoration (招聘, 急招, 包吃住, 五险一金, 5000-8000元,
   company names before 招聘, bracketed notes, job-board reference numbers) and split
   lists such as `普工/操作工` into parts; every part is scored and the best part wins.
2. Title rules (`TITLE_RULES`) for patterns the names get wrong: sales managers are
   marketing professionals, teachers by school level, online shops' customer service,
   office clerks, engineers by field ...
3. An exact hit in the curated table of colloquial titles or among the classification's
   aliases decides at once; `电子厂普工` goes to its industry.
4. Otherwise every occupation is scored: character 1-3-gram TF-IDF cosine against its name
   and aliases, plus a smaller cosine against its definition and tasks, plus bonuses when a
   name, alias or curated title appears inside the title (the longer, and the nearer the end,
   the better: Chinese puts the occupation last, `项目部木工`), when the title ends in the
   same head noun (工, 员, 师, 司机 ...) as the name, and for the label of the most similar
   labelled real title; a head noun such as 工程师 rules out other major groups. A group
   gives way to its best member when that scores nearly as well. A near copy of a labelled
   title takes its label.

Confidence is the share of dev-half titles decided the same way that came out right.
Everything is built once per process on first use (`functools.cache`) in about a second.
"""

import csv
import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from jiuye.lib.chinese_text import ngrams
from jiuye.occupations.title_tables import (
    COLLOQUIAL_TITLES,
    HEAD_MAJOR_GROUPS,
    HEAD_NOUNS,
    INDUSTRY_WORKERS,
    TITLE_RULES,
)

DATA_FILE = Path(__file__).resolve().parent / "data" / "csco22.csv"
# Real job-board titles labelled with 2022 codes: the development half of the evaluation set
# doubles as the coder's labelled examples (the test half is never read by the coder).
LABELLED_TITLES = DATA_FILE.parent / "eval" / "real_titles_dev.csv"

# Weights of the score parts, chosen on the development half of the real titles
# (data/eval/real_titles_dev.csv); the held-out half is only ever measured.
W_NAME = 1.0  # cosine of the title against a name or alias
W_DEFINITION = 0.3  # cosine against the definition and tasks
W_CONTAINED = 0.45  # a name/alias/curated title appears inside the title
W_HEAD = 0.06  # the title ends in the same head noun (last 1 or 2 characters)
DESCEND_MARGIN = 0.2  # a group's best member within this of the group is preferred
MIN_SCORE = 0.2  # below this there is no answer
W_OUTSIDE_MAJOR = 1.0  # taken off nodes outside the major group a head noun fixes
CHUNK = 512  # titles scored per matrix product
# A title that nothing above decides takes the label of the most similar labelled title when
# the two are at least this similar (cosine of character n-grams), chosen on the dev half by
# leave-one-out.
NEIGHBOUR_SIMILARITY = 0.9
W_NEIGHBOUR = 0.6
NEIGHBOUR_FLOOR = 0.3
# Confidence of each way of deciding: about the share of dev-half titles decided that way
# that came out right (two-fold cross-validation; the test half's table is in
# docs/benchmarks-coder.md).
CONFIDENCE_NAME = 0.95  # the title is a published name
CONFIDENCE_RULE = 0.8  # a title rule
CONFIDENCE_EXACT = 0.75  # an alias or a curated colloquial title
CONFIDENCE_INDUSTRY = 0.6  # a production worker in a named industry
CONFIDENCE_NEIGHBOUR = 0.6  # a near copy of a labelled title
CONFIDENCE_PER_SCORE = 0.6  # scored: this times the score, at most CONFIDENCE_SCORED_MAX
CONFIDENCE_SCORED_MAX = 0.6


@dataclasses.dataclass(frozen=True, slots=True)
class Match:
    """A coded title: the occupation (or group) code, its name, how sure, and its level
    (1 major group ... 4 occupation)."""

    code: str
    name: str
    confidence: float
    level: int


@dataclasses.dataclass(frozen=True, slots=True)
class _Node:
    code: str
    level: int
    label: str  # the published name without the green (L) / digital (S) marker
    name: str  # normalised for matching
    aliases: tuple[str, ...]
    description: str


# ---------------------------------------------------------------------------- cleaning

_MARKER = re.compile(r"(?<=[\u4e00-\u9fff])[LS/]+$")  # 2022 green (L) / digital (S) markers
_BRACKETS = re.compile(r"[(（\[［{｛<《][^)）\]］}｝>》]*[)）\]］}｝>》]")
_LOUD_BRACKETS = re.compile(r"[【〔〖「『]([^】〕〗」』]*)[】〕〗」』]")
_REFERENCE = re.compile(r"[a-z]{1,3}\d{3,}")  # job-board reference numbers: j10728, mj001803
_MONEY = re.compile(
    r"(月薪|月入|年薪|底薪|保底|综合薪资|综合工资|薪资|工资|薪水|时薪|日薪|日结|无责|税后|到手|收入)?"
    r"(过万|上万|\d+(\.\d+)?\s*[kw千万]?\+?"
    r"(\s*[-~～至到]\s*\d+(\.\d+)?\s*[kw千万]?)?\s*\+?"
    r"(元|块)?(/|每|一)?(小时|时|天|日|月|年|个月)?(起|以上|左右)?\+?)"
)
_DECORATIONS = re.compile(
    "|".join(
        [
            r"(包|管|提供|免费)(吃住|食宿|住宿|吃|住|宿舍|三餐|工作餐|餐)+",
            r"(五|六)险(一|二)金|(五|六)险|社保|公积金|五险",
            r"(周末)?(双休|单休|大小周|做六休一|做五休二)",
            r"月休\d+天|上\d+休\d+|朝九晚[五六]|早[九八七\d]+晚[五六七八\d]+|早班|晚班|夜班",
            r"长白班|常白班|白班|两班倒|倒班|不加班|不倒班|坐班|不坐班|时间自由|时间灵活",
            r"(接受|欢迎|可带)?(小白|新手|无经验|零基础)(均?可|也可|可带|优先)?",
            r"(无|不|非|不带|无需)(销售|业绩|外呼|压力|任务)(性质|压力)?",
            r"经验不限|学历不限|不限经验|不限学历|男女不限|年龄不限|有无经验均可|生熟手均可",
            r"(可|接受)?(兼职|全职|临时工?|长期|短期|小时工|暑假工|寒假工|日结)",
            r"急招|急聘|诚聘|直招|热招|高薪|急需|招募|聘请|高工资|待遇优厚|待遇好",
            r"包吃包住|包吃|包住|餐补|房补|交通补|带薪培训|带薪|年终奖|提成|奖金|福利好",
            r"名额有限|若干名?|\d+名|\d+人|数名|多名|一名|两名|三名",
            r"(限|仅限)?[男女]性?(士)?(优先)?$|^[男女](性)?",
        ]
    )
)
_SENIORITY = re.compile(r"^(初级|中级|高级|资深|见习|实习|储备|助理)(?=..)")
_RANK = re.compile(
    r"(经理|主管|总监|专员|助理|主任|负责人|组长|领班|岗位|岗|副总|总经理|客服|前台|顾问|管家)+$"
)
_GENERIC_HEAD = re.compile(r"^(.{2,}?)(项目经理|项目主管|项目负责人|项目工程师|产品经理)$")
_RECRUIT = "招聘"
# after 招聘 these mean a recruiter (招聘专员), not "hiring": keep the word
_RECRUITER_ROLES = ("专员", "主管", "经理", "助理", "顾问", "专家", "师", "总监", "负责人")
_SEPARATORS = re.compile(r"[/／、，,;；|｜+＋&\s·•.。!！?？~～\-—_:：*#\"'“”]+")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().strip()


def clean_title(title: str) -> str:
    """The title without recruitment decoration; separators kept as single spaces so that
    `split_title` can find the parts. `急招普工（男）包吃住5000-8000元` -> `普工`."""
    text = _normalise(title)
    text = _LOUD_BRACKETS.sub(r" \1 ", text)
    without_brackets = _BRACKETS.sub(" ", text)
    if without_brackets.strip(" /、,，"):
        text = without_brackets
    text = _REFERENCE.sub(" ", text)
    if _RECRUIT in text:
        head, _, tail = text.rpartition(_RECRUIT)
        if tail.strip() and not tail.strip().startswith(_RECRUITER_ROLES):
            text = tail  # `某某公司招聘普工` -> `普工`
        elif not head.strip() or tail.strip().startswith(_RECRUITER_ROLES):
            text = head + " " + _RECRUIT + tail
    text = _MONEY.sub(" ", text)
    text = _DECORATIONS.sub(" ", text)
    text = re.sub(r"^招(?![聘生商标投募收待])|(招|聘)$", " ", text.strip())
    text = re.sub(r"(?<=..)(师傅|学徒工?|大工|小工|熟手)(?= |$)", " ", text)
    return " ".join(part for part in _SEPARATORS.split(text) if part)


def split_title(cleaned: str) -> list[str]:
    """The cleaned title as a whole and its parts (`普工 操作工` -> three candidates)."""
    parts = [p for p in cleaned.split(" ") if p]
    whole = "".join(parts)
    candidates = [whole, *parts] if len(parts) > 1 else parts
    # `高级会计` is a 会计; tried after the title as written, so `高级中学教师` stays whole
    for text in list(candidates):
        plain = _SENIORITY.sub("", text)
        if plain != text and plain and plain not in candidates:
            candidates.append(plain)
    # `护理主管`: a rank word at the end hides the field, which then carries the occupation
    for text in list(candidates):
        field = _RANK.sub("", text)
        if field != text and len(field) >= 2 and field not in candidates:
            candidates.append(field)
    return candidates


def _field_of_generic_head(text: str) -> str:
    """`水务项目经理` -> `水务`: a project or product manager works in the field named before
    the head, which alone is then scored (the head would always win the comparison)."""
    match = _GENERIC_HEAD.match(text)
    return match.group(1) if match else text


def _clean_name(name: str) -> str:
    return _normalise(_MARKER.sub("", name.strip())).replace(" ", "")


# ---------------------------------------------------------------------------- index


def read_nodes(path: Path = DATA_FILE) -> list[_Node]:
    """The classification's nodes, one per code (the deepest level where a code repeats)."""
    by_code: dict[str, _Node] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            level = int(row["level"])
            name = _clean_name(row["name"])
            aliases = []
            for raw in re.split(r"[,，]", row["alias"] or ""):
                alias = _clean_name(raw)
                if alias and alias != name and alias not in aliases:
                    aliases.append(alias)
            old = by_code.get(row["code"])
            if old is not None and old.level >= level:
                continue
            by_code[row["code"]] = _Node(
                code=row["code"],
                level=level,
                label=_MARKER.sub("", row["name"].strip()),
                name=name,
                aliases=tuple(aliases),
                description=_normalise(f"{row['definition']} {row['tasks']}"),
            )
    return sorted(by_code.values(), key=lambda n: n.code)


def _grams(text: str) -> list[str]:
    if not text:
        return []
    # a single Latin letter or digit says nothing about an occupation (`q` in `qc`)
    singles = [c for c in text if not c.isascii()]
    return [*singles, *ngrams(text, 2), *ngrams(text, 3)]


class _Vectoriser:
    """Character 1-3-gram TF-IDF with a fixed vocabulary (n-grams unseen in the
    classification carry no information about it and are dropped)."""

    def __init__(self, documents: Sequence[str], grams=_grams):
        self.grams = grams
        vocabulary: dict[str, int] = {}
        df: dict[int, int] = {}
        for doc in documents:
            for gram in set(grams(doc)):
                index = vocabulary.setdefault(gram, len(vocabulary))
                df[index] = df.get(index, 0) + 1
        self.vocabulary = vocabulary
        counts = np.array([df[i] for i in range(len(vocabulary))], dtype=np.float64)
        self.idf = (np.log((1 + len(documents)) / (1 + counts)) + 1.0).astype(np.float32)

    def transform(self, documents: Iterable[str]) -> sparse.csr_matrix:
        get = self.vocabulary.get
        rows: list[int] = []
        columns: list[int] = []
        count = 0
        for count, doc in enumerate(documents, start=1):
            ids = [i for i in map(get, self.grams(doc)) if i is not None]
            columns.extend(ids)
            rows.extend([count - 1] * len(ids))
        # duplicates (a gram seen twice) are summed by the conversion to CSR
        matrix = sparse.coo_matrix(
            (np.ones(len(columns), dtype=np.float32), (rows, columns)),
            shape=(count, len(self.vocabulary)),
        ).tocsr()
        matrix.sum_duplicates()
        # sublinear term frequency times idf, then unit length per row
        matrix.data = (1.0 + np.log(matrix.data)) * self.idf[matrix.indices]
        squares = np.zeros(count, dtype=np.float32)
        np.add.at(squares, np.repeat(np.arange(count), np.diff(matrix.indptr)), matrix.data**2)
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
        return matrix


def _description_grams(text: str) -> list[str]:
    return ngrams(text, 2) if text else []


@dataclasses.dataclass
class _Neighbours:
    """Labelled real titles (cleaned, each with its most frequent label) for the
    nearest-neighbour step."""

    vectoriser: _Vectoriser
    matrix: sparse.csr_matrix  # grams x titles
    nodes: np.ndarray  # title -> node


def labelled_neighbours(
    node_of_code: dict[str, int], held_out: frozenset[str], path: Path | None = None
) -> _Neighbours:
    votes: dict[str, dict[int, int]] = {}
    with open(path or LABELLED_TITLES, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            node = node_of_code.get(row["code"])
            text = "".join(clean_title(row["title"]).split())
            if node is None or not text or text in held_out:
                continue  # a label outside the classification, or a held-out string
            counts = votes.setdefault(text, {})
            counts[node] = counts.get(node, 0) + 1
    texts = list(votes)
    vectoriser = _Vectoriser(texts)
    return _Neighbours(
        vectoriser=vectoriser,
        matrix=vectoriser.transform(texts).T.tocsr(),
        nodes=np.array([max(votes[t], key=votes[t].get) for t in texts], dtype=np.int32),
    )


def _nearest_labelled(neighbours: _Neighbours, texts: list[str]) -> list[tuple[int, float]]:
    """(node, similarity) of the most similar labelled title, for each text."""
    found: list[tuple[int, float]] = []
    for offset in range(0, len(texts), CHUNK):
        similarity = (
            neighbours.vectoriser.transform(texts[offset : offset + CHUNK]) @ neighbours.matrix
        ).toarray()
        best = similarity.argmax(axis=1)
        found.extend(
            (int(neighbours.nodes[b]), float(similarity[row, b]))
            for row, b in enumerate(best.tolist())
        )
    return found


@dataclasses.dataclass
class _Index:
    nodes: list[_Node]
    node_of_code: dict[str, int]
    entry_node: np.ndarray  # entry -> node, entries sorted by node
    entry_starts: np.ndarray  # first entry of each node, for np.maximum.reduceat
    names: _Vectoriser
    name_matrix: sparse.csr_matrix  # entries x grams, transposed for the product
    descriptions: _Vectoriser
    description_matrix: sparse.csr_matrix
    exact: dict[str, int]  # cleaned name or alias -> node
    names_exact: frozenset[str]  # the published names (rules never override them)
    contained: dict[str, int]  # every string whose presence inside a title points to a node
    max_contained: int
    level_bonus: np.ndarray
    outside_major: list[tuple[re.Pattern, np.ndarray]]  # head noun -> nodes it rules out
    descendants: dict[int, np.ndarray]  # group node -> the nodes inside it
    entries_by_head: dict[str, np.ndarray]  # last 1 or 2 characters -> entries ending so
    neighbours: _Neighbours | None  # labelled real titles, when the index uses them


def _resolve(nodes_by_code: dict[str, int], code: str) -> int:
    if code not in nodes_by_code:
        raise KeyError(f"curated code {code} is not in the classification")
    return nodes_by_code[code]


def get_index() -> _Index:
    """The coder's index, built once per process from the CSV."""
    return build_index(frozenset())


@functools.cache
def build_index(held_out: frozenset[str], *, labelled: bool = True) -> _Index:
    """An index without the given names, aliases and curated titles (normalised): the
    evaluation holds some aliases out to measure the coder on strings it has not seen.
    `labelled=False` leaves out the labelled real titles (the nearest-neighbour step)."""
    nodes = read_nodes()
    node_of_code = {n.code: i for i, n in enumerate(nodes)}
    entries: list[tuple[int, str]] = []
    exact: dict[str, int] = {}
    for i, node in enumerate(nodes):
        for text in (node.name, *node.aliases):
            if text in held_out:
                continue
            entries.append((i, text))
            # an alias shared by several nodes goes to the most specific (first seen
            # deepest); names always win over aliases
            if text == node.name or text not in exact:
                exact[text] = i
    for code in (*(c for _, c in TITLE_RULES), *INDUSTRY_WORKERS.values()):
        _resolve(node_of_code, code)  # a rule pointing nowhere fails here, not mid-import
    curated = {
        _normalise(t): _resolve(node_of_code, c)
        for t, c in COLLOQUIAL_TITLES.items()
        if _normalise(t) not in held_out
    }
    exact.update(curated)
    for title, i in curated.items():
        entries.append((i, title))
    entries.sort(key=lambda e: e[0])
    entry_node = np.array([e[0] for e in entries], dtype=np.int32)
    texts = [e[1] for e in entries]
    starts = np.searchsorted(entry_node, np.arange(len(nodes)))

    names = _Vectoriser(texts)
    descriptions = _Vectoriser(
        [f"{n.name} {n.description}" for n in nodes], grams=_description_grams
    )
    contained = {t: i for t, i in exact.items() if len(t) >= 2}
    for noun, code in HEAD_NOUNS.items():
        if _normalise(noun) in held_out:
            continue
        contained.setdefault(_normalise(noun), _resolve(node_of_code, code))
    level_bonus = np.array([0.02 * n.level for n in nodes], dtype=np.float32)
    return _Index(
        nodes=nodes,
        node_of_code=node_of_code,
        entry_node=entry_node,
        entry_starts=starts,
        names=names,
        name_matrix=names.transform(texts).T.tocsr(),
        descriptions=descriptions,
        description_matrix=descriptions.transform(
            [f"{n.name} {n.description}" for n in nodes]
        ).T.tocsr(),
        exact=exact,
        names_exact=frozenset(n.name for n in nodes),
        contained=contained,
        max_contained=max(len(t) for t in contained),
        level_bonus=level_bonus,
        outside_major=[
            (re.compile(pattern), np.array([not n.code.startswith(p) for n in nodes]))
            for pattern, p in HEAD_MAJOR_GROUPS
        ],
        descendants=_descendants(nodes),
        entries_by_head=_entries_by_head(texts),
        # a deployment without the evaluation files still codes, from the classification
        neighbours=(
            labelled_neighbours(node_of_code, held_out)
            if labelled and LABELLED_TITLES.exists()
            else None
        ),
    )


def _group_prefix(code: str) -> str:
    # the same rule as jiuye.occupations.models.group_prefix, kept here so that the coder
    # imports nothing from Django
    parts = code.split("-")
    while len(parts) > 1 and not parts[-1].strip("0"):
        parts.pop()
    return "-".join(parts) + ("-" if len(parts) < 4 else "")


def _entries_by_head(texts: list[str]) -> dict[str, np.ndarray]:
    heads: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for size in (1, 2):
            if len(text) >= size:
                heads.setdefault(text[-size:], []).append(i)
    return {head: np.array(members, dtype=np.int32) for head, members in heads.items()}


def _descendants(nodes: list[_Node]) -> dict[int, np.ndarray]:
    inside: dict[int, np.ndarray] = {}
    for i, node in enumerate(nodes):
        if node.level == 4:
            continue
        prefix = _group_prefix(node.code)
        members = [j for j, n in enumerate(nodes) if j != i and n.code.startswith(prefix)]
        if members:
            inside[i] = np.array(members, dtype=np.int32)
    return inside


# ---------------------------------------------------------------------------- scoring


@functools.cache
def _compiled_rules() -> list[tuple[re.Pattern, str]]:
    return [(re.compile(pattern), code) for pattern, code in TITLE_RULES]


@functools.cache
def _any_rule() -> re.Pattern:
    # one search rules out most titles at once; only a title that some rule matches goes
    # through the list to find the first
    return re.compile("|".join(f"(?:{pattern})" for pattern, _ in TITLE_RULES))


def _title_rule(index: _Index, text: str) -> int | None:
    if not _any_rule().search(text):
        return None
    for pattern, code in _compiled_rules():
        if pattern.search(text):
            return index.node_of_code[code]
    return None


def _industry_group(index: _Index, text: str) -> int | None:
    """`电子厂普工` -> the electronics manufacturing group rather than all of production."""
    for worker in ("普工", "操作工", "生产员", "流水线", "工人", "员工", "学徒工", "杂工"):
        if worker in text:
            for word, code in INDUSTRY_WORKERS.items():
                if word in text:
                    return index.node_of_code[code]
    return None


def _best_contained(index: _Index, text: str) -> tuple[int, float] | None:
    """The longest known string inside the text, preferring one that ends the text."""
    best: tuple[float, int] | None = None
    length = len(text)
    for size in range(min(index.max_contained, length), 1, -1):
        for start in range(length - size + 1):
            node = index.contained.get(text[start : start + size])
            if node is None:
                continue
            end_gap = length - (start + size)
            strength = size / length * (1.0 if end_gap == 0 else 0.75) + min(size, 4) * 0.05
            if best is None or strength > best[0]:
                best = (strength, node)
        if best is not None:
            break
    if best is None:
        return None
    return best[1], min(best[0], 1.0)


def _score_candidates(
    index: _Index, candidates: list[str], nearest: dict[str, tuple[int, float]]
) -> list[tuple[int, float]]:
    """(node, score) for each candidate text, by batched sparse products; `nearest` holds
    each text's most similar labelled title (empty without labelled examples)."""
    results: list[tuple[int, float]] = []
    for offset in range(0, len(candidates), CHUNK):
        chunk = candidates[offset : offset + CHUNK]
        query = index.names.transform(chunk)
        entry_scores = (query @ index.name_matrix).toarray()
        for row, text in enumerate(chunk):
            # entries ending in the same head noun (the last one or two characters)
            for size, weight in ((1, 0.5 * W_HEAD), (2, W_HEAD)):
                if len(text) >= size:
                    members = index.entries_by_head.get(text[-size:])
                    if members is not None:
                        entry_scores[row, members] += weight
        node_scores = W_NAME * np.maximum.reduceat(entry_scores, index.entry_starts, axis=1)
        description = (index.descriptions.transform(chunk) @ index.description_matrix).toarray()
        node_scores += W_DEFINITION * description
        node_scores += index.level_bonus[None, :]
        for row, text in enumerate(chunk):
            hit = _best_contained(index, text)
            if hit is not None:
                node_scores[row, hit[0]] += W_CONTAINED * hit[1]
            for head, outside in index.outside_major:
                if head.search(text):
                    node_scores[row, outside] -= W_OUTSIDE_MAJOR
        for row, text in enumerate(chunk):
            node, similarity = nearest.get(text, (0, 0.0))
            if similarity >= NEIGHBOUR_FLOOR:
                node_scores[row, node] += W_NEIGHBOUR * similarity
        for row, b in enumerate(node_scores.argmax(axis=1).tolist()):
            score = float(node_scores[row, b])
            members = index.descendants.get(b)
            if members is not None:
                # prefer the most specific code that scores nearly as well as its group
                inner = members[int(node_scores[row, members].argmax())]
                if node_scores[row, inner] >= score - DESCEND_MARGIN:
                    b, score = int(inner), float(node_scores[row, inner])
            results.append((b, score))
    return results


def _match(index: _Index, node: int, confidence: float) -> Match:
    n = index.nodes[node]
    return Match(
        code=n.code,
        name=n.label,
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        level=n.level,
    )


def code_titles(titles: Sequence[str]) -> list[Match | None]:
    """Code many titles at once (much faster per title than one by one)."""
    return code_titles_with(get_index(), titles)


def code_titles_with(index: _Index, titles: Sequence[str]) -> list[Match | None]:
    """`code_titles` against a given index (the evaluation's held-out index). Each distinct
    title is coded once: ledger imports repeat 普工 thousands of times."""
    distinct = list(dict.fromkeys(titles))
    if len(distinct) < len(titles):
        coded = dict(zip(distinct, _code_distinct(index, distinct), strict=True))
        return [coded[title] for title in titles]
    return _code_distinct(index, titles)


def _code_distinct(index: _Index, titles: Sequence[str]) -> list[Match | None]:
    answers: list[Match | None] = [None] * len(titles)
    pending: list[tuple[int, str]] = []  # (title position, candidate text)
    # the cleaned title of each position an alias decides or that is left to score: a
    # near copy of a labelled example overrides both (the labels' conventions beat aliases)
    wholes: dict[int, str] = {}
    for position, title in enumerate(titles):
        raw = _normalise(title).replace(" ", "")
        if raw in index.names_exact:
            answers[position] = _match(index, index.exact[raw], CONFIDENCE_NAME)
            continue
        candidates = split_title(clean_title(title))
        rule = (
            _title_rule(index, candidates[0])
            if candidates and candidates[0] not in index.names_exact
            else None
        )
        if rule is not None:
            answers[position] = _match(index, rule, CONFIDENCE_RULE)
            continue
        if raw in index.exact:
            answers[position] = _match(index, index.exact[raw], CONFIDENCE_EXACT)
            if candidates:
                wholes[position] = candidates[0]  # a near copy of an example still wins
            continue
        # `普工 汽车厂`: the industry named beside a production worker beats the bare 普工
        industry = (
            _industry_group(index, candidates[0])
            if candidates and candidates[0] not in index.exact
            else None
        )
        if industry is not None:
            answers[position] = _match(index, industry, CONFIDENCE_INDUSTRY)
            continue
        hit = next((c for c in candidates if c in index.exact), None)
        if hit is not None:
            answers[position] = _match(index, index.exact[hit], CONFIDENCE_EXACT)
            if hit not in index.names_exact:
                wholes[position] = candidates[0]
            continue
        pending.extend((position, _field_of_generic_head(c)) for c in candidates)
        if candidates:
            wholes[position] = candidates[0]
    nearest: dict[str, tuple[int, float]] = {}
    if index.neighbours is not None:
        texts = list(dict.fromkeys([*(c for _, c in pending), *wholes.values()]))
        nearest = dict(zip(texts, _nearest_labelled(index.neighbours, texts), strict=True))
    scores = _score_candidates(index, [c for _, c in pending], nearest)
    best: dict[int, tuple[int, float]] = {}
    for (position, _), (node, score) in zip(pending, scores, strict=True):
        if position not in best or score > best[position][1] + 1e-6:
            best[position] = (node, score)
    for position, (node, score) in best.items():
        if score >= MIN_SCORE:
            confidence = min(CONFIDENCE_PER_SCORE * score, CONFIDENCE_SCORED_MAX)
            answers[position] = _match(index, node, confidence)
    for position, whole in wholes.items():
        node, similarity = nearest.get(whole, (0, 0.0))
        if similarity >= NEIGHBOUR_SIMILARITY:
            answers[position] = _match(index, node, CONFIDENCE_NEIGHBOUR)
    return answers


def code_title(title: str) -> Match | None:
    """The occupation code of one job title, or None when nothing in it is recognised."""
    return code_titles([title])[0]


# ---------------------------------------------------------------------------- baseline


@functools.cache
def _baseline_index(
    with_aliases: bool, held_out: frozenset[str]
) -> tuple[_Vectoriser, sparse.csr_matrix, list[_Node]]:
    nodes = read_nodes()
    owners, texts = [], []
    for node in nodes:
        for text in (node.name, *node.aliases) if with_aliases else (node.name,):
            if text in held_out:
                continue
            owners.append(node)
            texts.append(text)
    vectoriser = _Vectoriser(texts)
    return vectoriser, vectoriser.transform(texts).T.tocsr(), owners


def baseline_code_titles(
    titles: Sequence[str], *, with_aliases: bool = True, held_out: frozenset[str] = frozenset()
) -> list[Match | None]:
    """The simple nearest-name baseline: character n-gram TF-IDF cosine of the raw
    (normalised) title against the classification's names and aliases (or names only);
    no cleaning, no rules, no definitions."""
    vectoriser, matrix, nodes = _baseline_index(with_aliases, held_out)
    answers: list[Match | None] = []
    for offset in range(0, len(titles), CHUNK):
        chunk = [_normalise(t).replace(" ", "") for t in titles[offset : offset + CHUNK]]
        scores = (vectoriser.transform(chunk) @ matrix).toarray()
        for row in range(len(chunk)):
            b = int(scores[row].argmax())
            s = float(scores[row, b])
            node = nodes[b]
            answers.append(
                Match(code=node.code, name=node.label, confidence=round(s, 3), level=node.level)
                if s > 0
                else None
            )
    return answers
