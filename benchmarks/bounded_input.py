"""Time and peak memory of reading and judging hostile service files of up to 1 MiB.

Run: ``python benchmarks/bounded_input.py``. Each case is built at run time from the test suite's
complete answer file, then loaded and evaluated once under ``tracemalloc``; the table shows the
wall time, the peak of Python allocations and the first problem reported. Figures are for
comparison between runs on one machine, not assertions.
"""

from __future__ import annotations

import datetime
import time
import tracemalloc
from pathlib import Path

from sphinx_svcready.core.checklist.loading import load_checklist
from sphinx_svcready.core.evaluate import evaluate
from sphinx_svcready.core.evaluation_options import EvaluationOptions
from sphinx_svcready.core.reading.yaml_reader import LoadedDocument, load_text

MIB = 1024 * 1024
BASE = (Path(__file__).parent.parent / "tests" / "roots" / "test-basic" / "service.yaml").read_text(
    encoding="utf-8"
)
NOTES = "    notes: Answer to additional notes."


def cases() -> dict[str, str]:
    bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 9):
        bomb.append(f"{chr(97 + index)}: &{chr(97 + index)} [" + ",".join([f"*{chr(96 + index)}"] * 9) + "]")
    return {
        "1 MiB answer text": BASE.replace(NOTES, "    notes: " + "x" * (MIB - len(BASE) - 100)),
        "1 MiB of unknown keys": BASE + "".join(f"  k{i}: 1\n" for i in range((MIB - len(BASE)) // 10)),
        "1 MiB list answer": BASE.replace(NOTES, "    notes:\n" + "      - a\n" * ((MIB - len(BASE)) // 10)),
        "9,000 unknown question keys": BASE.replace(
            "  additional:\n", "  additional:\n" + "".join(f"    q{i}: 1\n" for i in range(9000))
        ),
        "9,000 list items": BASE.replace(NOTES, "    notes:\n" + "      - an answer item\n" * 9000),
        "alias bomb": "\n".join(bomb) + "\n",
        "nesting 5,000 deep": "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "1 MiB of one-line YAML noise": "a: [" + "{b: c}, " * (MIB // 8) + "]\n",
    }


def main() -> None:
    checklist = load_checklist()
    options = EvaluationOptions(today=datetime.date(2026, 11, 26))
    print(f"{'case':32} {'size':>9} {'seconds':>8} {'peak MiB':>9}  first problem")
    for name, text in cases().items():
        tracemalloc.start()
        start = time.perf_counter()
        report = evaluate(load_text(text, LoadedDocument("service.yaml")), checklist, options)
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / MIB
        tracemalloc.stop()
        first = report.problems[0].message[:60] if report.problems else "-"
        print(f"{name:32} {len(text) / MIB:8.2f}M {seconds:8.3f} {peak:9.1f}  {first}")


if __name__ == "__main__":
    main()
