"""The batch on Dask (issue 12, section 7): on a LocalCluster of two worker processes it gives
the same rows as the local engine, every file still bounded in time, the journal shared; Dask is
imported only when asked for; no connection leaves the machine (tests/netguard)."""

from __future__ import annotations

import importlib.util
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from triage import batch
from triage.batch import Item, Settings, make_engine, run
from triage.batch_dask import DaskEngine, chunk_size, local_cluster, score_chunk
from triage.cli import main
from triage.requisition import ConfigError

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_resumes"
NETGUARD = ROOT / "tests" / "netguard"
TIMING = ["seconds", "worker_peak_mb"]  # how long and how big: the only columns that may differ
SETTINGS = Settings(as_of="2026-11")


@pytest.fixture
def round_folder(tmp_path: Path) -> Path:
    """One resume of each kind, a damaged PDF, and a zip holding a DOCX."""
    folder = tmp_path / "round"
    folder.mkdir()
    for name in ("senior_mlops.pdf", "nurse_manager.txt", "career_changer.json",
                 "designer_two_column.docx"):
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "bad.pdf").write_bytes(b"%PDF-1.7 garbage")
    with zipfile.ZipFile(folder / "inbox.zip", "w") as archive:
        archive.write(SAMPLES / "career_changer.docx", "applications/c.docx")
    return folder


@pytest.fixture
def netguard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """tests/netguard in this process and in every process started from it (the cluster's
    workers and their bounded children): each connection or lookup beyond loopback is logged."""
    log = tmp_path / "connections.log"
    monkeypatch.setenv("SKIM_NETGUARD_LOG", str(log))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")])))
    for name in ("connect", "connect_ex"):  # put back after the test
        monkeypatch.setattr(socket.socket, name, getattr(socket.socket, name))
    monkeypatch.setattr(socket, "getaddrinfo", socket.getaddrinfo)
    spec = importlib.util.spec_from_file_location("netguard", NETGUARD / "sitecustomize.py")
    assert spec and spec.loader
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    yield log
    assert not log.exists(), log.read_text()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A running two-worker cluster, reached by its address as a real one would be."""
    with local_cluster(2) as cluster:
        yield cluster.scheduler_address


def _comparable(table: pd.DataFrame) -> pd.DataFrame:
    return table.drop(columns=TIMING).sort_values("file").reset_index(drop=True)


def test_dask_gives_the_same_rows_as_the_local_engine(round_folder: Path, tmp_path: Path,
                                                      netguard: Path) -> None:
    local = run([str(round_folder)], tmp_path / "local.csv", SETTINGS, workers=2)
    on_dask = run([str(round_folder)], tmp_path / "dask.csv", SETTINGS,
                  engine=make_engine("dask", 2))  # its own LocalCluster of 2 workers
    assert len(on_dask) == 6
    pd.testing.assert_frame_equal(_comparable(on_dask), _comparable(local))
    rows = on_dask.set_index(on_dask["file"].map(lambda f: f.removeprefix(f"{round_folder}/")))
    assert "damaged" in rows.loc["bad.pdf", "error"] and rows.loc["bad.pdf", "verdict"] == ""
    assert rows.loc["inbox.zip:applications/c.docx", "verdict"] in ("yes", "maybe", "no")
    assert (rows.drop(index="bad.pdf")["error"] == "").all()
    written = pd.read_csv(tmp_path / "dask.csv", keep_default_na=False)
    assert written["file"].tolist() == local["file"].tolist()  # same order, same writer


def test_each_file_stays_bounded_in_time_on_dask(round_folder: Path, tmp_path: Path,
                                                 scheduler: str) -> None:
    table = run([str(round_folder / "senior_mlops.pdf"), str(round_folder / "inbox.zip")],
                tmp_path / "r.csv", Settings(seconds_per_file=0.001),
                engine=DaskEngine(scheduler=scheduler))
    assert table["error"].tolist() == ["Scoring took over 0.001 s and was stopped."] * 2


def test_the_cli_resumes_a_dask_run_from_the_same_journal(
        round_folder: Path, tmp_path: Path, scheduler: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results.jsonl"
    journal = out.with_name(out.name + ".partial.jsonl")
    pdf = round_folder / "senior_mlops.pdf"
    done = batch.score_item(Item(str(pdf), pdf), SETTINGS)
    journal.write_text(json.dumps(done | {"seconds": -1.0}) + "\n", "utf-8")
    monkeypatch.setenv("SKIM_DASK_SCHEDULER", scheduler)
    assert main(["batch", str(pdf), str(round_folder / "nurse_manager.txt"), "--out", str(out),
                 "--as-of", "2026-11", "--engine", "dask"]) == 0
    assert "2 files" in capsys.readouterr().out
    table = pd.read_json(out, lines=True)
    assert table["seconds"].tolist()[0] == -1.0 and table["verdict"].tolist()[1] == "no"
    assert not journal.exists()


def test_workers_that_cannot_start_the_bounded_process_are_named(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Daemonic:
        daemon = True

    monkeypatch.setattr(multiprocessing, "current_process", Daemonic)
    with pytest.raises(ConfigError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
        score_chunk([], SETTINGS)


def test_engines_are_chosen_by_name(tmp_path: Path) -> None:
    assert isinstance(make_engine("dask", 3, "tcp://127.0.0.1:1"), DaskEngine)
    with pytest.raises(ConfigError, match="for --engine dask"):
        make_engine("local", 2, "tcp://127.0.0.1:8786")
    with pytest.raises(ConfigError, match="unknown engine"):
        make_engine("spark", 2)
    assert [chunk_size(n, 2) for n in (1, 32, 33, 200, 10_000)] == [1, 1, 2, 7, 16]


def test_dask_stays_out_of_the_app_and_the_local_batch() -> None:
    probe = ("import sys, triage.cli, triage.batch, triage.ui.calibrate_page; "
             "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))")
    shown = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                           text=True, check=True)
    assert shown.stdout.strip() == "[]"
