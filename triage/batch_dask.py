"""The batch on Dask (`distributed`): `python -m triage batch ... --engine dask`.

Why Dask and not Spark: the scoring is pure Python on bytes, and Dask's `distributed` is a pip
package like the rest of the app, with a `LocalCluster` that runs the very same code on a laptop
and in CI. Spark would add a Java runtime on every machine and move each resume through the JVM
and Arrow for nothing.

How the work is cut: the files go out in chunks with `client.map`, and rows come back with
`as_completed` as each chunk finishes, so the caller (`batch.run`) journals them and draws its
progress as it goes. Not a dask bag: a bag's worth is its collection operations (map, filter,
fold), and we want neither those nor to wait for the whole bag; the chunking is ours, to spread
the start of each chunk's bounded process (below) over several files while keeping a chunk small
enough that a stopped run loses little.

How one file stays bounded: a dask task runs in a thread of a worker process, where SIGALRM
cannot reach it, and an address-space limit on the worker would bound the worker's own
networking too; dask's nanny restarts a worker that outgrows its memory and retries its task
elsewhere, but knows no time limit and would fail the whole task in the end. So each chunk runs
the local engine itself, `batch.score_bounded(chunk, settings, 1)`: every file in a forkserver
child of the dask worker under the same 30 s and 1.5 GB bounds, a child that dies is replaced
and its file becomes an error row. The dask worker only waits. Only one thing is asked of the
cluster for that: its workers may start processes (not daemonic: `distributed.worker.daemon:
False`; set here for the LocalCluster, `DASK_DISTRIBUTED__WORKER__DAEMON=False` for a real
cluster's `dask worker`). Should a dask worker die all the same, its chunk's files are tried
again one by one, and a file that kills a worker again becomes the same error row as locally.

On a real cluster every worker must see the files and the requisition/profile TOML at the same
absolute path (a shared file system) and have this project installed.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, as_completed
from distributed.scheduler import KilledWorker

from triage.batch import Item, Settings, score_bounded, stopped_row
from triage.requisition import ConfigError

CHUNKS_PER_THREAD = 4  # chunks enough that the threads finish close together
MAX_CHUNK = 16  # files per chunk at most: what a stopped run may have to score again
SECONDS_TO_FIND_WORKERS = 60.0
NOT_DAEMONIC = ("a Dask worker here must be able to start the process that scores a file: "
                "start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")


def score_chunk(items: list[Item], settings: Settings) -> list[dict[str, Any]]:
    """One dask task: the local engine on one bounded process, inside the dask worker."""
    if multiprocessing.current_process().daemon:
        raise ConfigError(NOT_DAEMONIC)
    return list(score_bounded(items, settings, 1))


def chunk_size(files: int, threads: int) -> int:
    return max(1, min(MAX_CHUNK, math.ceil(files / (max(threads, 1) * CHUNKS_PER_THREAD))))


def _absolute(value: str | None) -> str | None:
    """A TOML path given relative to here, made absolute for workers that start elsewhere; a
    shipped name ('nurse') stays as it is."""
    return str(Path(value).absolute()) if value and Path(value).is_file() else value


@dataclass(frozen=True)
class DaskEngine:
    """Maps files to rows on a Dask cluster: the one at `scheduler` (an address such as
    tcp://host:8786), else a LocalCluster of `workers` single-threaded processes."""

    workers: int = 2
    scheduler: str | None = None

    def __call__(self, items: list[Item], settings: Settings) -> Iterator[dict[str, Any]]:
        settings = replace(settings, requisition=_absolute(settings.requisition),
                           profile=_absolute(settings.profile))
        items = [replace(item, path=item.path.absolute()) for item in items]  # name unchanged
        with self._client() as client:
            threads = sum(client.nthreads().values())
            size = chunk_size(len(items), threads)
            chunks = [items[n:n + size] for n in range(0, len(items), size)]
            running = dict(zip(client.map(score_chunk, chunks, settings=settings, pure=False),
                               chunks, strict=True))
            finished = as_completed(list(running))
            for future in finished:
                chunk = running.pop(future)
                try:
                    rows = future.result()
                except KilledWorker:  # the dask worker itself died on one of these files
                    if len(chunk) == 1:
                        yield stopped_row(chunk[0])
                        continue
                    for item in chunk:  # try each alone, to find the one that did it
                        retry = client.submit(score_chunk, [item], settings, pure=False)
                        running[retry] = [item]
                        finished.add(retry)
                    continue
                finally:
                    future.release()
                yield from rows

    @contextmanager
    def _client(self) -> Iterator[Client]:
        if self.scheduler:
            try:
                client = Client(self.scheduler)
            except OSError as exc:
                raise ConfigError(f"no Dask scheduler answers at {self.scheduler} "
                                  f"({exc})") from exc
            with client:
                try:
                    client.wait_for_workers(1, timeout=SECONDS_TO_FIND_WORKERS)
                except TimeoutError as exc:
                    raise ConfigError(f"the Dask scheduler at {self.scheduler} has no workers "
                                      f"after {SECONDS_TO_FIND_WORKERS:g} s") from exc
                yield client
            return
        # Loopback only, no dashboard, quiet; workers that may start the bounded process.
        with (dask.config.set({"distributed.worker.daemon": False}),
              LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None,
                           silence_logs=logging.ERROR) as cluster,
              Client(cluster) as client):
            yield client

