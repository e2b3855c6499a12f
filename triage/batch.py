"""Score a round of resumes: folders, globs and zip files in, one row per file out.

Each file is read and scored in a worker process under a wall-clock bound (SIGALRM) and an
address-space bound (RLIMIT_AS), so one hostile file becomes an error row and the rest go on;
a worker that dies outright is replaced, and the file it was working on is retried alone
before it is written down as an error. Rows are appended to a journal as they finish, so an
interrupted run resumes where it stopped: files whose content hash is already in the journal
are not scored again.

Who does the scoring is an *engine*: a callable that takes the files still to score and the
settings and yields their rows as they finish. `run()` owns everything around it (finding the
files, the journal, resuming, the output table), so every engine gives the same table. The local
engine is `score_bounded` on a forkserver pool here; `--engine dask` is `triage.batch_dask`,
which runs the same function on each worker of a Dask cluster (imported only when asked for).
"""

from __future__ import annotations

import functools
import glob
import hashlib
import json
import multiprocessing
import os
import resource
import signal
import stat
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from triage.errors import ReadError
from triage.readers import EXTENSIONS
from triage.readers.limits import ReaderLimits
from triage.requisition import ConfigError

OUTPUT_FORMATS = (".csv", ".jsonl", ".parquet")
# Workers start from a small server process, not as copies of the caller: a copy of a large
# process (the app, a test run) would start near the address-space bound before its first file.
WORKER_START = multiprocessing.get_context("forkserver")
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
SECONDS_PER_FILE = 30.0  # a resume scores in about a second; 30 s means something is wrong
MEMORY_PER_WORKER_MB = 1536  # address space per worker: numpy, sklearn and one resume fit
ENGINES = ("local", "dask")
SCHEDULER_VARIABLE = "SKIM_DASK_SCHEDULER"  # a Dask scheduler's address, for --engine dask
COLUMNS = ("file", "sha256", "verdict", "score", "pages", "roles", "current_title",
           "current_company", "failed_knockouts", "error", "seconds", "worker_peak_mb")


@dataclass(frozen=True)
class Item:
    """One resume to score: where it came from (a path, or 'archive.zip:member') and how to
    get its bytes."""

    name: str
    path: Path
    member: str = ""

    def data(self, limits: ReaderLimits) -> bytes:
        if not self.member:
            return self.path.read_bytes()
        with zipfile.ZipFile(self.path) as archive:
            info = archive.getinfo(self.member)
            if info.file_size > limits.max_bytes:
                raise ReadError(f"{self.member} is {info.file_size / 1_048_576:.1f} MB inside "
                                f"the zip; the limit is {limits.max_bytes / 1_048_576:.0f} MB.")
            return archive.read(info)


@dataclass(frozen=True)
class Settings:
    """What every file in the round is scored against (paths, so workers can load them)."""

    requisition: str | None = None
    profile: str | None = None
    budget: float | None = None
    seed: int | None = None
    as_of: str | None = None
    seconds_per_file: float = SECONDS_PER_FILE
    memory_mb: int = MEMORY_PER_WORKER_MB


def _readable(path: Path) -> bool:
    """A regular file, not a link: a batch never follows a symlink out of the folder it was
    given (it could point at any file on the machine)."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode)


def _is_resume(name: str) -> bool:
    return Path(name).suffix.lower() in EXTENSIONS


def _zip_items(path: Path) -> Iterator[Item]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [i for i in archive.infolist()
                       if not i.is_dir() and _is_resume(i.filename)
                       and not stat.S_ISLNK(i.external_attr >> 16)]
    except (zipfile.BadZipFile, OSError):
        yield Item(str(path), path, member="?")  # scored as an error row: a broken zip
        return
    for info in members:
        yield Item(f"{path}:{info.filename}", path, info.filename)


def expand(inputs: Iterable[str]) -> list[Item]:
    """Every resume named by `inputs` (files, folders searched recursively, globs, zips), in a
    stable order, each once. Links and non-regular files are skipped."""
    items: dict[str, Item] = {}
    for given in inputs:
        matches = sorted(Path(p) for p in glob.glob(given, recursive=True)) or [Path(given)]
        for match in matches:
            paths = (sorted(p for p in match.rglob("*") if _is_resume(p.name) or
                            p.suffix.lower() == ".zip")
                     if match.is_dir() and not match.is_symlink() else [match])
            for path in paths:
                if not _readable(path):
                    continue
                found = (_zip_items(path) if path.suffix.lower() == ".zip"
                         else [Item(str(path), path)])
                for item in found:
                    items.setdefault(item.name, item)
    return list(items.values())


def _bound_worker(memory_mb: int) -> None:
    """Runs once in each worker: cap its address space, and let SIGALRM interrupt a file.
    Native thread pools would reserve address space per core for nothing: one thread each."""
    for variable in THREAD_VARIABLES:
        os.environ[variable] = "1"
    limit = memory_mb * 1_048_576
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _out_of_time)


class _OutOfTime(BaseException):
    """Raised by the alarm; not an Exception, so a library's `except Exception` cannot swallow
    it and carry on past the file's time."""


