"""Batch scoring of a round: folders, globs and zips in; one row per file; bad files become
error rows; a worker that dies takes only its own file down; an interrupted run resumes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from triage import batch, score
from triage.batch import Item, Settings, expand, run

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_resumes"
CRASH = "crash.txt"


@pytest.fixture
def round_folder(tmp_path: Path) -> Path:
    """Two resumes, one nested; a damaged PDF; a zip holding a DOCX; a link out of the folder."""
    folder = tmp_path / "round"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SAMPLES / "senior_mlops.pdf", folder / "a.pdf")
    shutil.copy(SAMPLES / "nurse_manager.txt", folder / "nested" / "b.txt")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.7 garbage")
    (folder / "notes.xlsx").write_bytes(b"not a resume")
    with zipfile.ZipFile(folder / "more.zip", "w") as archive:
        archive.write(SAMPLES / "career_changer.docx", "inbox/c.docx")
        archive.writestr("readme.md.bak", "skipped: not a resume type")
    outside = tmp_path / "secret.txt"
    outside.write_text("Jane Doe\nsecret\n")
    (folder / "link.txt").symlink_to(outside)
    return folder


def test_a_round_gives_one_row_per_resume_and_bad_files_become_error_rows(
        round_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    table = run([str(round_folder)], out, Settings(as_of="2026-11"), workers=2)
    names = [f.removeprefix(f"{round_folder}/") for f in table["file"]]
    assert sorted(names) == ["a.pdf", "bad.pdf", "more.zip:inbox/c.docx", "nested/b.txt"]
    assert "link.txt" not in " ".join(table["file"])  # a link is never followed
    rows = table.set_index(pd.Index(names))
    assert "damaged" in rows.loc["bad.pdf", "error"] and rows.loc["bad.pdf", "verdict"] == ""
    serial = score(SAMPLES / "senior_mlops.pdf", as_of="2026-11").to_dict()
    assert rows.loc["a.pdf", "verdict"] == serial["verdict"]
    assert rows.loc["a.pdf", "score"] == pytest.approx(serial["score"])
    assert rows.loc["a.pdf", "pages"] == 2 and rows.loc["a.pdf", "error"] == ""
    zipped = score((SAMPLES / "career_changer.docx").read_bytes(), filename="c.docx",
                   as_of="2026-11").to_dict()
    assert rows.loc["more.zip:inbox/c.docx", "verdict"] == zipped["verdict"]
    assert pd.read_csv(out, keep_default_na=False)["file"].tolist() == table["file"].tolist()
    assert not out.with_name(out.name + ".partial.jsonl").exists()


def test_globs_zips_and_every_output_format(round_folder: Path, tmp_path: Path) -> None:
    found = expand([str(round_folder / "*.pdf"), str(round_folder / "more.zip")])
    assert [i.name.removeprefix(f"{round_folder}/") for i in found] == [
        "a.pdf", "bad.pdf", "more.zip:inbox/c.docx"]
    for suffix, read in ((".jsonl", lambda p: pd.read_json(p, lines=True)),
                         (".parquet", pd.read_parquet)):
        out = tmp_path / f"r{suffix}"
        table = run([str(round_folder / "a.pdf")], out, Settings(as_of="2026-11"), workers=1)
        assert read(out)["verdict"].tolist() == table["verdict"].tolist() != [""]


def test_an_interrupted_run_resumes_by_content_hash(round_folder: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "results.jsonl"
    journal = out.with_name(out.name + ".partial.jsonl")
    done = batch.score_item(Item(str(round_folder / "a.pdf"), round_folder / "a.pdf"),
                            Settings(as_of="2026-11"))
    # One row made before the stop (marked, so we see it is kept), then a line cut short.
    journal.write_text(json.dumps(done | {"seconds": -1.0}) + "\n" + '{"file": "cut', "utf-8")
    shutil.copy(round_folder / "a.pdf", round_folder / "a-copy.pdf")  # same content, new name
    table = run([str(round_folder)], out, Settings(as_of="2026-11"), workers=2)
    kept = table[table["seconds"] == -1.0]
    assert sorted(Path(f).name for f in kept["file"]) == ["a-copy.pdf", "a.pdf"]
    assert len(table) == 5 and not journal.exists()


def _crash_on_one(item: Item, settings: Settings) -> dict:
    """A worker that dies outright (as the kernel's OOM killer would kill it) on one file."""
    if item.path.name == CRASH:
        os._exit(1)
    return REAL_SCORE_ITEM(item, settings)


REAL_SCORE_ITEM = batch.score_item


def test_a_worker_that_dies_takes_only_its_own_file_down(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "round"
    folder.mkdir()
    for n in range(4):
        shutil.copy(SAMPLES / "senior_mlops.txt", folder / f"r{n}.txt")
    (folder / CRASH).write_text("Jane Doe\n")
    monkeypatch.setattr(batch, "score_item", _crash_on_one)
    table = run([str(folder)], tmp_path / "r.csv", Settings(as_of="2026-11"), workers=2)
    rows = table.set_index(table["file"].map(lambda f: Path(f).name))
    assert len(rows) == 5
    assert "stopped the worker" in rows.loc[CRASH, "error"]
    assert (rows.drop(index=CRASH)["error"] == "").all()
    assert (rows.drop(index=CRASH)["verdict"] != "").all()


def test_each_file_is_bounded_in_time(round_folder: Path, tmp_path: Path) -> None:
    table = run([str(round_folder / "a.pdf")], tmp_path / "r.csv",
                Settings(seconds_per_file=0.001), workers=1)
    assert table["error"].tolist() == ["Scoring took over 0.001 s and was stopped."]


def test_the_output_must_be_a_table_format(tmp_path: Path) -> None:
    with pytest.raises(batch.ConfigError, match=r"\.csv, \.jsonl, \.parquet"):
        run([], tmp_path / "r.xlsx", Settings())


def test_a_file_whose_alarm_was_swallowed_is_still_out_of_time(
        round_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The alarm can ring while Python runs a `__del__` (a ZipFile's), which swallows the
    exception: the work goes on, and the file must still get its out-of-time sentence."""
    import triage.pipeline

    real_score = triage.pipeline.score

    def rings_in_a_destructor(data: bytes, **options: object) -> object:
        # Swallowed, as Python does with an exception raised in `__del__`.
        with contextlib.suppress(batch._OutOfTime):
            batch._out_of_time(signal.SIGALRM, None)
        return real_score(data, **options)

    item = Item(str(round_folder / "a.pdf"), round_folder / "a.pdf")
    settings = Settings(as_of="2026-11", seconds_per_file=60)
    monkeypatch.setattr(triage.pipeline, "score", rings_in_a_destructor)
    row = batch.score_item(item, settings)
    assert row["error"] == "Scoring took over 60 s and was stopped." and row["verdict"] == ""
    monkeypatch.undo()  # the next file in the same worker starts with the alarm unrung
    assert batch.score_item(item, settings)["error"] == ""
