"""Federation: one docs project's summary and links take in another project's export, read from a
local path or fetched from a loopback HTTP server, and keep the last good copy when it is gone."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sphinx_svcready.cli import main

from ..conftest import (
    REPO,
    ROOTS,
    Build,
    add,
    complete_text,
    line_of,
    monorepo,
    named,
    summary_names,
    summary_table,
    summary_tables,
)
from ..hostile import serve_on_loopback

Run = Callable[..., Build]
EXPORT_SCHEMA = json.loads((REPO / "schemas" / "svcready-export.schema.json").read_text(encoding="utf-8"))

HOME_INDEX = """\
Ledger
======

.. service-readiness:: service.yaml

Portfolio
---------

.. service-readiness-summary::

Payments are taken by :service:`checkout`; see :service:`checkout#monitoring`.
"""


#: The remote projects built so far in this process, by their services: each is built once and
#: copied for the tests that read it, as its output would be published once and read by many.
_BUILT: dict[tuple[str, ...], Path] = {}


def payments(root: Path, sphinx_build: Run, names: tuple[str, ...] = ("checkout", "refunds")) -> Build:
    """The remote project: a monorepo whose services get pages by discovery, built as HTML."""
    target = root / "payments"
    if names in _BUILT:
        shutil.copytree(_BUILT[names], target, symlinks=True)
        return Build(0, "", target / "docs", target / "_build" / "html")
    target.mkdir()
    docs = monorepo(target, count=0)
    for name in names:
        add(docs / "services", name, name.capitalize())
    build = sphinx_build(docs, "-W", outdir=target / "_build" / "html")
    assert (build.code, build.warnings) == (0, [])
    # A copy nobody touches: the test that built it may change its own.
    _BUILT[names] = root / "payments-as-built"
    shutil.copytree(target, _BUILT[names], symlinks=True)
    return build


def home(root: Path, remote: object, extra: str = "", index: str = HOME_INDEX) -> Path:
    """The project that federates: the ledger page, a summary and links to a remote service."""
    docs = root / "home" / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    (docs / "index.rst").write_text(index, encoding="utf-8")
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(f"svcready_remote_exports = {{'payments': {remote!r}}}\n{extra}")
    return docs


def conf_line(docs: Path, option: str = "svcready_remote_exports") -> str:
    conf = docs / "conf.py"
    return f"{conf}:{line_of(conf.read_text(encoding='utf-8'), option)}"


def hrefs(html: str, text: str) -> list[str]:
    """The targets of the links whose text is ``text``."""
    return re.findall(rf'<a [^>]*href="([^"]+)"[^>]*>(?:<[^>]+>)*{re.escape(text)}<', html)


# -- a loopback server -------------------------------------------------------------------------


class Server:
    """Serves a folder on 127.0.0.1, or misbehaves as ``mode`` says."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mode = "serve"
        owner = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args: object, **kwargs: object) -> None:
                super().__init__(*args, directory=str(owner.folder), **kwargs)  # type: ignore[arg-type]

            def do_GET(self) -> None:
                if owner.mode == "serve":
                    super().do_GET()
                elif owner.mode == "slow":
                    time.sleep(3)
                    self._answer(200, b"{}")
                elif owner.mode == "garbage":
                    self._answer(200, b"<html>not an export</html>")
                elif owner.mode == "other-json":
                    self._answer(200, json.dumps({"format": "something-else"}).encode())
                elif owner.mode == "redirect-to-file":
                    self.send_response(302)
                    self.send_header("Location", "file:///etc/passwd")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.send_error(int(owner.mode))

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd, self.thread = serve_on_loopback(Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], Server]]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    servers: list[Server] = []

    def start(folder: Path) -> Server:
        servers.append(Server(folder))
        return servers[-1]

    yield start
    for server in servers:
        if server.thread.is_alive():
            server.stop()


# -- a local path --------------------------------------------------------------------------------


