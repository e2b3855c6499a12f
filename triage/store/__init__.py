"""The calibration store: who labelled which resume how, for which job, and the profiles fitted
to a team. SQLAlchemy over a SQLite file in the user's data folder by default; set
SKIM_DATABASE_URL (e.g. postgresql+psycopg://user@host/db) to share one PostgreSQL across a team.
The schema is created and upgraded by Alembic migrations when the store opens.

Every label is written in its own short transaction, and a second submission of the same
showing by the same screener is refused by a unique key, so two screeners labelling at once lose
nothing and double clicks count once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from triage.store.models import (
    VERDICTS,
    LabelRow,
    ProfileRow,
    RequisitionRow,
    ResumeRow,
    RoundItemRow,
    RoundRow,
    ScreenerRow,
)

URL_VARIABLE = "SKIM_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 10_000  # a writer waits this long for another writer instead of failing
MAX_IMPORT_ROWS = 100_000  # a label file longer than this is not a team's labels


class StoreError(Exception):
    """Something a user asked of the store that cannot be done; the message says why."""


def default_url() -> str:
    """SKIM_DATABASE_URL if set, else a SQLite file in the user's data folder."""
    if os.environ.get(URL_VARIABLE):
        return os.environ[URL_VARIABLE]
    home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = home / "skim-triage"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'calibration.db'}"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@dataclass(frozen=True)
class Showing:
    """One resume to show a screener in a round."""

    item_id: int
    position: int
    resume_id: int
    file_name: str
    is_repeat: bool
    content: bytes | None


@dataclass(frozen=True)
class ImportResult:
    """What a label import did: rows written, or the errors (then nothing was written)."""

    imported: int
    errors: tuple[str, ...]


