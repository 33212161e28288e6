"""Optimal allocation of welfare-post places: pure functions over arrays, no database.

The score of giving person p a place on post q is
    BASE + priority(p) + points.distance(home(p), area(q))
(priority and distance points are the area's `PriorityPoints`)
and a pair exists only when p is eligible for q's type and lives in q's catchment. We want
the assignment (each place at most one person, each person at most one place) with the
largest total score: a maximum-weight bipartite b-matching, solved exactly as a min-cost
flow (OR-Tools).

The network is kept small by noticing that a pair's distance points depend only on the
person's home code, and eligibility only on the person's "signature" (which post types
accept them). People with the same (home, signature) form a class, and people of one class
with the same priority are interchangeable. The network is
    source -> (class, priority) group  [capacity: its size, cost -(BASE + priority)]
           -> class -> post            [cost -distance points]
           -> sink                     [capacity: open places]
plus a zero-cost source -> sink bypass so places may stay empty. A group's flow f is read
back as its first f people in registration order; an exchange argument shows this is an
optimal person-level assignment. A city's 420,000 people become a few thousand nodes.
"""

from collections import defaultdict
from typing import NamedTuple

import numpy as np

from jiuye.assistance.rules import BASE, DEFAULT_POINTS, PriorityPoints


class Candidate(NamedTuple):
    person_id: int
    home_code: str
    priority: int
    post_types: frozenset[str]


class OpenPost(NamedTuple):
    post_id: int
    area_code: str
    post_type: str
    open_places: int
    catchment_digits: int


class Proposal(NamedTuple):
    post_id: int
    person_id: int
    score: int


def pair_score(
    candidate: Candidate, post: OpenPost, points: PriorityPoints = DEFAULT_POINTS
) -> int | None:
    """The score of a pair, or None when the pair is not eligible."""
    if post.post_type not in candidate.post_types:
        return None
    digits = post.catchment_digits
    if len(candidate.home_code) < digits or candidate.home_code[:digits] != post.area_code[:digits]:
        return None
    return BASE + candidate.priority + points.distance(candidate.home_code, post.area_code)


def _reachable_posts(candidates, posts, points):
    """For each class key (home, types): the list of (post index, distance points)."""
    by_catchment: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, post in enumerate(posts):
        if post.open_places > 0:
            key = (post.post_type, post.area_code[: post.catchment_digits])
            by_catchment[key].append(index)
    digits_by_type: dict[str, set[int]] = defaultdict(set)
    for post in posts:
        digits_by_type[post.post_type].add(post.catchment_digits)
    classes: dict[tuple[str, frozenset[str]], list[tuple[int, int]]] = {}
    members: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    for ci, candidate in enumerate(candidates):
        key = (candidate.home_code, candidate.post_types)
        if key not in classes:
            reach = []
            for post_type in sorted(candidate.post_types):
                for digits in digits_by_type.get(post_type, ()):
                    if len(candidate.home_code) < digits:
                        continue
                    for pi in by_catchment.get((post_type, candidate.home_code[:digits]), ()):
                        if posts[pi].catchment_digits == digits:
                            reach.append(
                                (pi, points.distance(candidate.home_code, posts[pi].area_code))
                            )
            classes[key] = reach
        if classes[key]:
            members[key].append(ci)
    return classes, members


