"""Benchmark: a portfolio aggregated from 50 other docs projects' exports of 100 services each.

Run: ``python benchmarks/federation.py [--projects 50] [--services 100] [--local 20]``. It builds one
svcready project of ``--services`` services and takes its ``svcready.json``; makes ``--projects``
exports from it, each with services of its own names; serves them over HTTP on this machine; and
builds a project of ``--local`` services twice from scratch, without the remote exports and with
them (``svcready_remote_exports``), then once more with nothing changed, when every export comes
again byte for byte and the kept copy is used. What the exports cost is the difference between the
two full builds; every build runs in its own process.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from run import project, services, sphinx


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """An HTTP server on this machine serving ``folder``; yields its address."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def exports(source: dict[str, object], count: int, folder: Path) -> list[str]:
    """``count`` copies of the export ``source``, each project's services renamed as its own."""
    folder.mkdir()
    names = []
    for number in range(count):
        copy = json.loads(json.dumps(source))
        for record in copy["services"]:
            record["name"] = f"{record['name']}-p{number:02d}"
            record["title"] = f"{record['title']} (project {number})"
        name = f"project{number:02d}.json"
        (folder / name).write_text(json.dumps(copy), encoding="utf-8")
        names.append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=50)
    parser.add_argument("--services", type=int, default=100)
    parser.add_argument("--local", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="svcready-federation-") as folder:
        root = Path(folder)
        (root / "remote").mkdir()
        remote = project(root / "remote", "svcready", services(args.services, root / "remote"))
        sphinx(remote, root / "_remote_out")
        source = json.loads((root / "_remote_out" / "svcready.json").read_text(encoding="utf-8"))
        served = root / "served"
        names = exports(source, args.projects, served)
        (root / "local").mkdir()
        local = project(root / "local", "svcready", services(args.local, root / "local"))
        alone = sphinx(local, root / "_alone")
        with serving(served) as address:
            remotes = {f"project{n:02d}": f"{address}/{name}" for n, name in enumerate(names)}
            with (local / "conf.py").open("a", encoding="utf-8") as conf:
                conf.write(f"svcready_remote_exports = {remotes!r}\n")
            shutil.rmtree(root / "_federated", ignore_errors=True)
            federated = sphinx(local, root / "_federated")
            again = sphinx(local, root / "_federated", quiet=False)
        page = (root / "_federated" / "index.html").read_text(encoding="utf-8")
        table = page.split('<table class="svcready-summary', 1)[1].split("</table>", 1)[0]
        rows = table.count("<tr") - 1
        total = args.projects * args.services
        print(f"{args.local} local services, {args.projects} exports of {args.services} services ({total})")
        print(f"  full build without the exports {alone.seconds:7.2f} s")
        extra = federated.seconds - alone.seconds
        print(f"  full build with the exports    {federated.seconds:7.2f} s ({extra:+.2f} s)")
        print(f"  rebuild, nothing changed       {again.seconds:7.2f} s (the exports came again, unchanged)")
        print(f"  the index's summary lists {rows} services")


if __name__ == "__main__":
    main()
