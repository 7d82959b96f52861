"""Fuzz the commands for longer than the test does: ``python bench/fuzz.py [COUNT] [SEED]``.

Same mutations and judgements as tests/test_fuzz.py (tests/fuzz_support.py); prints each
problem found, the number of cases and commands run, and the time taken.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz_support import COMMANDS, cases, run_case, seeds  # noqa: E402


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    started = time.monotonic()
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        made = seeds(Path(folder))
        for index, case in enumerate(cases(seed, count, made)):
            found = run_case(case, Path(folder) / "case")
            problems += found
            for problem in found:
                print(problem, flush=True)
            if (index + 1) % 100 == 0:
                print(f"… {index + 1} cases, {len(problems)} problems, {time.monotonic() - started:.0f} s", flush=True)
    print(f"{count} cases × {len(COMMANDS)} commands (seed {seed}): {len(problems)} problems "
          f"in {time.monotonic() - started:.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
