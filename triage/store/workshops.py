"""Live workshop sessions in the team store: a host, a join code, a room of participants and
their votes. Every vote is one short transaction under a unique key (one vote per participant
per resume), so a room voting at once loses nothing and a double tap counts once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from triage.store import Store, StoreError, add_once, check_verdict
from triage.store.models import (
    ParticipantRow,
    RequisitionRow,
    ResumeRow,
    VoteRow,
    WorkshopItemRow,
    WorkshopRow,
)

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud, typed on a phone
CODE_LENGTH = 5
MAX_TAPS = 20  # places one participant may mark on one resume
MAX_NAME = 40


@dataclass(frozen=True)
class WorkshopItem:
    item_id: int
    position: int
    title: str
    notes: tuple[str, ...]
    file_name: str
    content: bytes | None
    job_title: str  # the job this resume is read for (a demo pair's own, or the workshop's)
    requisition_toml: str


@dataclass(frozen=True)
class Workshop:
    """Where a session stands: its resumes, which one is up (-1 before the first) and whether
    the host has revealed the simulator's side for it."""

    id: int
    code: str
    job_title: str
    requisition_toml: str
    budget_s: float
    current: int
    revealed: bool
    items: tuple[WorkshopItem, ...]

    @property
    def item(self) -> WorkshopItem | None:
        return self.items[self.current] if 0 <= self.current < len(self.items) else None


class Workshops:
    """Workshop sessions on a team store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def create(self, requisition_id: int,
               resumes: list[tuple[int, str, list[str]] | tuple[int, str, list[str], int]],
               budget_s: float = 6.0) -> str:
        """A new session over (resume id, title, talking points[, its own requisition id]) in
        order, read for `requisition_id` where a resume brings no job of its own; its join
        code."""
        if not resumes:
            raise StoreError("A workshop needs at least one resume.")
        if not 0 < budget_s <= 120:
            raise StoreError("The flash time must be between 0 and 120 seconds.")
        with self.store.session() as session:
            for _ in range(20):
                code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
                if session.scalar(select(WorkshopRow.id).where(WorkshopRow.code == code)) is None:
                    break
            row = WorkshopRow(code=code, requisition_id=requisition_id, budget_s=budget_s)
            session.add(row)
            session.flush()
            session.add_all(WorkshopItemRow(workshop_id=row.id, position=n, resume_id=item[0],
                                            title=item[1], notes=list(item[2]),
                                            requisition_id=item[3] if len(item) > 3 else None)
                            for n, item in enumerate(resumes))
            session.commit()
            return code

    def get(self, code: str) -> Workshop:
        """The session by its join code (any case, spaces ignored)."""
        code = "".join(code.split()).upper()
        with self.store.session() as session:
            row = session.scalar(select(WorkshopRow).where(WorkshopRow.code == code))
            if row is None:
                raise StoreError(f"There is no workshop with the code {code or '(empty)'}.")
            job = session.get(RequisitionRow, row.requisition_id)
            items = session.execute(
                select(WorkshopItemRow, ResumeRow)
                .join(ResumeRow, ResumeRow.id == WorkshopItemRow.resume_id)
                .where(WorkshopItemRow.workshop_id == row.id)
                .order_by(WorkshopItemRow.position)).all()
            jobs = {i.requisition_id: session.get(RequisitionRow, i.requisition_id)
                    for i, _ in items if i.requisition_id is not None}
        return Workshop(row.id, row.code, job.title, job.toml, row.budget_s, row.current,
                        row.revealed, tuple(
                            WorkshopItem(i.id, i.position, i.title, tuple(i.notes), r.file_name,
                                         r.content, jobs.get(i.requisition_id, job).title,
                                         jobs.get(i.requisition_id, job).toml)
                            for i, r in items))

    def show(self, code: str, position: int) -> None:
        """The host puts resume `position` up for the room (its reveal hidden again)."""
        workshop = self.get(code)
        if not -1 <= position < len(workshop.items):
            raise StoreError(f"This workshop has resumes 1 to {len(workshop.items)}.")
        with self.store.session() as session:
            row = session.get(WorkshopRow, workshop.id)
            row.current, row.revealed = position, False
            session.commit()

    def reveal(self, code: str) -> None:
        """The host reveals the simulator's side for the resume that is up."""
        workshop = self.get(code)
        with self.store.session() as session:
            session.get(WorkshopRow, workshop.id).revealed = True
            session.commit()

    def join(self, code: str, token: str, name: str = "") -> int:
        """The participant's id in this session; joining twice from one browser is one
        participant."""
        workshop = self.get(code)
        name = " ".join(name.split())[:MAX_NAME]
        with self.store.session() as session:
            query = select(ParticipantRow.id).where(ParticipantRow.workshop_id == workshop.id,
                                                    ParticipantRow.token == token)
            found = session.scalar(query)
            if found is not None:
                return found
            row = ParticipantRow(workshop_id=workshop.id, token=token, name=name)
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                return session.scalar(query)
            return row.id

    def vote(self, item_id: int, participant_id: int, verdict: str,
             display_ms: float | None = None, taps: list[Any] | None = None) -> bool:
        """Record a vote; False if this participant already voted on this resume."""
        check_verdict(verdict)
        kept = [[int(p), float(x), float(y)] for p, x, y in (taps or [])[:MAX_TAPS]
                if 0 <= float(x) <= 1 and 0 <= float(y) <= 1]
        with self.store.session() as session:
            return add_once(session, VoteRow(item_id=item_id, participant_id=participant_id,
                                             verdict=verdict, display_ms=display_ms, taps=kept))

    def has_voted(self, item_id: int, participant_id: int) -> bool:
        with self.store.session() as session:
            return session.scalar(select(VoteRow.id).where(
                VoteRow.item_id == item_id, VoteRow.participant_id == participant_id)) is not None

    def counts(self, code: str) -> tuple[int, int]:
        """(participants who joined, votes on the resume that is up)."""
        workshop = self.get(code)
        item = workshop.item
        with self.store.session() as session:
            joined = session.scalar(select(func.count(ParticipantRow.id))
                                    .where(ParticipantRow.workshop_id == workshop.id))
            voted = session.scalar(select(func.count(VoteRow.id))
                                   .where(VoteRow.item_id == item.item_id)) if item else 0
        return joined, voted

    def votes(self, code: str) -> pd.DataFrame:
        """Every vote of the session: resume position and title, participant, verdict, time on
        screen and taps."""
        workshop = self.get(code)
        with self.store.session() as session:
            rows = session.execute(
                select(WorkshopItemRow.position, WorkshopItemRow.title, ParticipantRow.name,
                       ParticipantRow.id, VoteRow.verdict, VoteRow.display_ms, VoteRow.taps,
                       VoteRow.voted_at)
                .join(WorkshopItemRow, WorkshopItemRow.id == VoteRow.item_id)
                .join(ParticipantRow, ParticipantRow.id == VoteRow.participant_id)
                .where(WorkshopItemRow.workshop_id == workshop.id)
                .order_by(VoteRow.id)).all()
        return pd.DataFrame(rows, columns=["position", "resume", "name", "participant",
                                           "verdict", "display_ms", "taps", "voted_at"])
