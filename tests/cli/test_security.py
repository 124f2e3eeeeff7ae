"""Hostile input, as an attacker would write it, against federation, checklists, discovery and
``svcready generate``: every case ends in a located, readable warning or a one-line error with exit
status 2, the build going on, and nothing from outside in the HTML, the log or the disk."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sphinx_svcready.cli import check as check_command
from sphinx_svcready.cli import main
from sphinx_svcready.core.text import quoted

from ..conftest import COMPLETE, REPO, ROOTS, Build, complete_text, line_of
from ..hostile import FORGED_REASON, HostileServer

Run = Callable[..., Build]
SCHEMA = json.loads((REPO / "schemas" / "service-readiness.schema.json").read_text(encoding="utf-8"))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def export_of(capsys: pytest.CaptureFixture[str], folder: Path, names: list[str]) -> bytes:
    """A real export (``svcready check --format json``) of one complete service per name."""
    for name in names:
        (folder / name).mkdir(parents=True)
        (folder / name / "service.yaml").write_text(
            complete_text()
            .replace("name: ledger", f"name: {name}")
            .replace("title: Ledger service", f"title: {name}"),
            encoding="utf-8",
        )
    code, out, _ = run_cli(capsys, "check", "--format", "json", str(folder))
    assert code == 0
    return out.encode()


@pytest.fixture
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def hostile(tmp_path: Path, capsys: pytest.CaptureFixture[str], no_proxies: None) -> Iterator[HostileServer]:
    exports = {
        "export": export_of(capsys, tmp_path / "fine", [f"f{n:02}" for n in range(1, 9)]),
        "many": export_of(capsys, tmp_path / "many", [f"m{n:02}" for n in range(1, 13)]),
        "kept": export_of(capsys, tmp_path / "kept", ["kept-one"]),
    }
    server = HostileServer(exports)
    yield server
    server.stop()


# -- federation ----------------------------------------------------------------------------------


def test_hostile_remote_exports_end_in_located_warnings_and_the_build_goes_on(
    tmp_path: Path, sphinx_build: Run, hostile: HostileServer
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    os.mkfifo(docs / "fifo.json")
    remotes = {
        "headers": hostile.url("trickle-headers"),
        "body": hostile.url("trickle-body"),
        "body-with-length": hostile.url("trickle-body-with-length"),
        "deep": hostile.url("deep"),
        "huge": hostile.url("huge-string"),
        "forged": hostile.url("forged-reason"),
        "many": hostile.url("many"),
        "fifo": "fifo.json",
        "zero": "/dev/zero",
        "fine": hostile.url("export"),
    }
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(
            f"svcready_remote_exports = {remotes!r}\nsvcready_remote_timeout = 3\n"
            "svcready_remote_max_services = 10\n"
        )
    (docs / "index.rst").write_text(
        "Ledger\n======\n\n.. service-readiness:: service.yaml\n\n.. service-readiness-summary::\n\n"
        "Payments go through :service:`nope-zzz`.\n",
        encoding="utf-8",
    )
    out = tmp_path / "_build"
    # The last good copy of 'deep', kept by an earlier build.
    kept = out / ".doctrees" / "svcready-remote" / "deep.json"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(hostile.exports["kept"])

    started = time.monotonic()
    build = sphinx_build(docs, outdir=out)
    took = time.monotonic() - started

    # Each trickle would hold the build for 15 s; the deadline of 3 s ends every one of them, and
    # leaves the good exports time to arrive on a loaded machine.
    assert took < 12, took
    assert build.code == 0
    conf = f"{docs / 'conf.py'}:{line_of((docs / 'conf.py').read_text(encoding='utf-8'), 'svcready_remote_exports')}"
    gone = "there is no earlier copy, so its services are left out [svcready.remote]"
    late = "it did not arrive within svcready_remote_timeout (3 seconds)"
    warnings = build.warnings
    expected_start = {
        "headers": f"{late}; {gone}",
        "body": f"{late}; {gone}",
        "body-with-length": f"{late}; {gone}",
        "deep": "it is nested more than 64 levels deep; using the copy kept on ",
        "huge": "it is not a svcready export: at the top level, 'AAAAAAAA",
        "forged": (
            "the server answered 500 Oops\\r\\e[2K\\e[31mWARNING: forged by the server [svcready.remote]; "
            f"{gone}"
        ),
        "many": f"it holds 12 services, more than svcready_remote_max_services (10); {gone}",
        "fifo": f"it is not a regular file (a pipe or a device?); {gone}",
        "zero": f"it is not a regular file (a pipe or a device?); {gone}",
    }
    for (name, start), warning in zip(expected_start.items(), warnings, strict=False):
        where = remotes[name] if name not in ("fifo",) else str(docs / "fifo.json")
        assert warning.startswith(f"{conf}: WARNING: remote export {name!r} ({where}): {start}"), warning
    huge = warnings[4]
    assert len(huge) < 700 and "more characters)" in huge and huge.endswith(f"; {gone}")
    # The unknown reference lists a handful of the documented services, not every one.
    index = docs / "index.rst"
    assert warnings[len(expected_start) :] == [
        f"{index}:8: WARNING: unknown service 'nope-zzz' in :service:`nope-zzz`; documented: f01, f02, "
        "f03, f04, f05 and 5 more [svcready.ref]"
    ]
    # Nothing from the servers reached the terminal raw: no escape, no forged line, no flood.
    assert "\x1b" not in build.output and FORGED_REASON not in build.output
    assert not any(line.startswith("WARNING: forged") for line in build.output.splitlines())
    assert max(len(line) for line in build.output.splitlines()) < 1000
    # The usable exports joined the summary: 'fine' fetched, 'deep' from its kept copy.
    page = build.page()
    assert "f01" in page and "kept-one" in page and "m01" not in page


def test_a_remote_export_is_read_from_its_kept_copy_only_when_that_is_usable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sphinx_svcready.core.remote.exports import RemoteError, parse

    good = export_of(capsys, tmp_path / "good", ["one", "two"])
    assert [record["name"] for record in parse(good)] == ["one", "two"]
    with pytest.raises(
        RemoteError, match=r"^it holds 2 services, more than svcready_remote_max_services \(1\)$"
    ):
        parse(good, 1)
    with pytest.raises(RemoteError, match=r"^it is nested more than 64 levels deep$"):
        parse(b'{"a":' * 5000 + b"1" + b"}" * 5000)


# -- organisation checklists ------------------------------------------------------------------------


def hostile_schema(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    schema = json.loads(json.dumps(SCHEMA))
    change(schema)
    path = tmp_path / "hostile.schema.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def set_question(schema: dict[str, Any], value: dict[str, Any]) -> None:
    schema["properties"]["considerations"]["properties"]["license"]["properties"]["name"] = value


def doubling(depth: int) -> Callable[[dict[str, Any]], None]:
    def change(schema: dict[str, Any]) -> None:
        schema["$defs"]["d0"] = {"type": "string"}
        for level in range(1, depth + 1):
            below = {"$ref": f"#/$defs/d{level - 1}"}
            schema["$defs"][f"d{level}"] = {"allOf": [below, dict(below)]}
        set_question(schema, {"title": "Name", "$ref": f"#/$defs/d{depth}"})

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: set_question(s, {"title": "Name", "$ref": "http://127.0.0.1:9/name.json"}),
            "/properties/considerations/properties/license/properties/name/$ref refers to "
            "'http://127.0.0.1:9/name.json'; a checklist's references point inside it (#/...): nothing "
            "is fetched from the network or read from another file",
        ),
        (
            lambda s: set_question(s, {"title": "Name", "$ref": "file:///etc/passwd"}),
            "/properties/considerations/properties/license/properties/name/$ref refers to "
            "'file:///etc/passwd'; a checklist's references point inside it",
        ),
        (
            lambda s: set_question(s, {"title": "Name", "$ref": "../outside.json#/x"}),
            "refers to '../outside.json#/x'; a checklist's references point inside it",
        ),
        (
            lambda s: s["$defs"].update(
                {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}
            ),
            "its references loop without descending into the answer: #/$defs/a -> #/$defs/b -> "
            "#/$defs/b/allOf/0 -> #/$defs/a",
        ),
        (
            lambda s: (
                s["$defs"].update({"me": {"$ref": "#/$defs/me"}}),
                set_question(s, {"title": "Name", "$ref": "#/$defs/me"}),
            ),
            "its references loop without descending into the answer: #/$defs/me -> #/$defs/me",
        ),
        (doubling(20), "would evaluate more than 10000 schemas"),
        (
            lambda s: set_question(s, {"title": "Name", "type": "string", "pattern": "(a)\\1"}),
            "the pattern '(a)\\\\1' at /properties/considerations/properties/license/properties/name/pattern "
            "cannot run in linear time (invalid escape sequence: \\1)",
        ),
        (
            lambda s: set_question(
                s, {"title": "Name", "type": "object", "patternProperties": {"^(a+)+$": {"type": "string"}}}
            ),
            "the key pattern '^(a+)+$' at /properties/considerations/properties/license/properties/name "
            "repeats a group",
        ),
    ],
    ids=["http-ref", "file-ref", "relative-ref", "loop", "self", "doubling", "backreference", "key-pattern"],
)
def test_a_checklist_that_reaches_out_loops_or_explodes_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Callable[[dict[str, Any]], None], message: str
) -> None:
    schema = hostile_schema(tmp_path, change)
    started = time.monotonic()
    code, out, err = run_cli(capsys, "check", "--schema", str(schema), str(COMPLETE))
    assert time.monotonic() - started < 10
    assert (code, out) == (2, "")
    assert err.startswith(f"svcready: error: the schema {schema} cannot be used: "), err
    assert message in err and err.count("\n") == 1


def test_a_checklist_pattern_is_matched_in_linear_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Python's backtracking engine takes hours on this answer; RE2 answers at once.
    schema = hostile_schema(
        tmp_path, lambda s: set_question(s, {"title": "Name", "type": "string", "pattern": "^(a+)+$"})
    )
    service = tmp_path / "service.yaml"
    text = re.sub(r"(?m)^    name: .*$", "    name: " + "a" * 60 + "!", complete_text(), count=1)
    service.write_text(text, encoding="utf-8")
    assert "a" * 60 + "!" in text
    code, out, _ = run_cli(capsys, "check", "--schema", str(schema), str(service))
    line = line_of(text, "a" * 60)
    assert code == 2
    assert out.startswith(f"{service}:{line}: invalid: considerations.license.name"), out


def test_a_checklist_reference_to_a_server_is_never_fetched_by_the_build(
    tmp_path: Path, sphinx_build: Run, hostile: HostileServer
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    schema = hostile_schema(
        docs, lambda s: set_question(s, {"title": "Name", "$ref": hostile.url("trickle-headers")})
    )
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(f"svcready_schema = {schema.name!r}\n")
    build = sphinx_build(docs)
    assert hostile.requests == []
    [warning] = build.warnings
    assert warning.startswith(
        f"{docs / 'conf.py'}:4: WARNING: svcready_schema: the schema {schema} cannot be used: "
        f"/properties/considerations/properties/license/properties/name/$ref refers to "
        f"'{hostile.url('trickle-headers')}'"
    )
    assert warning.endswith("; no service is judged until the checklist loads [svcready.config]")


def test_an_extension_nested_thousands_deep_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sphinx_build: Run
) -> None:
    deep = tmp_path / "deep.json"
    examples = "[" * 5000 + "]" * 5000
    deep.write_text(
        '{"considerations": {"on-call": {"title": "On call", "questions": {"rota": {"title": "Rota", '
        f'"description": "Who?", "examples": {examples}}}}}}}}}',
        encoding="utf-8",
    )
    code, out, err = run_cli(capsys, "check", "--extend", str(deep), str(COMPLETE))
    assert (code, out) == (2, "")
    assert err == (
        f"svcready: error: cannot load the checklist extension {deep}: it is nested more than 64 levels deep\n"
    )
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(f"svcready_schema_extensions = [{str(deep)!r}]\n")
    build = sphinx_build(docs)
    assert build.code == 0
    assert build.warnings == [
        f"{deep}:1: WARNING: cannot load the checklist extension {deep}: it is nested more than 64 levels "
        "deep; no service is judged until the checklist loads [svcready.config]"
    ]


def test_a_failure_of_the_command_itself_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(check_command, "check", broken)
    code, out, err = run_cli(capsys, "check", str(COMPLETE))
    assert (code, out) == (2, "")
    assert err == "svcready: internal error: RecursionError: maximum recursion depth exceeded\n"


# -- discovery and generate ------------------------------------------------------------------------

RAW_NAME = 'name: "evil\\n\\n.. raw:: html\\n\\n   <img src=x onerror=alert(1)>"'


def hostile_services(folder: Path, outside: Path) -> None:
    """Service folders whose names or places try to reach the page's text or the disk."""
    for sub, name, title in (
        ("good", "name: good", "Good service"),
        ("raw", RAW_NAME, "Raw"),
        ("escape", "name: ../../../ESCAPED", "Escaped"),
        ("absolute", f"name: {outside / 'ABSOLUTE'}", "Absolute"),
    ):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "service.yaml").write_text(
            complete_text().replace("name: ledger", name).replace("title: Ledger service", f"title: {title}"),
            encoding="utf-8",
        )
    # A folder under the root whose service file lies outside it.
    (outside / "secret").mkdir(parents=True)
    (outside / "secret" / "service.yaml").write_text(
        complete_text()
        .replace("name: ledger", "name: secret")
        .replace("title: Ledger service", "title: TOPSECRET"),
        encoding="utf-8",
    )
    (folder / "linked").symlink_to(outside / "secret", target_is_directory=True)


