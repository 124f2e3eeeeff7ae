"""``svcready init`` with an organisation's checklist: its tiers and texts, and an editor line
that points at the extended schema by a path that stays valid once committed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from sphinx_svcready.core.checklist.loading import load_checklist

from ..conftest import ROOTS, Svcready

NORTHWIND = ROOTS / "test-organisation" / "checklist" / "northwind.json"


def test_init_with_an_extension_points_editors_at_the_extended_schema(
    svcready: Svcready, tmp_path: Path
) -> None:
    shutil.copy(NORTHWIND, tmp_path / "northwind.json")
    result = svcready("init", "--extend", "northwind.json", "services/payments/service.yaml")
    assert result.code == 0
    assert result.err.splitlines() == [
        "wrote northwind.schema.json (the checklist with its extensions, for editors)",
        "wrote services/payments/service.yaml",
    ]
    text = (tmp_path / "services" / "payments" / "service.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../northwind.schema.json"
    saved = json.loads((tmp_path / "northwind.schema.json").read_text(encoding="utf-8"))
    assert saved == load_checklist(None, [tmp_path / "northwind.json"]).schema
    # The tiers, with their names and descriptions, then the first as the default.
    assert (
        "  # How critical the service is, which decides what it is asked:\n"
        "  #   A = Business critical: Orders or payments stop when it stops; paged around the clock.\n"
        "  #   B = Important: Customers notice within the hour; fixed in working hours.\n"
        "  #   C = Internal tool: Used by Northwind staff only; can be down for a day.\n"
        '  tier: "A"\n'
        "  # Tier A services must be signed off by someone other than their team:\n"
        "  # sign-off: {by: TODO, on: YYYY-MM-DD, note: architecture review}\n"
        "  # The databases, caches and buckets the service owns.\n"
        "  # datastores: TODO\n"
    ) in text
    # Questions are plain text in comments: a link shows its address, a literal its letters.
    assert (
        "how a request flows through them; see the architecture guide\n    # (https://wiki.northwind.example/architecture).\n"
        in text
    )
    assert "    # Where are the architecture decision records, such as docs/adr/?\n" in text
    assert "  # Applies only when service.datastores is given\n  data-stores:\n" in text
    assert "(Asked of tier A services.)" in text
    data = yaml.safe_load(text)
    assert list(data["considerations"]) == [c.key for c in load_checklist(None, [NORTHWIND]).considerations]
    # A second file finds the saved schema as it would write it, and leaves it alone.
    again = svcready("init", "--extend", "northwind.json", "--name", "catalog", "docs/service.yaml")
    assert again.err == "wrote docs/service.yaml\n"


def test_init_in_a_docs_folder_asks_for_the_services_name(svcready: Svcready, tmp_path: Path) -> None:
    result = svcready("init", "docs/")
    assert result.code == 2
    assert result.err == (
        "svcready: error: the folder 'docs' names the documentation, not a service: give the service's "
        "name with --name, such as --name payments-api\n"
    )
    assert not (tmp_path / "docs" / "service.yaml").exists()
    assert svcready("init", "--name", "payments-api", "docs/").code == 0
    assert "  name: payments-api\n" in (tmp_path / "docs" / "service.yaml").read_text(encoding="utf-8")
