"""The isolation host (see `triage.isolation`): `python -m triage.isolation_host`.

It imports the pipeline, reads, scores and draws one sample so the line labeller, vocabularies
and font caches are loaded, prints the address of its socket, then forks one child per
connection. It stays single-threaded (forking is safe) and exits when its parent does (its
stdin closes).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path

from triage.isolation import receive_message, run_call, send_message

WARM_UP_SAMPLE = Path(__file__).resolve().parent.parent / "sample_resumes" / "senior_mlops.pdf"
BACKLOG = 64


def warm_up() -> None:
    """Read, score and draw the built-in sample once, loading what the pipeline loads lazily
    (a cold child spends ~1.5 s on it; a warm one reads and scores in under 0.1 s). Without
    the sample (an installed copy), each child loads what it needs itself."""
    if not WARM_UP_SAMPLE.is_file():
        return
    from triage.pipeline import score
    from triage.render import render_pages

    data = WARM_UP_SAMPLE.read_bytes()
    render_pages(data, score(data, filename=WARM_UP_SAMPLE.name).resume.document)


def _child(connection: socket.socket) -> None:
    """Answer one call, then exit without running the host's cleanup."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # a call may wait for a converter it starts
    try:
        request = receive_message(connection)
        send_message(connection, os.getpid())
        outcome = run_call(request)
        try:
            send_message(connection, outcome)
        except MemoryError:
            send_message(connection, ("memory", None))
        except Exception as exc:  # a result that cannot be pickled
            send_message(connection, ("crash", type(exc).__name__))
    finally:
        os._exit(0)


def serve() -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    folder = tempfile.mkdtemp(prefix="skim-isolation-")  # private to this user (0700)
    address = os.path.join(folder, "socket")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address)
        listener.listen(BACKLOG)
        # A broken sample must not stop the service: children then warm themselves.
        with contextlib.suppress(Exception):
            warm_up()
        print(address, flush=True)
        while True:
            ready, _, _ = select.select([listener, sys.stdin], [], [])
            if sys.stdin in ready and not os.read(sys.stdin.fileno(), 1):
                return  # the parent is gone
            if listener in ready:
                connection, _ = listener.accept()
                if os.fork() == 0:
                    listener.close()
                    _child(connection)
                connection.close()
    finally:
        listener.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    serve()