def outputs(folder: Path) -> str:
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace") for path in folder.rglob("*") if path.is_file()
    )


def test_discovery_publishes_only_files_and_names_the_directive_accepts(
    tmp_path: Path, sphinx_build: Run
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(ROOTS / "test-basic" / "conf.py", docs / "conf.py")
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write('svcready_discover = ["services/*/service.yaml"]\n')
    (docs / "index.rst").write_text(
        "Platform\n========\n\n.. toctree::\n\n   discovered/index\n", encoding="utf-8"
    )
    outside = tmp_path / "outside"
    hostile_services(docs / "services", outside)
    build = sphinx_build(docs, outdir=tmp_path / "_build")
    services = docs / "services"
    assert build.warnings == [
        f"{services / 'absolute' / 'service.yaml'}:1: WARNING: has the service.name "
        f"{quoted(str(outside / 'ABSOLUTE'), 80)}, which cannot name a page (letters, digits, and '-', '_' or '.' between "
        "them); run 'svcready check' on it; it gets no page [svcready.file]",
        f"{services / 'escape' / 'service.yaml'}:1: WARNING: has the service.name '../../../ESCAPED', "
        "which cannot name a page (letters, digits, and '-', '_' or '.' between them); run 'svcready check' "
        "on it; it gets no page [svcready.file]",
        f"{services / 'linked' / 'service.yaml'}:1: WARNING: leads out of {docs} (through a symbolic "
        "link?), where discovery may read; it gets no page [svcready.file]",
        f"{services / 'raw' / 'service.yaml'}:1: WARNING: has the service.name 'evil\\n\\n.. raw:: html\\n\\n   "
        "<img src=x onerror=alert(1)>', which cannot name a page (letters, digits, and '-', '_' or '.' "
        "between them); run 'svcready check' on it; it gets no page [svcready.file]",
    ]
    assert sorted(path.name for path in (docs / "discovered").iterdir()) == ["good.rst", "index.rst"]
    html = outputs(tmp_path / "_build")
    assert "onerror" not in html and "TOPSECRET" not in html and "ESCAPED" not in html
    assert not list(tmp_path.rglob("ESCAPED*")) and not list(tmp_path.rglob("ABSOLUTE*"))
    assert "Good service" in build.page("discovered/good.html")


@pytest.mark.parametrize(
    ("patterns", "message"),
    [
        (
            ["/etc/**"],
            "svcready_discover has the pattern '/etc/**'; a pattern is relative, such as "
            "'services/*/service.yaml', not ['/etc/**']; using []",
        ),
        (
            [""],
            "svcready_discover has the pattern ''; a pattern is relative, such as 'services/*/service.yaml', "
            "not ['']; using []",
        ),
        (
            ["../*/service.yaml"],
            "svcready_discover has the pattern '../*/service.yaml', which climbs out with '..'; set "
            "svcready_discover_root to the folder the patterns start from instead, not ['../*/service.yaml']; "
            "using []",
        ),
    ],
    ids=["absolute", "empty", "climbing"],
)
def test_a_bad_discovery_pattern_is_a_located_config_warning(
    tmp_path: Path, sphinx_build: Run, patterns: list[str], message: str
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(f"svcready_discover = {patterns!r}\n")
    build = sphinx_build(docs)
    assert build.code == 0
    assert build.warnings == [f"{docs / 'conf.py'}:4: WARNING: {message} [svcready.config]"]


def test_generate_refuses_names_that_are_not_page_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    hostile_services(tmp_path / "services", outside)
    (tmp_path / "services" / "linked").unlink()  # the symbolic link: generate reads what it is given
    code, out, err = run_cli(capsys, "generate", str(tmp_path / "pages"), str(tmp_path / "services"))
    assert (code, out) == (2, "")
    services = tmp_path / "services"
    assert err.splitlines() == [
        f"svcready: error: {services / 'absolute' / 'service.yaml'}: has the service.name "
        f"{quoted(str(outside / 'ABSOLUTE'), 80)}, which cannot name a page (letters, digits, and '-', '_' or '.' between "
        "them); run 'svcready check' on it",
        f"svcready: error: {services / 'escape' / 'service.yaml'}: has the service.name '../../../ESCAPED', "
        "which cannot name a page (letters, digits, and '-', '_' or '.' between them); run 'svcready check' "
        "on it",
        f"svcready: error: {services / 'raw' / 'service.yaml'}: has the service.name 'evil\\n\\n.. raw:: "
        "html\\n\\n   <img src=x onerror=alert(1)>', which cannot name a page (letters, digits, and '-', '_' "
        "or '.' between them); run 'svcready check' on it",
    ]
    assert not (tmp_path / "pages").exists()
    assert not list(tmp_path.rglob("ESCAPED*")) and not list(tmp_path.rglob("ABSOLUTE*"))


def odd_outdir(case: str, pages: Path) -> str:
    """Put something that is not a page where ``svcready generate`` writes; the expected error."""
    if case == "outdir-is-a-file":
        pages.write_text("not a folder\n", encoding="utf-8")
        return f"OUTDIR {pages} is not a folder"
    pages.mkdir()
    target = pages / "alpha.rst"
    if case == "page-is-a-folder":
        target.mkdir()
        return f"{target} is a folder, not a page; it is left as it is"
    if case == "page-is-a-fifo":
        os.mkfifo(target)
        return f"{target} is not a regular file (a pipe or a device?); it is left as it is"
    target.symlink_to("/dev/zero")
    return f"{target} is a symbolic link to a place outside its folder; it is left as it is"


@pytest.mark.parametrize(
    "case", ["outdir-is-a-file", "page-is-a-folder", "page-is-a-fifo", "page-links-to-dev-zero"]
)
def test_generate_with_an_odd_outdir_is_one_message_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    (tmp_path / "services" / "a").mkdir(parents=True)
    (tmp_path / "services" / "a" / "service.yaml").write_text(
        complete_text().replace("name: ledger", "name: alpha"), encoding="utf-8"
    )
    pages = tmp_path / "pages"
    expected = odd_outdir(case, pages)
    code, out, err = run_cli(capsys, "generate", str(pages), str(tmp_path / "services"))
    assert code == 2
    assert f"svcready: error: {expected}\n" in err and "Traceback" not in err
    if case == "page-links-to-dev-zero":
        assert (pages / "alpha.rst").is_symlink()
    if case != "outdir-is-a-file":
        # The index, a regular file, is still written.
        assert out == f"written: {pages / 'index.rst'}\n"
