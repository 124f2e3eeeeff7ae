"""The ``svcready`` domain: ``:service:`` resolves with or without the domain's name, and the
inventory lists every service, so other projects link to them with intersphinx."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

from ..conftest import Build

Run = Callable[..., Build]

INDEX = """\
Ledger
======

.. service-readiness:: service.yaml

See :service:`ledger#monitoring` and :svcready:service:`the books <ledger>`.
"""


def inventory_lines(build: Build) -> list[str]:
    data = (build.outdir / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = data.index(b"\n", header_end) + 1
    return zlib.decompress(data[header_end:]).decode("utf-8").splitlines()


def test_both_spellings_resolve_and_the_inventory_lists_the_service(
    project: Callable[..., object], sphinx_build: Run
) -> None:
    build = sphinx_build(project(index=INDEX), "-W")
    assert (build.code, build.warnings) == (0, [])
    page = build.page()
    assert re.search(r'<a class="reference internal" href="#svcready-ledger-monitoring"[^>]*>', page)
    assert re.search(
        r'<a class="reference internal" href="#svcready-ledger"[^>]*><span [^>]*>the books</span></a>', page
    )
    # The inventory writes an anchor that ends in the name as "$".
    assert "ledger svcready:service 1 index.html#svcready-$ Ledger service" in inventory_lines(build)