class Store:
    """The team's labels and profiles in one database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    # ---------------------------------------------------------------- resumes and jobs

    def add_resume(self, data: bytes, file_name: str, summary: dict[str, Any],
                   keep_file: bool = False) -> int:
        """The resume's id, adding it if its content is new. Its bytes are kept only when the
        team opts in (`keep_file`)."""
        digest = hashlib.sha256(data).hexdigest()
        with self.session() as session:
            found = session.scalar(select(ResumeRow).where(ResumeRow.sha256 == digest))
            if found is not None:
                if keep_file and found.content is None:
                    found.content = data
                    session.commit()
                return found.id
            row = ResumeRow(sha256=digest, file_name=file_name, summary=summary,
                            content=data if keep_file else None)
            session.add(row)
            try:
                session.commit()
            except IntegrityError:  # another session added the same file meanwhile
                session.rollback()
                return session.scalar(select(ResumeRow.id).where(ResumeRow.sha256 == digest))
            return row.id

    def add_requisition(self, name: str, title: str, toml: str) -> int:
        """The requisition's id by name, adding or updating it."""
        with self.session() as session:
            row = session.scalar(select(RequisitionRow).where(RequisitionRow.name == name))
            if row is None:
                row = RequisitionRow(name=name, title=title, toml=toml)
                session.add(row)
            else:
                row.title, row.toml = title, toml
            session.commit()
            return row.id

    def requisition_toml(self, requisition_id: int) -> str:
        with self.session() as session:
            return session.get(RequisitionRow, requisition_id).toml

    def screener(self, name: str) -> int:
        """The screener's id, adding them on first use."""
        name = name.strip()
        if not name:
            raise StoreError("A screener needs a name.")
        with self.session() as session:
            found = session.scalar(select(ScreenerRow.id).where(ScreenerRow.name == name))
            if found is not None:
                return found
            row = ScreenerRow(name=name)
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                session.rollback()
                return session.scalar(select(ScreenerRow.id).where(ScreenerRow.name == name))
            return row.id

    def resume_files(self, hashes: list[str]) -> dict[str, tuple[str, bytes | None]]:
        """(file name, bytes or None where they were not kept) for each known content hash."""
        with self.session() as session:
            rows = session.execute(select(ResumeRow.sha256, ResumeRow.file_name,
                                          ResumeRow.content)
                                   .where(ResumeRow.sha256.in_(hashes))).all()
        return {digest: (name, content) for digest, name, content in rows}

    # ---------------------------------------------------------------- rounds

    def create_round(self, name: str, requisition_id: int, resume_ids: list[int],
                     budget_s: float = 6.0, repeats: int = 0, seed: int = 0) -> int:
        """A labelling round: the resumes in a seeded shuffled order, plus `repeats` of them
        shown a second time later on (hidden repeats, to measure test-retest consistency)."""
        if not resume_ids:
            raise StoreError("A round needs at least one resume.")
        if not 0 <= repeats <= len(resume_ids):
            raise StoreError(f"A round of {len(resume_ids)} resumes can repeat at most "
                             f"{len(resume_ids)} of them.")
        if budget_s <= 0:
            raise StoreError("The flash time must be above 0 seconds.")
        rng = random.Random(seed)
        order = list(resume_ids)
        rng.shuffle(order)
        again = rng.sample(order, repeats)
        # Each repeat goes in the second half, after its first showing.
        showings = [(r, False) for r in order]
        for resume_id in again:
            first = next(i for i, (r, _) in enumerate(showings) if r == resume_id)
            showings.insert(rng.randint(max(first + 2, len(showings) // 2), len(showings)),
                            (resume_id, True))
        with self.session() as session:
            if session.scalar(select(RoundRow.id).where(RoundRow.name == name)) is not None:
                raise StoreError(f"There is already a round called {name!r}.")
            row = RoundRow(name=name, requisition_id=requisition_id, budget_s=budget_s)
            session.add(row)
            session.flush()
            session.add_all(RoundItemRow(round_id=row.id, resume_id=r, position=n,
                                         is_repeat=repeat)
                            for n, (r, repeat) in enumerate(showings))
            session.commit()
            return row.id

    def rounds(self) -> pd.DataFrame:
        """Every round with its job, flash time and size."""
        with self.session() as session:
            rows = session.execute(
                select(RoundRow.id, RoundRow.name, RequisitionRow.title, RoundRow.budget_s,
                       func.count(RoundItemRow.id))
                .join(RequisitionRow, RequisitionRow.id == RoundRow.requisition_id)
                .join(RoundItemRow, RoundItemRow.round_id == RoundRow.id)
                .group_by(RoundRow.id, RequisitionRow.title).order_by(RoundRow.id)).all()
        return pd.DataFrame(rows, columns=["id", "name", "job", "budget_s", "showings"])

    def round(self, round_id: int) -> RoundRow:
        with self.session() as session:
            found = session.get(RoundRow, round_id)
            if found is None:
                raise StoreError(f"There is no round {round_id}.")
            return found

    def next_showing(self, round_id: int, screener_id: int) -> Showing | None:
        """The first showing in the round this screener has not labelled; None when done."""
        with self.session() as session:
            done = select(LabelRow.round_item_id).where(LabelRow.screener_id == screener_id)
            found = session.execute(
                select(RoundItemRow, ResumeRow)
                .join(ResumeRow, ResumeRow.id == RoundItemRow.resume_id)
                .where(RoundItemRow.round_id == round_id, RoundItemRow.id.not_in(done))
                .order_by(RoundItemRow.position).limit(1)).first()
        if found is None:
            return None
        item, resume = found
        return Showing(item.id, item.position, resume.id, resume.file_name, item.is_repeat,
                       resume.content)

    def progress(self, round_id: int, screener_id: int) -> tuple[int, int]:
        """(showings this screener has labelled, showings in the round)."""
        with self.session() as session:
            total = session.scalar(select(func.count(RoundItemRow.id))
                                   .where(RoundItemRow.round_id == round_id))
            done = session.scalar(
                select(func.count(LabelRow.id)).join(RoundItemRow,
                                                     RoundItemRow.id == LabelRow.round_item_id)
                .where(RoundItemRow.round_id == round_id, LabelRow.screener_id == screener_id))
        return done, total

    # ---------------------------------------------------------------- labels

    def add_label(self, item_id: int, screener_id: int, verdict: str,
                  seconds: float | None = None, noticed: list[Any] | None = None) -> bool:
        """Record a screener's verdict on a showing; False if they had already given one (a
        double submission counts once)."""
        check_verdict(verdict)
        with self.session() as session:
            item = session.get(RoundItemRow, item_id)
            if item is None:
                raise StoreError(f"There is no showing {item_id}.")
            return add_once(session, LabelRow(
                round_item_id=item_id, resume_id=item.resume_id, screener_id=screener_id,
                verdict=verdict, seconds=seconds, noticed=list(noticed or []),
                is_repeat=item.is_repeat))

    def labels(self, round_id: int | None = None) -> pd.DataFrame:
        """Every label (of one round, if given) with its resume and screener, oldest first."""
        query = (select(LabelRow.id, ResumeRow.sha256, ResumeRow.file_name, ScreenerRow.name,
                        LabelRow.verdict, LabelRow.seconds, LabelRow.is_repeat,
                        LabelRow.source, LabelRow.labelled_at, RoundItemRow.round_id)
                 .join(ResumeRow, ResumeRow.id == LabelRow.resume_id)
                 .join(ScreenerRow, ScreenerRow.id == LabelRow.screener_id)
                 .outerjoin(RoundItemRow, RoundItemRow.id == LabelRow.round_item_id)
                 .order_by(LabelRow.id))
        if round_id is not None:
            query = query.where(RoundItemRow.round_id == round_id)
        with self.session() as session:
            rows = session.execute(query).all()
        return pd.DataFrame(rows, columns=["id", "resume", "file_name", "screener", "verdict",
                                           "seconds", "repeat", "source", "labelled_at",
                                           "round"])

    def import_labels(self, text: str) -> ImportResult:
        """Labels made elsewhere, as CSV with columns file (or sha256), screener, verdict and
        optionally seconds. Every row is checked first; one bad row and nothing is written,
        and every bad row is named with its line number."""
        reader = csv.DictReader(io.StringIO(text))
        columns = {c.strip().lower() for c in reader.fieldnames or []}
        missing = [c for c in ("screener", "verdict") if c not in columns]
        if not {"file", "sha256"} & columns:
            missing.insert(0, "file (or sha256)")
        if missing:
            return ImportResult(0, (f"The file has no column {', '.join(missing)}.",))
        with self.session() as session:
            by_hash = dict(session.execute(select(ResumeRow.sha256, ResumeRow.id)).all())
            by_name: dict[str, list[int]] = {}
            for name, resume_id in session.execute(select(ResumeRow.file_name, ResumeRow.id)):
                by_name.setdefault(name, []).append(resume_id)
            rows, errors = [], []
            for line, raw in enumerate(reader, start=2):
                if line > MAX_IMPORT_ROWS + 1:
                    errors.append(f"More than {MAX_IMPORT_ROWS} rows: split the file.")
                    break
                row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
                problem, parsed = _parse_label(row, by_hash, by_name)
                if problem:
                    errors.append(f"Line {line}: {problem}")
                else:
                    rows.append(parsed)
            if errors or not rows:
                return ImportResult(0, tuple(errors) or ("The file has no labels.",))
            screeners: dict[str, int] = {}
            for name in {r["screener"] for r in rows}:
                found = session.scalar(select(ScreenerRow).where(ScreenerRow.name == name))
                if found is None:
                    found = ScreenerRow(name=name)
                    session.add(found)
                    session.flush()
                screeners[name] = found.id
            session.add_all(LabelRow(resume_id=r["resume_id"], screener_id=screeners[r["screener"]],
                                     verdict=r["verdict"], seconds=r["seconds"], source="csv")
                            for r in rows)
            session.commit()
        return ImportResult(len(rows), ())

    # ---------------------------------------------------------------- profiles

    def save_profile(self, name: str, toml: str, provenance: dict[str, Any]) -> int:
        """Store a fitted profile as the next version of `name`; returns the version."""
        with self.session() as session:
            latest = session.scalar(select(func.max(ProfileRow.version))
                                    .where(ProfileRow.name == name)) or 0
            session.add(ProfileRow(name=name, version=latest + 1, toml=toml,
                                   provenance=provenance))
            session.commit()
            return latest + 1

    def profile(self, name: str, version: int | None = None) -> tuple[int, str, dict[str, Any]]:
        """(version, TOML, provenance) of a stored profile: the newest unless asked."""
        with self.session() as session:
            query = select(ProfileRow).where(ProfileRow.name == name)
            query = (query.where(ProfileRow.version == version) if version is not None else
                     query.order_by(ProfileRow.version.desc()))
            row = session.scalar(query.limit(1))
        if row is None:
            raise StoreError(f"There is no profile called {name!r}"
                             + (f" at version {version}." if version else "."))
        return row.version, row.toml, row.provenance


def add_once(session: Session, row: object) -> bool:
    """Write one row in its own transaction; False when a unique key says it is already there
    (a double click, a second submission), which leaves the first one as it was."""
    session.add(row)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def check_verdict(verdict: str) -> None:
    if verdict not in VERDICTS:
        raise StoreError(f"A verdict is yes, maybe or no, not {verdict!r}.")


def _parse_label(row: dict[str, str], by_hash: dict[str, int], by_name: dict[str, list[int]]
                 ) -> tuple[str, dict[str, Any]]:
    """One CSV row as a label, or the plain reason it is not one."""
    key = row.get("sha256") or row.get("file", "")
    resume_id = by_hash.get(key.lower())
    if resume_id is None:
        named = by_name.get(key, [])
        if len(named) > 1:
            return f"{key!r} names {len(named)} different resumes; give its sha256.", {}
        resume_id = named[0] if named else None
    if resume_id is None:
        return f"no resume {key!r} in the store (add it first, or give its sha256).", {}
    if not row.get("screener"):
        return "the screener is empty.", {}
    verdict = row.get("verdict", "").lower()
    if verdict not in VERDICTS:
        return f"the verdict {row.get('verdict', '')!r} is not yes, maybe or no.", {}
    seconds = None
    if row.get("seconds"):
        try:
            seconds = float(row["seconds"])
        except ValueError:
            return f"seconds {row['seconds']!r} is not a number.", {}
        if not 0 <= seconds < 86_400:
            return f"seconds {row['seconds']!r} is not a time a screener spent.", {}
    return "", {"resume_id": resume_id, "screener": row["screener"], "verdict": verdict,
                "seconds": seconds}
