"""The calibration store on a real SQLite file and a real PostgreSQL: migrations, rounds with
hidden repeats, labels that two screeners write at once, all-or-nothing CSV import, profiles."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect

from triage.store import Store, StoreError, default_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'calibration.db'}")
    url = request.getfixturevalue("postgres_url")
    fresh = Store(url)
    with fresh.engine.begin() as connection:  # each test starts empty on the shared server
        connection.exec_driver_sql(
            "TRUNCATE labels, round_items, rounds, screeners, requisitions, resumes, profiles "
            "RESTART IDENTITY CASCADE")
    return fresh


def _round(store: Store, resumes: int = 4, repeats: int = 2) -> tuple[int, list[int]]:
    ids = [store.add_resume(f"resume {n}".encode(), f"r{n}.pdf", {"n": n})
           for n in range(resumes)]
    job = store.add_requisition("mlops", "Senior MLOps Engineer", "title = 'x'")
    return store.create_round("spring", job, ids, budget_s=6.0, repeats=repeats, seed=1), ids


def test_migrations_make_every_table(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"resumes", "requisitions", "screeners", "rounds", "round_items", "labels",
            "profiles", "alembic_version"} <= tables
    Store(store.url)  # opening again is a no-op upgrade


def test_resumes_are_kept_by_hash_and_their_bytes_only_on_request(store: Store) -> None:
    first = store.add_resume(b"%PDF resume", "a.pdf", {"name": "A"})
    assert store.add_resume(b"%PDF resume", "renamed.pdf", {}) == first
    round_id = store.create_round("r", store.add_requisition("j", "Job", ""), [first])
    showing = store.next_showing(round_id, store.screener("ana"))
    assert showing.file_name == "a.pdf" and showing.content is None
    store.add_resume(b"%PDF resume", "a.pdf", {}, keep_file=True)
    assert store.next_showing(round_id, store.screener("ana")).content == b"%PDF resume"


def test_a_round_hides_repeats_after_their_first_showing(store: Store) -> None:
    round_id, ids = _round(store, resumes=6, repeats=3)
    ana = store.screener("ana")
    seen: list[int] = []
    while (showing := store.next_showing(round_id, ana)) is not None:
        assert showing.is_repeat == (showing.resume_id in seen)
        seen.append(showing.resume_id)
        assert store.add_label(showing.item_id, ana, "maybe", seconds=6.1)
    assert sorted(set(seen)) == sorted(ids) and len(seen) == 9
    assert store.progress(round_id, ana) == (9, 9)
    labels = store.labels(round_id)
    assert labels["repeat"].sum() == 3 and set(labels["screener"]) == {"ana"}
    with pytest.raises(StoreError, match="at most 2"):
        store.create_round("too many", store.add_requisition("j", "J", ""), ids[:2], repeats=3)


def test_two_screeners_labelling_at_once_lose_nothing(store: Store) -> None:
    round_id, _ = _round(store, resumes=12, repeats=0)
    screeners = [store.screener("ana"), store.screener("bo")]
    errors: list[BaseException] = []

    def label_all(screener: int) -> None:
        try:
            while (showing := store.next_showing(round_id, screener)) is not None:
                store.add_label(showing.item_id, screener, "yes")
                store.add_label(showing.item_id, screener, "no")  # a double click: ignored
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=label_all, args=(s,)) for s in screeners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    labels = store.labels(round_id)
    assert len(labels) == 24 and set(labels["verdict"]) == {"yes"}
    assert labels.groupby("screener").size().to_dict() == {"ana": 12, "bo": 12}


def test_csv_import_is_all_or_nothing_with_every_bad_row_named(store: Store) -> None:
    _round(store, resumes=2)
    bad = ("file,screener,verdict,seconds\n"
           "r0.pdf,cleo,yes,5\n"
           "missing.pdf,cleo,no,\n"
           "r1.pdf,cleo,perhaps,\n"
           "r1.pdf,,no,\n"
           "r1.pdf,cleo,no,soon\n")
    result = store.import_labels(bad)
    assert result.imported == 0
    assert [e.split(":")[0] for e in result.errors] == ["Line 3", "Line 4", "Line 5", "Line 6"]
    assert "'perhaps' is not yes, maybe or no" in result.errors[1]
    assert store.labels().empty
    resume_hash = store.labels().columns  # (an empty frame keeps its columns)
    assert "resume" in resume_hash
    good = "File,Screener,Verdict\nr0.pdf,cleo,YES\nr1.pdf,dev,maybe\n"
    assert store.import_labels(good).imported == 2
    labels = store.labels()
    assert sorted(labels["verdict"]) == ["maybe", "yes"] and set(labels["source"]) == {"csv"}
    by_hash = f"sha256,screener,verdict\n{labels['resume'][0]},eve,no\n"
    assert store.import_labels(by_hash).imported == 1
    assert store.import_labels("name,verdict\nx,yes\n").errors == (
        "The file has no column file (or sha256), screener.",)


def test_profiles_are_versioned(store: Store) -> None:
    assert store.save_profile("team", "yes_threshold = 0.7", {"n": 40}) == 1
    assert store.save_profile("team", "yes_threshold = 0.66", {"n": 80}) == 2
    assert store.profile("team") == (2, "yes_threshold = 0.66", {"n": 80})
    assert store.profile("team", 1)[2] == {"n": 40}
    with pytest.raises(StoreError, match="no profile called 'other'"):
        store.profile("other")


def test_the_default_store_is_a_file_in_the_user_data_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SKIM_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'skim-triage' / 'calibration.db'}"
    monkeypatch.setenv("SKIM_DATABASE_URL", "postgresql+psycopg://team@db/skim")
    assert default_url() == "postgresql+psycopg://team@db/skim"
