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
on the local engine's own `batch.BoundedPool`, of one process: every file in a forkserver child
of the dask worker under the same 30 s and 1.5 GB bounds, a child that dies is replaced and its
file becomes an error row. The dask worker only waits. Its pool lasts for the run (one per
worker thread, closed at the end), so each bounded process warms up once, as locally; a fresh
one per chunk made the dask engine half as fast. Only one thing is asked of the
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
import os
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, as_completed
from distributed.scheduler import KilledWorker

from triage.batch import BoundedPool, Item, Settings, stopped_row
from triage.requisition import ConfigError

CHUNKS_PER_THREAD = 16  # chunks enough that the threads finish close together
MAX_CHUNK = 16  # files per chunk at most: what a stopped run may have to score again
SECONDS_TO_FIND_WORKERS = 60.0
# Set by dask's nanny for its workers (distributed.nanny.pre-spawn-environ) so that glibc hands
# memory back often; inherited by the scoring process it makes every file about twice as slow
# (30 files: 17 s of scoring became 34 s), so the scoring process starts without it.
WORKER_ONLY_VARIABLES = ("MALLOC_TRIM_THRESHOLD_",)
NOT_DAEMONIC = ("a Dask worker here must be able to start the process that scores a file: "
                "start the workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")


# In a dask worker: each run's bounded pools, one per worker thread, kept between its chunks.
_POOLS: dict[tuple[str, int], BoundedPool] = {}


def score_chunk(items: list[Item], settings: Settings, run: str = "") -> list[dict[str, Any]]:
    """One dask task: its files' rows, scored on this worker thread's bounded process."""
    if multiprocessing.current_process().daemon:
        raise ConfigError(NOT_DAEMONIC)
    for variable in WORKER_ONLY_VARIABLES:  # before this worker's first scoring process starts
        os.environ.pop(variable, None)
    key = (run, threading.get_ident())
    pool = _POOLS.get(key) or _POOLS.setdefault(key, BoundedPool(1, settings.memory_mb))
    return list(pool.rows(items, settings))


def close_pools(run: str) -> None:
    """In each dask worker at the end of a run: stop that run's bounded processes."""
    for key in [key for key in _POOLS if key[0] == run]:
        _POOLS.pop(key).close()


def chunk_size(files: int, threads: int) -> int:
    return max(1, min(MAX_CHUNK, math.ceil(files / (max(threads, 1) * CHUNKS_PER_THREAD))))


def _absolute(value: str | None) -> str | None:
    """A TOML path given relative to here, made absolute for workers that start elsewhere; a
    shipped name ('nurse') stays as it is."""
    return str(Path(value).absolute()) if value and Path(value).is_file() else value


def _cannot_run(exc: Exception) -> str:
    said = next(iter(str(exc).splitlines()), "")
    return (f"the Dask cluster could not run the scoring ({type(exc).__name__}: {said}); its "
            "scheduler and workers need this project's code and packages, e.g. started with "
            "PYTHONPATH set to this project's folder")


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
        run = uuid.uuid4().hex
        with self._client() as client:
            threads = sum(client.nthreads().values())
            size = chunk_size(len(items), threads)
            chunks = [items[n:n + size] for n in range(0, len(items), size)]
            running = dict(zip(client.map(score_chunk, chunks, settings=settings, run=run,
                                          pure=False), chunks, strict=True))
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
                        retry = client.submit(score_chunk, [item], settings, run, pure=False)
                        running[retry] = [item]
                        finished.add(retry)
                    continue
                except ConfigError:
                    raise
                except Exception as exc:  # a file's own failure is a row: this is the cluster's
                    raise ConfigError(_cannot_run(exc)) from exc
                finally:
                    future.release()
                yield from rows
            client.run(close_pools, run)

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
        with local_cluster(self.workers) as cluster, Client(cluster) as client:
            yield client


@contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """`workers` single-threaded dask workers on this machine, allowed to start the bounded
    process; loopback only, no dashboard, quiet, and without the workers' sampling profiler (its
    samples of a thread that only waits are worth nothing, and it takes CPU from the scoring)."""
    with (dask.config.set({"distributed.worker.daemon": False,
                           "distributed.worker.profile.enabled": False}),
          LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                       dashboard_address=None, silence_logs=logging.ERROR) as cluster):
        yield cluster

