"""Run one Sphinx build and report the extension's own time, part by part.

Run: ``python benchmarks/own_time.py SPHINX-ARGS...``, as ``sphinx-build`` would be run. Before the
build, it wraps the functions that do the extension's work with timers (nothing in the extension
changes), then prints to stderr, after the build: ``maxrss KiB``, and ``own {json}`` with the
seconds each part took and how often it ran. A serial build only: a parallel build's forked readers
and writers keep their own timers.
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from sphinx.cmd.build import build_main

import sphinx_svcready.core.pipeline as pipeline
import sphinx_svcready.sphinx_ext.matrix as matrix
import sphinx_svcready.sphinx_ext.outputs as outputs
import sphinx_svcready.sphinx_ext.references as references
import sphinx_svcready.sphinx_ext.service_directive as service_directive
import sphinx_svcready.sphinx_ext.store as store
import sphinx_svcready.sphinx_ext.summary as summary
from sphinx_svcready.sphinx_ext.domain import ServiceDomain

#: part: (the object holding the function, its name). Evaluation includes the evidence probes,
#: which are also timed alone.
PARTS: dict[str, tuple[Any, str]] = {
    "evaluation (read, validate, judge)": (service_directive, "judge"),
    "evidence": (pipeline, "check_evidence"),
    "page nodes (render, markup)": (service_directive, "render_report"),
    "records": (store, "record_service"),
    "after reading (warnings, digests)": (store, "after_read"),
    "summary": (summary, "build_summaries"),
    "matrix": (matrix, "build_matrices"),
    "links (:service:)": (ServiceDomain, "resolve_xref"),
    "mentions": (references, "link_mentions"),
    "export": (outputs, "write_export"),
}

spent: dict[str, list[float]] = {part: [0.0, 0] for part in PARTS}


def _timed(part: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[part][0] += time.perf_counter() - start
            spent[part][1] += 1

    return wrapper


def main(argv: list[str]) -> int:
    for part, (holder, name) in PARTS.items():
        setattr(holder, name, _timed(part, getattr(holder, name)))
    code = build_main(argv)
    print("maxrss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
    print("own", json.dumps(spent), file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
