"""Download one document over HTTP(S) within a deadline and a size limit, following only http(s) redirects.

A socket timeout bounds each wait, not the whole: a server that sends its headers or its body a
byte a second never lets one expire. Here the timeout is a deadline for everything, from
resolving the address to the last byte: a timer shuts every socket of the download down when
it passes, which ends any read in progress, including a TLS handshake. Nothing here imports Sphinx.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from types import TracebackType
from typing import Any

from sphinx_svcready.core.text import printable

_CHUNK = 64 * 1024
#: The most characters of a server's reason phrase or error shown in a message.
_SHOWN = 120


class FetchError(Exception):
    """Why the document could not be had, in words that follow its name ("it cannot be reached")."""


def is_web_address(text: str) -> bool:
    """Whether ``text`` is an ``http`` or ``https`` address, the only kinds ever fetched."""
    return urllib.parse.urlsplit(text).scheme in ("http", "https")


def download(url: str, timeout: float, limit: int, user_agent: str) -> bytes:
    """The body at ``url``, all of it within ``timeout`` seconds and at most ``limit`` bytes."""
    deadline = _Deadline(timeout)
    opener = urllib.request.build_opener(
        _HttpOnlyRedirects, _DeadlineHTTPHandler(deadline), _DeadlineHTTPSHandler(deadline)
    )
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "application/json"})
    try:
        with deadline, opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > limit:
                raise FetchError(_too_large(limit))
            data = bytearray()
            while chunk := response.read(_CHUNK):
                data += chunk
                if len(data) > limit:
                    raise FetchError(_too_large(limit))
            if deadline.expired:  # the timer ended the body early
                raise TimeoutError
            return bytes(data)
    except FetchError:
        raise
    except urllib.error.HTTPError as error:
        target = error.headers.get("Location", "") if error.headers else ""
        if 300 <= error.code < 400 and urllib.parse.urlsplit(target).scheme not in ("", "http", "https"):
            raise FetchError(_not_http(target)) from None
        raise FetchError(f"the server answered {error.code} {_shown(error.reason)}") from None
    except Exception as error:
        if deadline.expired or isinstance(error, TimeoutError) or _timed_out(error):
            raise FetchError(
                f"it did not arrive within svcready_remote_timeout ({timeout:g} seconds)"
            ) from None
        if isinstance(error, urllib.error.URLError):
            raise FetchError(f"it cannot be reached ({_shown(error.reason)})") from None
        if isinstance(error, (OSError, ValueError, http.client.HTTPException)):
            raise FetchError(f"it cannot be fetched ({_shown(repr(error))})") from None
        raise


def _timed_out(error: Exception) -> bool:
    return isinstance(error, urllib.error.URLError) and isinstance(error.reason, TimeoutError)


def _shown(text: object) -> str:
    return printable(str(text), _SHOWN)


def _no_answer(timeout: float) -> str:
    return f"it did not arrive within svcready_remote_timeout ({timeout:g} seconds)"


def _not_http(target: str) -> str:
    return f"it redirects to {_shown(target)}, which is not an http(s) address"


def _too_large(limit: int) -> str:
    return f"it is larger than svcready_remote_max_bytes ({limit} bytes)"


class _Deadline:
    """The end of one download: hands out its sockets' timeouts and shuts them all down when it
    passes. Used as a context manager around the download."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        # Duplicates of the sockets' descriptors, so that shutting one down reaches the connection
        # even after TLS has taken the original over.
        self._watched: list[socket.socket] = []
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._timer.cancel()
        with self._lock:
            for watched in self._watched:
                watched.close()
            self._watched.clear()

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError
        return left

    def connect(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None, **options: Any
    ) -> socket.socket:
        """``socket.create_connection``, bounded by the deadline, the socket watched."""
        sock = socket.create_connection(address, self.remaining(), source_address, **options)
        with self._lock:
            if self.expired:
                sock.close()
                raise TimeoutError
            self._watched.append(sock.dup())
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for watched in self._watched:
                with contextlib.suppress(OSError):  # already closed by the other end
                    watched.shutdown(socket.SHUT_RDWR)


def _connection(
    kind: type[http.client.HTTPConnection], deadline: _Deadline, host: str, **options: Any
) -> Any:
    connection = kind(host, **options)
    # The hook http.client itself opens its socket through.
    connection._create_connection = deadline.connect  # type: ignore[attr-defined]
    return connection


class _DeadlineHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_connection, http.client.HTTPConnection, self._deadline), req)


class _DeadlineHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__(context=ssl.create_default_context())
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            functools.partial(_connection, http.client.HTTPSConnection, self._deadline),
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) addresses only, never to ``file:`` or ``ftp:``."""

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if not is_web_address(newurl):
            raise FetchError(_not_http(newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)
