"""A hostile HTTP server on 127.0.0.1 for the federation tests: it trickles, nests, floods and
forges, and it stops by itself.

Every answer is bounded: a trickle sends at most :data:`TRICKLE_BYTES` bytes, one every
:data:`TRICKLE_SECONDS`, and ends when the server stops; nothing is sent anywhere but the
connection that asked.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Callable

TRICKLE_SECONDS = 0.25
#: A trickle lasts TRICKLE_BYTES * TRICKLE_SECONDS = 15 s at most, far past any test's deadline.
TRICKLE_BYTES = 60
FORGED_REASON = "Oops\r\x1b[2K\x1b[31mWARNING: forged by the server [svcready.remote]"


def serve_on_loopback(
    handler: type[http.server.BaseHTTPRequestHandler],
) -> tuple[http.server.ThreadingHTTPServer, threading.Thread]:
    """A server on 127.0.0.1 (a free port) answering with ``handler``, in a thread of its own."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, thread


class HostileServer:
    """Serves ``/<case>`` for every case of :meth:`routes`, and each of ``exports`` (a name and
    its bytes) at ``/<name>``; records the requests it was sent."""

    def __init__(self, exports: dict[str, bytes]) -> None:
        self.exports = exports
        self.export = next(iter(exports.values()))
        self.requests: list[str] = []
        self.stopping = threading.Event()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                route = owner.routes().get(self.path.strip("/"))
                if route is None:
                    self.send_error(404)
                else:
                    route(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd, self.thread = serve_on_loopback(Handler)

    def url(self, case: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/{case}"

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def routes(self) -> dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]:
        return {
            "trickle-headers": self._trickle_headers,
            "trickle-body": lambda handler: self._trickle_body(handler, length=False),
            "trickle-body-with-length": lambda handler: self._trickle_body(handler, length=True),
            "deep": lambda handler: _answer(handler, 200, b"[" * 1000 + b"]" * 1000),
            "huge-string": lambda handler: _answer(handler, 200, json.dumps("A" * 2_000_000).encode()),
            "forged-reason": lambda handler: _answer(handler, 500, b"{}", reason=FORGED_REASON),
            **{
                name: (lambda handler, data=data: _answer(handler, 200, data))
                for name, data in self.exports.items()
            },
        }

    def _trickle(self, handler: http.server.BaseHTTPRequestHandler, data: bytes) -> None:
        for byte in data[:TRICKLE_BYTES]:
            if self.stopping.wait(TRICKLE_SECONDS):
                return
            try:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            except OSError:
                return  # the client gave up, as it should

    def _trickle_headers(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        self._trickle(handler, b"HTTP/1.0 200 OK\r\nX-Slow: " + b"s" * TRICKLE_BYTES)

    def _trickle_body(self, handler: http.server.BaseHTTPRequestHandler, *, length: bool) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if length:
            handler.send_header("Content-Length", str(len(self.export)))
        handler.end_headers()
        handler.wfile.flush()
        self._trickle(handler, self.export)


def _answer(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes, reason: str = "") -> None:
    # send_response writes the reason phrase as it is given, control characters and all.
    handler.send_response(status, reason or None)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