_ALARM_RANG = threading.Event()


def _out_of_time(signum: int, frame: object) -> None:
    """Raise in the work, and remember it rang: Python swallows an exception raised while it
    runs a `__del__` (a ZipFile's, at a 1 ms limit), and the work would go on and finish."""
    _ALARM_RANG.set()
    raise _OutOfTime


def _row(item: Item, digest: str, seconds: float, **fields: Any) -> dict[str, Any]:
    return {"file": item.name, "sha256": digest, "verdict": "", "score": None, "pages": None,
            "roles": None, "current_title": "", "current_company": "", "failed_knockouts": "",
            "error": "", "seconds": round(seconds, 3),
            # the worker's peak resident memory so far (Linux reports KiB)
            "worker_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            **fields}


def score_item(item: Item, settings: Settings) -> dict[str, Any]:
    """One file's row: its verdict and summary, or the plain sentence why it has none."""
    from triage.pipeline import score

    start = time.perf_counter()
    limits = ReaderLimits()
    digest = ""
    try:
        # The alarm is off before any handler runs, and caught wherever it fires (before the
        # work began, in the `finally`), so a file out of time always gets its sentence.
        try:
            _ALARM_RANG.clear()
            signal.setitimer(signal.ITIMER_REAL, settings.seconds_per_file)
            data = item.data(limits)
            digest = hashlib.sha256(data).hexdigest()
            result = score(data, requisition=settings.requisition, profile=settings.profile,
                           budget=settings.budget, seed=settings.seed, as_of=settings.as_of,
                           filename=Path(item.member or item.path.name).name)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if _ALARM_RANG.is_set():
            raise _OutOfTime  # it rang where its exception was swallowed
        report = result.to_dict()
        current = result.resume.roles[0] if result.resume.roles else None
        return _row(item, digest, time.perf_counter() - start, verdict=report["verdict"],
                    score=report["score"], pages=len(result.resume.document.pages),
                    roles=len(result.resume.roles),
                    current_title=(current.title or "") if current else "",
                    current_company=(current.company or "") if current else "",
                    failed_knockouts="; ".join(k["question"] for k in report["knockouts"]
                                               if k["status"] == "fail"))
    except ReadError as exc:
        error = exc.message
    except _OutOfTime:
        error = f"Scoring took over {settings.seconds_per_file:g} s and was stopped."
    except MemoryError:
        error = f"Scoring needed over {settings.memory_mb} MB and was stopped."
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        error = f"The file could not be opened ({type(exc).__name__})."
    except Exception as exc:  # a bug on one file must not stop the round: its row says so
        error = f"This file could not be analysed ({type(exc).__name__})."
    return _row(item, digest, time.perf_counter() - start, error=error)


def _digest(item: Item, limits: ReaderLimits) -> str:
    """The content hash, or "" where the file cannot be opened here (its row will say why)."""
    try:
        return hashlib.sha256(item.data(limits)).hexdigest()
    except (OSError, ReadError, KeyError, zipfile.BadZipFile):
        return ""


def _journal(out: Path) -> Path:
    return out.with_name(out.name + ".partial.jsonl")


def _done_rows(journal: Path) -> list[dict[str, Any]]:
    if not journal.is_file():
        return []
    rows = []
    for line in journal.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            break  # the line the interruption cut short: it is scored again
    return rows


def progress_bar(done: int, total: int, errors: int) -> None:
    """A one-line progress bar on stderr, redrawn in place."""
    width = 30
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files, "
                     f"{errors} errors")
    sys.stderr.flush()


Engine = Callable[[list[Item], Settings], Iterable[dict[str, Any]]]


