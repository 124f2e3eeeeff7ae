"""The example docs as a PDF through Sphinx's LaTeX builder and latexmk (``tox -e pdf``).

Needs latexmk, a TeX distribution and pdftotext: ``.ci/system-packages`` installs them from
Debian's packages. The default test run does not collect this folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from ..conftest import REPO


def test_example_docs_as_pdf(tmp_path: Path) -> None:
    for tool in ("latexmk", "pdflatex", "pdftotext"):
        assert shutil.which(tool), f"{tool} is missing: run .ci/system-packages"
    srcdir = tmp_path / "example-docs"
    shutil.copytree(REPO / "example-docs", srcdir, ignore=shutil.ignore_patterns("_build"))
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(tmp_path / "out"), "-W", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "WARNING" not in build.stderr
    pdf = tmp_path / "out" / "latex" / "lumenlearningplatform.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for fragment in (
        "Notifications service",
        "Waived until 2026-12-15, approved by Dana Ortiz (platform ops):",
        "Credentials service",
        "answered",
        "not applicable",
    ):
        assert fragment in text, fragment
