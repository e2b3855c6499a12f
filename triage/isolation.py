"""One resume's work (read, score, draw) in a process of its own, bounded in time and memory.

A hostile file can make a library loop or allocate without end, and a server thread cannot be
stopped from outside: the only safe place for that work is a process that can be killed.

A small host process (`triage.isolation_host`) imports the pipeline and reads, scores and draws
a sample once, then forks one child per call. The host is single-threaded, so forking it is
safe (forking the threaded server is not), and each child starts warm: a call costs tens of
milliseconds, not an interpreter start and a model load. The child caps its address space; the
caller waits at most `Bounds.seconds` for the answer, then kills the child. Either way the
caller gets the result or a `ReadError` with one plain sentence, and keeps serving.

multiprocessing's forkserver does much the same, but re-imports the caller's main module in every
child: under Streamlit that is the app script itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from triage.errors import CorruptFileError, OverLimitError, ReadError, TooSlowError

T = TypeVar("T")
HOST_START_SECONDS = 120.0  # the host's warm-up reads a sample: seconds, minutes on a busy CI box
_LENGTH = struct.Struct("!Q")
_host_lock = threading.Lock()
_host: _Host | None = None


@dataclass(frozen=True)
class Bounds:
    """What one call may spend. A resume reads, scores and draws in about a second and well
    under 500 MB; these leave room for a slow machine without letting a hostile file settle in."""

    seconds: float = 30.0
    memory_mb: int = 1536


def send_message(connection: socket.socket, payload: object) -> None:
    data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    connection.sendall(_LENGTH.pack(len(data)) + data)


def receive_message(connection: socket.socket) -> Any:
    """One length-prefixed pickle; EOFError when the other side is gone before it is whole."""
    (length,) = _LENGTH.unpack(_receive_exactly(connection, _LENGTH.size))
    return pickle.loads(_receive_exactly(connection, length))


def _receive_exactly(connection: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = connection.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class _Host:
    """The running host: its process and the socket it forks a child for on each connection."""

    def __init__(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "triage.isolation_host"], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._ready = threading.Event()
        self._address = ""
        threading.Thread(target=self._await_address, daemon=True).start()

    def _await_address(self) -> None:
        self._address = self.process.stdout.readline().decode().strip()  # type: ignore[union-attr]
        self._ready.set()

    def address(self) -> str:
        if not self._ready.wait(HOST_START_SECONDS) or not self._address:
            raise CorruptFileError("The analysis service did not start; restart the app.")
        return self._address

    def alive(self) -> bool:
        return self.process.poll() is None


def warm() -> None:
    """Start the host (it warms up in the background) ahead of the first call."""
    _running_host()


def _running_host() -> _Host:
    global _host
    with _host_lock:
        if _host is None or not _host.alive():
            _host = _Host()
        return _host


def bounded(function: Callable[..., T], *args: Any, bounds: Bounds = Bounds(),
            **kwargs: Any) -> T:
    """`function(*args, **kwargs)` in a bounded child process; its result, or a ReadError.
    `function` must be importable by name (a module-level function) and its arguments and
    result picklable."""
    address = _running_host().address()
    deadline = time.monotonic() + bounds.seconds
    pid = None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(bounds.seconds)
        try:
            connection.connect(address)
            send_message(connection, (bounds.memory_mb, function, args, kwargs))
            pid = receive_message(connection)
            connection.settimeout(max(0.01, deadline - time.monotonic()))
            kind, value = receive_message(connection)
        except TimeoutError:
            _kill(pid)
            raise TooSlowError(
                f"This file took more than {bounds.seconds:.0f} s to analyse, so it was "
                "stopped; export it again from the original document and upload it once more."
            ) from None
        except (EOFError, ConnectionError):  # the child died without answering
            kind, value = "memory", None
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise OverLimitError(
            f"This file needs more than {bounds.memory_mb:,} MB to analyse, which no resume "
            "does, so it was stopped; export it again from the original document.")
    raise CorruptFileError(
        "This file could not be analysed; export it again (PDF with text, or DOCX) and upload "
        "it once more.")


def _kill(pid: int | None) -> None:
    if pid is not None:
        with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
            os.kill(pid, signal.SIGKILL)


def run_call(request: tuple[int, Callable[..., Any], tuple[Any, ...], dict[str, Any]]
             ) -> tuple[str, Any]:
    """In the child: cap memory, run the call, and say how it ended (never raises)."""
    import resource

    memory_mb, function, args, kwargs = request
    limit = memory_mb * 1_048_576
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        return ("ok", function(*args, **kwargs))
    except ReadError as exc:
        return ("error", exc)
    except MemoryError:
        return ("memory", None)
    except Exception as exc:  # a reader bug: the caller gets a sentence
        return ("crash", type(exc).__name__)
