"""Each tox env of the matrix really runs the Sphinx (and, for mindeps, every version) it names."""

from __future__ import annotations

import os
import re
from importlib.metadata import version

import pytest
import sphinx

from .conftest import REPO


def test_the_tox_env_runs_the_versions_it_names() -> None:
    env = os.environ.get("TOX_ENV_NAME", "")
    if env == "mindeps":
        pins = re.findall(
            r"(?m)^([\w-]+)==(\S+)$", (REPO / "tests" / "mindeps.txt").read_text(encoding="utf-8")
        )
        assert pins
        assert {name: version(name) for name, _ in pins} == dict(pins)
        return
    line = re.search(r"sphinx(74|8|9)$", env)
    if line is None:
        pytest.skip("runs in the tox envs of the Sphinx matrix")
    expected = {"74": (7, 4), "8": (8, 2), "9": (9,)}[line.group(1)]
    assert sphinx.version_info[: len(expected)] == expected