def run(inputs: Iterable[str], out: Path, settings: Settings, workers: int = 2,
        progress: Callable[[int, int, int], None] | None = None,
        engine: Engine | None = None) -> pd.DataFrame:
    """Score every resume in `inputs` into `out` (.csv, .jsonl or .parquet) and return the
    table. Resumes a run that stopped: rows already in the journal are kept, not redone.
    `engine` scores the files (default: the local engine on `workers` processes)."""
    if out.suffix.lower() not in OUTPUT_FORMATS:
        raise ConfigError(f"the output must end in {', '.join(OUTPUT_FORMATS)}")
    items = expand(inputs)
    journal = _journal(out)
    known = {row["sha256"]: row for row in _done_rows(journal) if row["sha256"]}
    limits = ReaderLimits()
    rows, todo = [], []
    for item in items:
        digest = _digest(item, limits)
        if digest in known:  # scored before the interruption, or the same file twice
            rows.append(known[digest] | {"file": item.name})
        else:
            todo.append(item)
    errors = sum(1 for row in rows if row["error"])
    engine = engine or make_engine("local", workers)
    with journal.open("a", encoding="utf-8") as log:
        for row in engine(todo, settings) if todo else ():
            rows.append(row)
            errors += bool(row["error"])
            log.write(json.dumps(row, ensure_ascii=False) + "\n")
            log.flush()
            if progress:
                progress(len(rows), len(items), errors)
    if progress and items:
        sys.stderr.write("\n")
    order = {item.name: n for n, item in enumerate(items)}
    table = pd.DataFrame(sorted(rows, key=lambda r: order.get(r["file"], len(order))),
                         columns=list(COLUMNS)).astype({"pages": "Int64", "roles": "Int64"})
    _write(table, out)
    journal.unlink()
    return table


def _write(table: pd.DataFrame, out: Path) -> None:
    suffix = out.suffix.lower()
    if suffix == ".csv":
        table.to_csv(out, index=False)
    elif suffix == ".jsonl":
        table.to_json(out, orient="records", lines=True, force_ascii=False)
    else:
        table.to_parquet(out, index=False)


def make_engine(name: str, workers: int, scheduler: str | None = None) -> Engine:
    """The engine called `name` (one of ENGINES) on `workers` processes. For "dask", the
    cluster at `scheduler` (or $SKIM_DASK_SCHEDULER), else a LocalCluster of `workers`."""
    if name == "dask":
        try:  # here and only here: dask stays out of the app's and the local batch's imports
            from triage.batch_dask import DaskEngine
        except ImportError as exc:
            raise ConfigError(f"--engine dask needs Dask's 'distributed' package ({exc}); "
                              "install requirements.txt") from exc
        return DaskEngine(workers, scheduler or os.environ.get(SCHEDULER_VARIABLE) or None)
    if name != "local":
        raise ConfigError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    if scheduler:
        raise ConfigError("--scheduler is for --engine dask")
    return functools.partial(score_bounded, workers=workers)


def stopped_row(item: Item) -> dict[str, Any]:
    """The row of a file whose worker died under it, twice (any engine)."""
    return _row(item, "", 0.0, worker_peak_mb=None,
                error="This file stopped the worker reading it (it ran out of memory or "
                      "crashed).")


def score_bounded(items: list[Item], settings: Settings, workers: int
                  ) -> Iterator[dict[str, Any]]:
    """The local engine: `items` scored on a pool of `workers` bounded processes."""
    with BoundedPool(workers, settings.memory_mb) as pool:
        yield from pool.rows(items, settings)


class BoundedPool:
    """`workers` processes started from the forkserver, each under a wall-clock bound per file
    (SIGALRM) and an address-space bound (RLIMIT_AS), kept from one call of `rows` to the next:
    a process pays its warm-up once (its first file takes ~1.7 s more than the next ones). A pool
    that a file breaks is replaced."""

    def __init__(self, workers: int, memory_mb: int) -> None:
        self.workers, self.memory_mb = workers, memory_mb
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> BoundedPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def rows(self, items: list[Item], settings: Settings) -> Iterator[dict[str, Any]]:
        """Rows as they finish, each file scored by `score_item`. At most `workers` files are
        in flight, so when a worker dies (killed for memory, a crash in native code) only those
        files are suspects: each is tried again alone, and the one that kills its worker again
        becomes an error row."""
        queue = list(reversed(items))
        suspects: list[Item] = []
        while queue or suspects:
            if suspects:
                pass_items, in_flight = [suspects.pop()], 1
            else:
                pass_items, in_flight = queue, self.workers
            broken = yield from self._pass(pass_items, settings, in_flight)
            if in_flight == 1 and broken:
                yield stopped_row(broken[0])
            elif broken:
                suspects.extend(broken)

    def _pass(self, items: list[Item], settings: Settings, in_flight: int
              ) -> Iterator[dict[str, Any]]:
        """Score `items` (popped from the end) until they run out or the pool breaks; returns
        the files that were in flight when it broke."""
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=WORKER_START, initializer=_bound_worker,
                initargs=(self.memory_mb,))
        running: dict[Future, Item] = {}
        while items or running:
            while items and len(running) < in_flight:
                item = items.pop()
                running[self._executor.submit(score_item, item, settings)] = item
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                item = running.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    lost = [item, *running.values()]
                    self.close()  # the next pass starts a new pool
                    return lost
        return []


def worker_count(requested: int | None) -> int:
    """The worker processes to use: as asked, else one per core."""
    return max(1, requested or os.cpu_count() or 1)
