"""Discovery: a monorepo's service files get pages with no stub written by hand, and the pages
follow files that are added, removed or duplicated between incremental builds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ..conftest import DISCOVERY_INDEX, Build, add, complete_text, monorepo, named, summary_names

Run = Callable[..., Build]


def test_five_services_with_no_stub_pages_build_with_W(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path)
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    for number in range(5):
        assert "19 of 19 considerations answered" in build.page(f"discovered/svc{number}.html")
    assert summary_names(build.page("discovered/index.html")) == [f"Service {n}" for n in range(5)]
    page = (docs / "discovered" / "svc3.rst").read_text(encoding="utf-8")
    assert page.startswith("Service 3\n=========\n\n.. service-readiness:: ../services/svc3/service.yaml\n")


def test_added_and_removed_services_between_incremental_builds(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path)
    sphinx_build(docs, "-W")
    add(docs / "services", "svc9", "Service 9")
    shutil.rmtree(docs / "services" / "svc1")
    build = sphinx_build(docs, "-W", quiet=False)
    assert (build.code, build.warnings) == (0, [])
    assert "1 added, 1 changed, 1 removed" in build.output  # svc9 added, the index changed, svc1 gone
    assert not (docs / "discovered" / "svc1.rst").exists()
    remaining = ["Service 0", "Service 2", "Service 3", "Service 4", "Service 9"]
    assert summary_names(build.page("discovered/index.html")) == remaining
    again = sphinx_build(docs, "-W", quiet=False)
    assert "0 added, 0 changed, 0 removed" in again.output


def test_two_files_with_one_service_name(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path, count=2)
    second = add(docs / "services", "zzz", "Another")
    second.write_text(named("svc0", "Service 0 again"), encoding="utf-8")
    build = sphinx_build(docs)
    assert build.warnings == [
        f"{second}:1: WARNING: service 'svc0' is also in {(docs / 'services' / 'svc0' / 'service.yaml').resolve()}; "
        "this file gets no page [svcready.duplicate]"
    ]


def test_a_root_outside_the_source_and_hand_written_pages_side_by_side(
    tmp_path: Path, sphinx_build: Run
) -> None:
    docs = monorepo(
        tmp_path, count=0, conf='svcready_discover = ["*/service.yaml"]\nsvcready_discover_root = "../repo"'
    )
    for number in range(2):
        add(tmp_path / "repo", f"svc{number}", f"Service {number}")
    # A Backstage file beside a service file under the root is read too.
    (tmp_path / "repo" / "svc0" / "catalog-info.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc0\nspec:\n"
        "  type: service\n  lifecycle: production\n  owner: team-ledger\n  system: learner-records\n",
        encoding="utf-8",
    )
    (docs / "ledger").mkdir()
    (docs / "ledger" / "service.yaml").write_text(complete_text(), encoding="utf-8")
    (docs / "ledger" / "index.rst").write_text("Ledger\n======\n\n.. service-readiness::\n", encoding="utf-8")
    (docs / "index.rst").write_text(DISCOVERY_INDEX + "   ledger/index\n", encoding="utf-8")
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert summary_names(build.page("discovered/index.html")) == ["Ledger service", "Service 0", "Service 1"]
    assert "<p>learner-records</p>" in build.page("discovered/svc0.html")


def test_an_edited_generated_page_is_kept_and_warned(tmp_path: Path, sphinx_build: Run) -> None:
    docs = monorepo(tmp_path, count=1)
    sphinx_build(docs, "-W")
    page = docs / "discovered" / "svc0.rst"
    page.write_text(page.read_text(encoding="utf-8").replace("\n\n", "\n\nNotes.\n\n", 1), encoding="utf-8")
    build = sphinx_build(docs)
    assert build.warnings == [
        f"{page}:1: WARNING: this page is made by svcready_discover and was edited by hand; it is not "
        "rewritten until the edit is moved out (or the file deleted) [svcready.file]"
    ]
    assert "Notes." in page.read_text(encoding="utf-8")
