"""Batch throughput: one worker process against two, and engine against engine, on a generated
round of resumes.

    python -m training.batch_bench [--files 200] [--broken 0.05] [--workers 1,2]
                                   [--engine local,dask]

The round is made from the shipped samples (PDF, DOCX, TXT, JSON), each copy made distinct (a
PDF comment, a trailing line) so no two share a content hash, plus a share of broken files
(truncated PDFs, a DOCX that is not a zip). Prints files per second for each engine and worker
count (the dask engine's time includes starting its LocalCluster), the speed-up, the error rows
and the workers' peak memory. Heavy: a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import zipfile
from pathlib import Path

from triage.batch import ENGINES, Settings, make_engine, run

SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"
KINDS = (".pdf", ".docx", ".txt", ".json")


def make_round(folder: Path, files: int, broken: float) -> int:
    """Write `files` resumes into `folder`, `broken` of them damaged; returns how many are."""
    sources = sorted(p for p in SAMPLES.iterdir() if p.suffix in KINDS)
    bad_every = round(1 / broken) if broken > 0 else 0
    damaged = 0
    for n in range(files):
        source = sources[n % len(sources)]
        data = source.read_bytes()
        target = folder / f"{n:05d}-{source.name}"
        if bad_every and n % bad_every == bad_every - 1:
            data = data[: len(data) // 3] if source.suffix != ".docx" else b"PK\x03\x04broken"
            target = target.with_suffix(".pdf" if source.suffix != ".docx" else ".docx")
            data = b"%PDF-1.7\n" + data[9:] if target.suffix == ".pdf" else data
            damaged += 1
        elif source.suffix == ".pdf":
            data += f"\n%copy {n}\n".encode()
        elif source.suffix == ".json":
            data = data.rstrip() + b"\n" + b" " * (n % 97) + b"\n"
        else:
            data += f"\n{n}\n".encode()
        target.write_bytes(data)
        if target.suffix == ".docx" and data == source.read_bytes():
            with zipfile.ZipFile(target, "a") as archive:  # a zip comment makes it distinct
                archive.comment = f"copy {n}".encode()
    return damaged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--broken", type=float, default=0.05)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--engine", default="local",
                        help=f"engines to time, comma-separated: {', '.join(ENGINES)}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "round"
        folder.mkdir()
        damaged = make_round(folder, args.files, args.broken)
        rates, firsts = {}, {}
        for engine in args.engine.split(","):
            for workers in (int(w) for w in args.workers.split(",")):
                out = Path(tmp) / f"results-{engine}-{workers}.csv"
                start = time.perf_counter()
                table = run([str(folder)], out, Settings(as_of="2026-11"), workers=workers,
                            engine=make_engine(engine, workers))
                elapsed = time.perf_counter() - start
                errors = int((table["error"] != "").sum())
                rates[engine, workers] = len(table) / elapsed
                print(f"{engine}, {workers} worker(s): {len(table)} files in {elapsed:.1f} s = "
                      f"{rates[engine, workers]:.1f} files/s; {errors} error rows ({damaged} "
                      f"damaged files made); worker peak memory "
                      f"{table['worker_peak_mb'].max():.0f} MB")
                rows = table.drop(columns=["seconds", "worker_peak_mb"])
                first = firsts.setdefault(workers, (engine, rows))
                if first[0] != engine:
                    same = rows.equals(first[1])
                    print(f"  same rows as {first[0]} on {workers} worker(s): {same}")
            counts = sorted(w for e, w in rates if e == engine)
            if len(counts) > 1:
                low, high = rates[engine, counts[0]], rates[engine, counts[-1]]
                print(f"{engine}: speed-up {counts[-1]} vs {counts[0]} worker(s): "
                      f"{high / low:.2f}x")


if __name__ == "__main__":
    main()
