"""The allocation solver on its own (no database): optimal against brute force."""

import random

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from jiuye.assistance.allocation import (
    Candidate,
    OpenPost,
    allocate_first_come,
    allocate_optimal,
    pair_score,
    total_score,
)

HOMES = ["451228101201", "451228101202", "451228102201", "451228102", "451221100201"]
AREAS = ["451228101201", "451228101202", "451228102201", "451228102"]


def brute_force_best(candidates, posts) -> int:
    slots = [p for p in posts for _ in range(p.open_places)]
    weights = np.zeros((len(slots), len(candidates)))
    for i, slot in enumerate(slots):
        for j, candidate in enumerate(candidates):
            weights[i, j] = pair_score(candidate, slot) or 0
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return int(weights[rows, cols].sum())


@pytest.mark.parametrize("seed", range(60))
def test_optimal_allocation_matches_brute_force(seed):
    rng = random.Random(seed)
    posts = [
        OpenPost(i, rng.choice(AREAS), rng.choice("ab"), rng.randint(1, 3), rng.choice([9, 6]))
        for i in range(rng.randint(1, 5))
    ]
    candidates = [
        Candidate(
            i,
            rng.choice(HOMES),
            rng.choice([0, 20, 30, 40, 50, 90]),
            frozenset(rng.sample("ab", rng.randint(1, 2))),
        )
        for i in range(rng.randint(1, 10))
    ]
    proposals = allocate_optimal(candidates, posts)
    assert total_score(proposals) == brute_force_best(candidates, posts)
    assert len({p.person_id for p in proposals}) == len(proposals)
    for post in posts:
        assert sum(p.post_id == post.post_id for p in proposals) <= post.open_places
    for p in proposals:
        candidate = next(c for c in candidates if c.person_id == p.person_id)
        post = next(q for q in posts if q.post_id == p.post_id)
        assert pair_score(candidate, post) == p.score
    assert total_score(allocate_first_come(candidates, posts)) <= total_score(proposals)


def test_ineligible_pairs_never_appear():
    posts = [OpenPost(1, "451228101201", "a", 5, 9)]
    candidates = [
        Candidate(1, "451221100201", 90, frozenset("a")),  # another county
        Candidate(2, "451228101202", 0, frozenset("b")),  # another post type
    ]
    assert allocate_optimal(candidates, posts) == []
    assert allocate_first_come(candidates, posts) == []
