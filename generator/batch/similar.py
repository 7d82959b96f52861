"""X-SAME: 正文 sections nearly identical between reports of different bodies, found without comparing every pair.

Each section becomes a MinHash signature over character shingles (in the worker that read it);
locality-sensitive hashing over bands of the signature groups likely pairs in buckets, so the
work grows with the number of reports, not with its square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHINGLE = 5
PERMUTATIONS = 64
BANDS, ROWS = 16, 4
THRESHOLD = 0.85
"""Estimated Jaccard similarity from which two sections count as copied."""
MIN_CHARS = 60
"""Shorter sections (or a 无/略) say too little to be compared."""
SECTIONS = ("s1_proactive", "s1_request", "s1_management", "s1_platform", "s1_oversight",
            "s5_problems", "s5_improvements", "s6_other")

_NOISE = re.compile(r"[\s\W_]+")
_PARAMETERS = None


def _parameters():
    global _PARAMETERS
    if _PARAMETERS is None:
        import numpy as np

        rng = np.random.default_rng(20210101)
        a = rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
        b = rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
        weights = rng.integers(1, 2**63, SHINGLE + 1, dtype=np.uint64) | np.uint64(1)
        _PARAMETERS = (a[:, None], b[:, None], weights)
    return _PARAMETERS


def sketches(text: dict[str, str]) -> dict[str, bytes]:
    """The MinHash signatures (8-byte values) of the sections long enough to compare, all in one numpy pass.

    A shingle hashes as a weighted sum of its code points (multiply-shift vector hashing: the same in every
    process, unlike ``hash()``); each permutation mixes those hashes and keeps each section's least.
    """
    import numpy as np

    plains = {section: _NOISE.sub("", text.get(section) or "") for section in SECTIONS}
    plains = {section: plain for section, plain in plains.items() if len(plain) >= MIN_CHARS}
    if not plains:
        return {}
    a, b, weights = _parameters()
    codes = np.frombuffer("".join(plains.values()).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE + 1
    hashes = np.full(count, weights[SHINGLE])
    for k in range(SHINGLE):
        hashes += weights[k] * codes[k:k + count]
    within = np.ones(count, dtype=bool)
    for end in np.cumsum([len(plain) for plain in plains.values()])[:-1]:
        within[end - SHINGLE + 1:end] = False
    mixed = a * (hashes[within] >> np.uint64(32))
    mixed += b
    starts = np.cumsum([0] + [len(plain) - SHINGLE + 1 for plain in plains.values()][:-1])
    least = np.minimum.reduceat(mixed, starts, axis=1) >> np.uint64(32)
    return {section: least[:, i].tobytes() for i, section in enumerate(plains)}


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    section: str
    similarity: float


_WIDTH = 8


def similarity(x: bytes, y: bytes) -> float:
    """The share of equal MinHash values: an estimate of the Jaccard similarity of the shingle sets."""
    same = sum(1 for i in range(0, len(x), _WIDTH) if x[i:i + _WIDTH] == y[i:i + _WIDTH])
    return same / (len(x) // _WIDTH)


def copied_pairs(items: list[tuple[str, dict[str, bytes]]]) -> list[Pair]:
    """Pairs (index, index, section, similarity) of reports from different bodies; ``items`` is (body, sketches)."""
    pairs: dict[tuple[int, int, str], float] = {}
    for section in SECTIONS:
        for members in _shared_buckets([i for i, (_, signatures) in enumerate(items) if section in signatures],
                                       [signatures[section] for _, signatures in items if section in signatures]):
            for first, second in _neighbours(members, items):
                key = (first, second, section)
                if key not in pairs:
                    pairs[key] = similarity(items[first][1][section], items[second][1][section])
    return [Pair(f, s, section, value) for (f, s, section), value in sorted(pairs.items()) if value >= THRESHOLD]


def _shared_buckets(indices: list[int], signatures: list[bytes]) -> list[list[int]]:
    """The indices (in order) that share a band of their signatures with another, band by band: numpy groups
    equal bands (a dictionary of byte slices was 0.1 s for 1,000 reports, all of it on one core)."""
    import numpy as np

    if len(indices) < 2:
        return []
    table = np.frombuffer(b"".join(signatures), dtype=np.uint64).reshape(len(indices), -1)
    shared = []
    for band in range(BANDS):
        _, groups, counts = np.unique(table[:, band * ROWS:(band + 1) * ROWS], axis=0,
                                      return_inverse=True, return_counts=True)
        groups = groups.reshape(-1)
        for group in np.flatnonzero(counts > 1):
            shared.append([indices[k] for k in np.flatnonzero(groups == group)])
    return shared


def _neighbours(members: list[int], items) -> list[tuple[int, int]]:
    """Pairs within one bucket from different bodies; a crowded bucket links each to the first of each other body."""
    if len(members) < 2:
        return []
    if len(members) <= 16:
        return [(x, y) for i, x in enumerate(members) for y in members[i + 1:] if items[x][0] != items[y][0]]
    firsts: dict[str, int] = {}
    for member in members:
        firsts.setdefault(items[member][0], member)
    return [(min(m, f), max(m, f)) for m in members for body, f in firsts.items()
            if body != items[m][0] and f != m][: len(members) * 4]