def allocate_optimal(
    candidates: list[Candidate],
    posts: list[OpenPost],
    points: PriorityPoints = DEFAULT_POINTS,
) -> list[Proposal]:
    """The assignment with the largest total score (ties broken deterministically)."""
    from ortools.graph.python import min_cost_flow

    classes, members = _reachable_posts(candidates, posts, points)
    class_keys = [k for k in classes if members.get(k)]
    if not class_keys:
        return []
    # People of a class with the same priority are interchangeable: one node per
    # (class, priority) with capacity = how many of them may be placed (at most the places
    # the class reaches), taken in registration order when the flow is read back.
    groups: list[tuple[int, int, list[int]]] = []  # (class index, priority, members)
    for class_i, key in enumerate(class_keys):
        reach_places = sum(posts[pi].open_places for pi, _d in classes[key])
        by_priority: dict[int, list[int]] = defaultdict(list)
        for ci in members[key]:
            by_priority[candidates[ci].priority].append(ci)
        for priority in sorted(by_priority, reverse=True):
            people = sorted(by_priority[priority], key=lambda ci: candidates[ci].person_id)
            groups.append((class_i, priority, people[:reach_places]))
    n_groups, n_classes, n_posts = len(groups), len(class_keys), len(posts)
    source, group0 = 0, 1
    class0 = group0 + n_groups
    post0 = class0 + n_classes
    sink = post0 + n_posts
    class_index = {key: i for i, key in enumerate(class_keys)}
    sizes = np.array([len(g[2]) for g in groups], dtype=np.int64)
    class_post = np.array(
        [
            (class0 + class_index[key], post0 + pi, dist)
            for key in class_keys
            for pi, dist in classes[key]
        ],
        dtype=np.int64,
    ).reshape(-1, 3)
    places = np.array([max(p.open_places, 0) for p in posts], dtype=np.int64)
    supply = int(min(places.sum(), sizes.sum()))
    big = int(sizes.sum()) + 1
    tails = np.concatenate(
        [
            np.zeros(n_groups, dtype=np.int64),  # source -> group
            np.arange(group0, class0),  # group -> class
            class_post[:, 0],  # class -> post
            np.arange(post0, sink),  # post -> sink
            [source],  # bypass: places may stay empty
        ]
    )
    heads = np.concatenate(
        [
            np.arange(group0, class0),
            class0 + np.array([g[0] for g in groups], dtype=np.int64),
            class_post[:, 1],
            np.full(n_posts, sink),
            [sink],
        ]
    )
    caps = np.concatenate([sizes, sizes, np.full(len(class_post), big), places, [supply]])
    costs = np.concatenate(
        [
            -np.array([BASE + g[1] for g in groups], dtype=np.int64),
            np.zeros(n_groups, dtype=np.int64),
            -class_post[:, 2],
            np.zeros(n_posts, dtype=np.int64),
            [0],
        ]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), caps, costs
    )
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[source], supplies[sink] = supply, -supply
    flow.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed with status {status}")
    flows = flow.flows(np.arange(flow.num_arcs(), dtype=np.int32))

    chosen_by_class: dict[int, list[int]] = defaultdict(list)
    for gi, (class_i, _priority, people) in enumerate(groups):
        chosen_by_class[class_i].extend(people[: int(flows[gi])])
    offset = 2 * n_groups
    cursor: dict[int, int] = defaultdict(int)
    proposals = []
    for arc in range(len(class_post)):
        amount = int(flows[offset + arc])
        if not amount:
            continue
        class_i = int(class_post[arc, 0]) - class0
        pi = int(class_post[arc, 1]) - post0
        dist = int(class_post[arc, 2])
        for ci in chosen_by_class[class_i][cursor[class_i] : cursor[class_i] + amount]:
            candidate = candidates[ci]
            proposals.append(
                Proposal(posts[pi].post_id, candidate.person_id, BASE + candidate.priority + dist)
            )
        cursor[class_i] += amount
    proposals.sort(key=lambda p: (p.post_id, -p.score, p.person_id))
    return proposals


def allocate_first_come(
    candidates: list[Candidate],
    posts: list[OpenPost],
    points: PriorityPoints = DEFAULT_POINTS,
) -> list[Proposal]:
    """The baseline: people in the order they registered, each takes the first post (in
    the order posts were created) with a free place they are eligible for."""
    free = [p.open_places for p in posts]
    lists: dict[tuple[str, str], list[int]] = defaultdict(list)
    digits_by_type: dict[str, set[int]] = defaultdict(set)
    for index, post in enumerate(posts):
        lists[(post.post_type, post.area_code[: post.catchment_digits])].append(index)
        digits_by_type[post.post_type].add(post.catchment_digits)
    cursor: dict[tuple[str, str], int] = defaultdict(int)
    proposals = []
    for candidate in sorted(candidates, key=lambda c: c.person_id):
        best = None
        for post_type in candidate.post_types:
            for digits in digits_by_type.get(post_type, ()):
                key = (post_type, candidate.home_code[:digits])
                indexes = lists.get(key)
                if not indexes or len(candidate.home_code) < digits:
                    continue
                while cursor[key] < len(indexes) and free[indexes[cursor[key]]] == 0:
                    cursor[key] += 1
                for pi in indexes[cursor[key] :]:
                    if free[pi] and posts[pi].catchment_digits == digits:
                        if best is None or pi < best:
                            best = pi
                        break
        if best is not None:
            free[best] -= 1
            score = pair_score(candidate, posts[best], points)
            proposals.append(Proposal(posts[best].post_id, candidate.person_id, score))
    return proposals


def total_score(proposals: list[Proposal]) -> int:
    return sum(p.score for p in proposals)