def test_two_projects_federate_through_a_local_path(tmp_path: Path, sphinx_build: Run) -> None:
    payments(tmp_path, sphinx_build)
    docs = home(tmp_path, "../../payments/_build/html/svcready.json")
    build = sphinx_build(docs, "-W", outdir=tmp_path / "home" / "_build" / "html")
    assert (build.code, build.warnings) == (0, [])
    page = build.page()
    assert summary_table(page)[0][:4] == ["Service", "Project", "Owner", "Lifecycle"]
    # One table, in the summary's order (by name), whichever project documents each service.
    assert [row[:2] for row in summary_table(page)[1:]] == [
        ["Checkout", "payments"],
        ["Ledger service", "local"],
        ["Refunds", "payments"],
    ]
    # Links from this site's output to the other site's pages, which exist there.
    remote_page = "../../../payments/_build/html/discovered/checkout.html"
    assert hrefs(page, "Checkout")[0] == f"{remote_page}#svcready-checkout"
    assert hrefs(page, "Checkout: Service monitoring") == [f"{remote_page}#svcready-checkout-monitoring"]
    assert (build.outdir / remote_page).resolve().is_file()
    assert 'id="svcready-checkout-monitoring"' in (build.outdir / remote_page).read_text(encoding="utf-8")


def test_summary_projects_option_filters_by_project(tmp_path: Path, sphinx_build: Run) -> None:
    payments(tmp_path, sphinx_build)
    index = HOME_INDEX.replace(
        ".. service-readiness-summary::",
        ".. service-readiness-summary::\n   :projects: local\n\n"
        ".. service-readiness-summary::\n   :projects: payments",
    )
    docs = home(tmp_path, "../../payments/_build/html/svcready.json", index=index)
    build = sphinx_build(docs, "-W")
    tables = summary_tables(build.page())
    # Only this project's services: no Project column is needed.
    assert len(tables) == 2 and "Project" not in tables[0][0]
    assert [row[:2] for row in tables[0][1:]] == [["Ledger service", "Team Ledger"]]
    assert [row[:2] for row in tables[1][1:]] == [
        ["Checkout", "payments"],
        ["Refunds", "payments"],
    ]


def test_a_dependency_on_a_remote_service_is_linked(tmp_path: Path, sphinx_build: Run) -> None:
    payments(tmp_path, sphinx_build)
    index = HOME_INDEX.replace(
        ".. service-readiness-summary::", ".. service-readiness-summary::\n   :dependencies:"
    )
    docs = home(tmp_path, "../../payments/_build/html/svcready.json", index=index)
    service = complete_text().replace("  name: ledger\n", "  name: ledger\n  depends-on: [checkout]\n")
    (docs / "service.yaml").write_text(service, encoding="utf-8")
    build = sphinx_build(docs, "-W", outdir=tmp_path / "home" / "_build" / "html")
    assert (build.code, build.warnings) == (0, [])
    rows = {row[0]: row[-1] for row in summary_table(build.page())}
    assert (rows["Service"], rows["Ledger service"], rows["Checkout"]) == ("Depends on", "Checkout", "")
    remote_page = "../../../payments/_build/html/discovered/checkout.html#svcready-checkout"
    # The page's own "Depends on" lists the same service as the summary's column, linked.
    field = build.page().split("Depends on<span", 1)[1].split("</dd>", 1)[0]
    assert hrefs(field, "Checkout") == [remote_page]


def test_a_local_page_wins_over_a_remote_service_of_the_same_name(tmp_path: Path, sphinx_build: Run) -> None:
    payments(tmp_path, sphinx_build, names=("checkout", "ledger"))
    docs = home(tmp_path, "../../payments/_build/html/svcready.json")
    build = sphinx_build(docs)
    assert build.warnings == [
        f"{docs / 'index.rst'}:4: WARNING: service 'ledger' is also in the remote export 'payments' "
        f"({(tmp_path / 'payments/_build/html/svcready.json').resolve()}); links and the summary use this "
        "page [svcready.duplicate]"
    ]
    assert [row[:2] for row in summary_table(build.page())[1:]] == [
        ["Checkout", "payments"],
        ["Ledger service", "local"],
    ]


def test_an_export_from_the_command_line_has_rows_but_no_links(
    tmp_path: Path, sphinx_build: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "checkout").mkdir()
    (tmp_path / "checkout" / "service.yaml").write_text(named("checkout", "Checkout"), encoding="utf-8")
    capsys.readouterr()
    code = main(["check", "--format", "json", str(tmp_path / "checkout" / "service.yaml")])
    out = capsys.readouterr().out
    assert code == 0
    (tmp_path / "export.json").write_text(out, encoding="utf-8")
    docs = home(tmp_path, "../../export.json")
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert [row[:2] for row in summary_table(build.page())[1:]] == [
        ["Checkout", "payments"],
        ["Ledger service", "local"],
    ]
    assert hrefs(build.page(), "Checkout") == []


