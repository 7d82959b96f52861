"""X-SAME signatures: what they estimate, and that every worker process computes the same ones."""

from __future__ import annotations

import random
import subprocess
import sys

from generator.batch.similar import SHINGLE, similarity, sketches
from tests.conftest import ROOT

_WORDS = [chr(0x4E00 + i) for i in range(400)]


def _shingles(text: str) -> set[str]:
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def _pairs(count: int) -> list[tuple[str, str]]:
    """Sections of 200 characters and a copy with a growing share of characters rewritten."""
    rng = random.Random(11)
    pairs = []
    for n in range(count):
        text = "".join(rng.choice(_WORDS) for _ in range(200))
        copy = list(text)
        for i in rng.sample(range(200), n * 40 // count):
            copy[i] = rng.choice(_WORDS)
        pairs.append((text, "".join(copy)))
    return pairs


def test_the_signature_estimates_the_jaccard_similarity_of_five_character_shingles():
    errors = []
    for text, copy in _pairs(40):
        exact = len(_shingles(text) & _shingles(copy)) / len(_shingles(text) | _shingles(copy))
        estimate = similarity(sketches({"s1_proactive": text})["s1_proactive"],
                              sketches({"s1_proactive": copy})["s1_proactive"])
        errors.append(abs(estimate - exact))
    assert max(errors) < 0.2 and sum(errors) / len(errors) < 0.06


def test_a_section_signs_alike_whatever_the_other_sections_and_punctuation():
    text = "".join(random.Random(5).choice(_WORDS) for _ in range(120))
    alone = sketches({"s5_problems": text})
    among = sketches({"s1_proactive": "前文" * 40, "s5_problems": "，".join(text[i:i + 9] for i in range(0, 120, 9)),
                      "s6_other": "后文" * 40})
    assert set(among) == {"s1_proactive", "s5_problems", "s6_other"}
    assert among["s5_problems"] == alone["s5_problems"] != among["s1_proactive"]


def test_short_sections_have_no_signature():
    assert sketches({"s1_proactive": "无。", "s5_problems": "略" * 59, "s6_other": None}) == {}


def test_the_signatures_are_the_same_in_another_process_with_another_string_hash_seed():
    """Windows starts its workers afresh, so a signature may not depend on ``hash()`` or anything per process."""
    text = "".join(random.Random(3).choice(_WORDS) for _ in range(150))
    script = ("import sys; from generator.batch.similar import sketches; "
              f"sys.stdout.write(sketches({{'s1_request': {text!r}}})['s1_request'].hex())")
    outputs = {subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout for seed in ("1", "2")}
    assert outputs == {sketches({"s1_request": text})["s1_request"].hex()}

