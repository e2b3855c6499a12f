"""Workshop sessions in the store, on a real SQLite file and a real PostgreSQL: join codes, the
host's steps, one vote per participant per resume, and a room of 40 voting at once."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest

from triage.store import Store, StoreError
from triage.store.workshops import CODE_LETTERS, Workshops

ROOM = 40
RESUMES = 3
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(params=["sqlite", "postgresql"])
def workshops(request: pytest.FixtureRequest, tmp_path: Path) -> Workshops:
    if request.param == "sqlite":
        return Workshops(Store(f"sqlite:///{tmp_path / 'team.db'}"))
    store = Store(request.getfixturevalue("postgres_url"))
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "TRUNCATE votes, participants, workshop_items, workshops, labels, round_items, "
            "rounds, screeners, requisitions, resumes, profiles RESTART IDENTITY CASCADE")
    return Workshops(store)


def _session(workshops: Workshops, budget: float = 6.0) -> str:
    store = workshops.store
    ids = [store.add_resume(f"resume {n}".encode(), f"r{n}.pdf", {}, keep_file=True)
           for n in range(RESUMES)]
    job = store.add_requisition("mlops", "Senior MLOps Engineer", "")
    return workshops.create(job, [(r, f"Resume {n + 1}", [f"point {n}"])
                                  for n, r in enumerate(ids)], budget)


def test_a_host_steps_the_room_through_the_resumes(workshops: Workshops) -> None:
    code = _session(workshops)
    assert len(code) == 5 and set(code) <= set(CODE_LETTERS)
    state = workshops.get(code.lower())  # typed on a phone: any case
    assert state.item is None and state.job_title == "Senior MLOps Engineer"
    workshops.show(code, 0)
    workshops.reveal(code)
    assert workshops.get(code).revealed and workshops.get(code).item.title == "Resume 1"
    workshops.show(code, 1)
    state = workshops.get(code)
    assert state.item.notes == ("point 1",) and not state.revealed
    assert state.item.content == b"resume 1"
    with pytest.raises(StoreError, match="resumes 1 to 3"):
        workshops.show(code, 3)
    with pytest.raises(StoreError, match="no workshop with the code"):
        workshops.get("ZZZZZ")


def test_one_vote_per_participant_per_resume(workshops: Workshops) -> None:
    code = _session(workshops)
    item = workshops.get(code).items[0].item_id
    ana = workshops.join(code, "browser-a", "  Ana  ")
    assert workshops.join(code, "browser-a", "Ana again") == ana
    assert workshops.vote(item, ana, "yes", display_ms=6004.2,
                          taps=[[1, 0.2, 0.1], [1, 1.5, 0.2], [1, 0.3, 0.4]])
    assert not workshops.vote(item, ana, "no")  # a double tap counts once
    votes = workshops.votes(code)
    assert votes[["name", "verdict", "display_ms"]].values.tolist() == [["Ana", "yes", 6004.2]]
    assert votes["taps"][0] == [[1, 0.2, 0.1], [1, 0.3, 0.4]]  # off-page taps dropped
    with pytest.raises(StoreError, match="yes, maybe or no"):
        workshops.vote(item, ana, "perhaps")


def test_forty_participants_voting_at_once_lose_nothing(workshops: Workshops) -> None:
    """The load test: a room of 40 joins and votes on every resume at the same moment, each
    vote sent twice (a double tap); every first vote lands once, every second is refused."""
    code = _session(workshops)
    items = [i.item_id for i in workshops.get(code).items]
    start = threading.Barrier(ROOM)
    timings: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def participant(n: int) -> None:
        try:
            me = workshops.join(code, f"browser-{n}", f"P{n}")
            start.wait()
            for item in items:
                began = time.perf_counter()
                first = workshops.vote(item, me, ("yes", "maybe", "no")[n % 3], 6000.0,
                                       [[1, 0.5, 0.2]])
                took = time.perf_counter() - began
                second = workshops.vote(item, me, "no")
                with lock:
                    timings.append(took)
                    assert first and not second
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(ROOM)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    votes = workshops.votes(code)
    assert len(votes) == ROOM * RESUMES
    assert not votes.duplicated(["position", "participant"]).any()
    assert workshops.counts(code)[0] == ROOM
    p95 = float(np.percentile(timings, 95))
    dialect = workshops.store.engine.dialect.name
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "workshop-load.txt").open("a", encoding="utf-8") as out:
        out.write(f"{dialect}: {ROOM} participants x {RESUMES} resumes, {len(timings)} votes "
                  f"(+{len(timings)} double taps refused), p95 time to record a vote "
                  f"{p95 * 1000:.0f} ms\n")