def test_a_missing_local_export_warns_and_the_build_goes_on(tmp_path: Path, sphinx_build: Run) -> None:
    docs = home(tmp_path, "../../payments/_build/html/svcready.json")
    build = sphinx_build(docs)
    missing = (tmp_path / "payments/_build/html/svcready.json").resolve()
    assert build.code == 0
    assert build.warnings == [
        f"{conf_line(docs)}: WARNING: remote export 'payments' ({missing}): there is no such file (is that "
        "project built?); there is no earlier copy, so its services are left out [svcready.remote]",
        f"{docs / 'index.rst'}:11: WARNING: unknown service 'checkout' in :service:`checkout`; "
        "documented: ledger [svcready.ref]",
        f"{docs / 'index.rst'}:11: WARNING: unknown service 'checkout' in :service:`checkout#monitoring`; "
        "documented: ledger [svcready.ref]",
    ]
    assert summary_names(build.page()) == ["Ledger service"]


# -- over HTTP -----------------------------------------------------------------------------------


def test_federation_over_http_then_offline(
    tmp_path: Path, sphinx_build: Run, serve: Callable[[Path], Server]
) -> None:
    remote = payments(tmp_path, sphinx_build)
    server = serve(remote.outdir)
    docs = home(tmp_path, server.url + "svcready.json")
    out = tmp_path / "home" / "_build" / "html"
    build = sphinx_build(docs, "-W", outdir=out)
    assert (build.code, build.warnings) == (0, [])
    assert hrefs(build.page(), "Checkout")[0] == f"{server.url}discovered/checkout.html#svcready-checkout"
    assert (out / ".doctrees" / "svcready-remote" / "payments.json").read_bytes() == (
        remote.outdir / "svcready.json"
    ).read_bytes()

    server.stop()
    again = sphinx_build(docs, "-a", outdir=out)
    assert again.code == 0
    [warning] = again.warnings
    assert warning.startswith(
        f"{conf_line(docs)}: WARNING: remote export 'payments' ({server.url}svcready.json): "
        "it cannot be reached ("
    )
    assert re.search(r"; using the copy kept on \d{4}-\d\d-\d\d \d\d:\d\d \[svcready\.remote\]$", warning)
    # Every page was written again (-a), from the kept copy.
    assert summary_names(again.page()) == ["Checkout", "Ledger service", "Refunds"]
    assert hrefs(again.page(), "Checkout")[0] == f"{server.url}discovered/checkout.html#svcready-checkout"


def test_a_change_in_the_remote_rewrites_the_summary_and_nothing_else(
    tmp_path: Path, sphinx_build: Run, serve: Callable[[Path], Server]
) -> None:
    remote = payments(tmp_path, sphinx_build)
    server = serve(remote.outdir)
    docs = home(tmp_path, server.url + "svcready.json")
    (docs / "other.rst").write_text("Other\n=====\n\nNo services here.\n", encoding="utf-8")
    (docs / "index.rst").write_text(HOME_INDEX + "\n.. toctree::\n\n   other\n", encoding="utf-8")
    out = tmp_path / "home" / "_build" / "html"
    assert sphinx_build(docs, "-W", outdir=out).warnings == []

    unchanged = sphinx_build(docs, "-W", outdir=out, quiet=False)
    assert "0 added, 0 changed, 0 removed" in unchanged.output
    assert "no targets are out of date" in unchanged.output

    add(tmp_path / "payments" / "docs" / "services", "disputes", "Disputes")
    sphinx_build(tmp_path / "payments" / "docs", "-W", outdir=remote.outdir)
    changed = sphinx_build(docs, "-W", outdir=out, quiet=False)
    assert "0 added, 0 changed, 0 removed" in changed.output
    assert re.search(r"writing output\.\.\. \[100%\] index\n", changed.output), changed.output
    assert summary_names(changed.page()) == ["Checkout", "Disputes", "Ledger service", "Refunds"]


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("404", "the server answered 404 Not Found"),
        ("500", "the server answered 500 Internal Server Error"),
        ("garbage", "it is not JSON (Expecting value at line 1)"),
        ("other-json", "it is not a svcready export: at the top level, 'version' is a required property"),
        ("redirect-to-file", "it redirects to file:///etc/passwd, which is not an http(s) address"),
        ("slow", "it did not arrive within svcready_remote_timeout (0.5 seconds)"),
    ],
)
def test_a_bad_answer_keeps_the_last_good_copy(
    tmp_path: Path, sphinx_build: Run, serve: Callable[[Path], Server], mode: str, reason: str
) -> None:
    remote = payments(tmp_path, sphinx_build)
    server = serve(remote.outdir)
    docs = home(tmp_path, server.url + "svcready.json", extra="svcready_remote_timeout = 0.5\n")
    out = tmp_path / "home" / "_build" / "html"
    assert sphinx_build(docs, "-W", outdir=out).warnings == []

    server.mode = mode
    build = sphinx_build(docs, "-a", outdir=out)
    assert build.code == 0
    [warning] = build.warnings
    prefix = f"{conf_line(docs)}: WARNING: remote export 'payments' ({server.url}svcready.json): {reason}; "
    assert warning.startswith(prefix), warning
    assert warning.endswith("[svcready.remote]") and "using the copy kept on" in warning
    assert summary_names(build.page()) == ["Checkout", "Ledger service", "Refunds"]


def test_an_export_larger_than_the_limit_is_refused(
    tmp_path: Path, sphinx_build: Run, serve: Callable[[Path], Server]
) -> None:
    remote = payments(tmp_path, sphinx_build)
    server = serve(remote.outdir)
    docs = home(tmp_path, server.url + "svcready.json", extra="svcready_remote_max_bytes = 1000\n")
    build = sphinx_build(docs)
    assert build.warnings[0] == (
        f"{conf_line(docs)}: WARNING: remote export 'payments' ({server.url}svcready.json): it is larger "
        "than svcready_remote_max_bytes (1000 bytes); there is no earlier copy, so its services are left "
        "out [svcready.remote]"
    )
    assert summary_names(build.page()) == ["Ledger service"]


def test_a_site_address_apart_from_the_export(
    tmp_path: Path, sphinx_build: Run, serve: Callable[[Path], Server]
) -> None:
    payments(tmp_path, sphinx_build)
    docs = home(tmp_path, ("https://docs.example.com/payments/", "../../payments/_build/html/svcready.json"))
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert hrefs(build.page(), "Checkout")[0] == (
        "https://docs.example.com/payments/discovered/checkout.html#svcready-checkout"
    )


# -- the export and the options -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "url"),
    [
        ("html", "discovered/checkout.html"),
        ("dirhtml", "discovered/checkout/"),
        ("singlehtml", "index.html"),
        ("text", None),
    ],
)
def test_the_export_says_where_each_page_is(
    tmp_path: Path, sphinx_build: Run, builder: str, url: str | None
) -> None:
    docs = monorepo(tmp_path, count=0)
    add(docs / "services", "checkout", "Checkout")
    build = sphinx_build(docs, "-W", builder=builder)
    document = json.loads((build.outdir / "svcready.json").read_text(encoding="utf-8"))
    Draft202012Validator(EXPORT_SCHEMA).validate(document)
    assert document["version"] == "1.5"
    assert [(s["name"], s["docname"], s["url"]) for s in document["services"]] == [
        ("checkout", "discovered/checkout", url)
    ]


def test_a_version_1_0_export_is_linked_by_its_docnames(tmp_path: Path, sphinx_build: Run) -> None:
    remote = payments(tmp_path, sphinx_build)
    export = json.loads((remote.outdir / "svcready.json").read_text(encoding="utf-8"))
    export["version"] = "1.0"
    for service in export["services"]:
        del service["url"]
    (tmp_path / "old.json").write_text(json.dumps(export), encoding="utf-8")
    docs = home(tmp_path, ("https://docs.example.com/payments", "../../old.json"))
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    assert hrefs(build.page(), "Refunds") == [
        "https://docs.example.com/payments/discovered/refunds.html#svcready-refunds"
    ]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "svcready_remote_exports = ['payments']",
            "svcready_remote_exports must be a dict of project name to the address or path of its "
            "svcready.json, not ['payments']; using {}",
        ),
        (
            "svcready_remote_exports = {'local': 'x.json'}",
            "svcready_remote_exports has the project name 'local' (names are letters, digits, '.', '_' and "
            "'-', and not 'local'), not {'local': 'x.json'}; using {}",
        ),
        (
            "svcready_remote_exports = {'pay': ''}",
            "svcready_remote_exports gives 'pay' the location '' (a location is the http(s) address or the "
            "path of a svcready.json, or a pair: the site's address, then its svcready.json's), not "
            "{'pay': ''}; using {}",
        ),
        (
            "svcready_remote_timeout = 0",
            "svcready_remote_timeout must be a positive number of seconds, not 0; using 10",
        ),
    ],
)
def test_bad_settings_warn_and_use_the_default(
    tmp_path: Path, sphinx_build: Run, setting: str, message: str
) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOTS / "test-basic", docs)
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(setting + "\n")
    build = sphinx_build(docs)
    assert build.warnings == [f"{docs / 'conf.py'}:4: WARNING: {message} [svcready.config]"]


def test_only_http_addresses_are_fetched(tmp_path: Path, sphinx_build: Run) -> None:
    # A file: or ftp: address is taken as a path (relative to conf.py), never opened as an address.
    docs = home(tmp_path, "file:///etc/passwd")
    build = sphinx_build(docs)
    assert build.warnings[0] == (
        f"{conf_line(docs)}: WARNING: remote export 'payments' ({docs / 'file:/etc/passwd'}): there is no "
        "such file (is that project built?); there is no earlier copy, so its services are left out "
        "[svcready.remote]"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/x.html", "/etc/passwd", "a\\b.html"])
def test_an_export_cannot_put_its_own_addresses_into_links(
    tmp_path: Path, sphinx_build: Run, url: str
) -> None:
    remote = payments(tmp_path, sphinx_build)
    export = json.loads((remote.outdir / "svcready.json").read_text(encoding="utf-8"))
    export["services"][0]["url"] = url
    export["services"][0]["title"] = "<script>alert(1)</script>"
    (tmp_path / "hostile.json").write_text(json.dumps(export), encoding="utf-8")
    docs = home(tmp_path, "../../hostile.json")
    build = sphinx_build(docs, "-W")
    assert (build.code, build.warnings) == (0, [])
    page = build.page()
    assert "<script>alert(1)</script>" not in page
    [cell] = [c for c in re.findall(r"<td>(.*?)</td>", page, re.S) if "&lt;script&gt;" in c]
    assert "<a " not in cell and "href" not in cell
    assert ["&lt;script&gt;alert(1)&lt;/script&gt;", "payments"] in [row[:2] for row in summary_table(page)]
    # The other service of that export keeps its link.
    assert hrefs(page, "Refunds") == ["../../discovered/refunds.html#svcready-refunds"]


def test_two_sites_read_each_other_and_export_only_their_own(tmp_path: Path, sphinx_build: Run) -> None:
    remote = payments(tmp_path, sphinx_build)
    docs = home(tmp_path, "../../payments/_build/html/svcready.json")
    out = tmp_path / "home" / "_build" / "html"
    with (tmp_path / "payments" / "docs" / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write("svcready_remote_exports = {'home': '../../home/_build/html/svcready.json'}\n")
    (tmp_path / "payments" / "docs" / "index.rst").write_text(
        "Payments\n========\n\n.. toctree::\n\n   discovered/index\n\n.. service-readiness-summary::\n",
        encoding="utf-8",
    )
    assert sphinx_build(docs, "-W", outdir=out).warnings == []
    again = sphinx_build(tmp_path / "payments" / "docs", "-W", outdir=remote.outdir)
    assert again.warnings == []
    assert [row[:2] for row in summary_table(again.page())[1:]] == [
        ["Checkout", "local"],
        ["Ledger service", "home"],
        ["Refunds", "local"],
    ]
    # Each export holds its own project's services only, so reading each other never loops.
    for folder, names in [(out, ["ledger"]), (remote.outdir, ["checkout", "refunds"])]:
        export = json.loads((folder / "svcready.json").read_text(encoding="utf-8"))
        assert [service["name"] for service in export["services"]] == names


def test_a_service_in_two_remote_exports_is_taken_from_the_first(tmp_path: Path, sphinx_build: Run) -> None:
    payments(tmp_path, sphinx_build, names=("checkout",))
    docs = home(tmp_path, "../../payments/_build/html/svcready.json")
    with (docs / "conf.py").open("a", encoding="utf-8") as handle:
        handle.write(
            "svcready_remote_exports['mirror'] = ('https://mirror.example/', "
            "'../../payments/_build/html/svcready.json')\n"
        )
    build = sphinx_build(docs)
    assert build.warnings == [
        f"{conf_line(docs)}: WARNING: service 'checkout' is in the remote exports 'payments' and 'mirror'; "
        "links and the summary use 'payments' [svcready.duplicate]"
    ]
    assert [row[:2] for row in summary_table(build.page())[1:]] == [
        ["Checkout", "payments"],
        ["Ledger service", "local"],
    ]
