"""The calibration store's tables. A resume is kept as its content hash, file name and parsed
summary; its bytes only when the team opts in (resumes are personal data)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

VERDICTS = ("yes", "maybe", "no")


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class ResumeRow(Base):
    __tablename__ = "resumes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(400))
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class RequisitionRow(Base):
    __tablename__ = "requisitions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(400))
    toml: Mapped[str] = mapped_column(Text)


class ScreenerRow(Base):
    __tablename__ = "screeners"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class RoundRow(Base):
    __tablename__ = "rounds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"))
    budget_s: Mapped[float] = mapped_column(Float, default=6.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class RoundItemRow(Base):
    """One showing of a resume in a round, in order; a hidden repeat shows a resume again to
    measure each screener's consistency with themselves."""

    __tablename__ = "round_items"
    __table_args__ = (UniqueConstraint("round_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    resume_id: Mapped[int] = mapped_column(ForeignKey("resumes.id"))
    position: Mapped[int] = mapped_column(Integer)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)


class LabelRow(Base):
    """A screener's verdict on one showing (or, imported, on a resume with no showing)."""

    __tablename__ = "labels"
    __table_args__ = (
        UniqueConstraint("round_item_id", "screener_id"),
        CheckConstraint("verdict IN ('yes', 'maybe', 'no')", name="verdict_is_known"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    round_item_id: Mapped[int | None] = mapped_column(ForeignKey("round_items.id"),
                                                      nullable=True)
    resume_id: Mapped[int] = mapped_column(ForeignKey("resumes.id"))
    screener_id: Mapped[int] = mapped_column(ForeignKey("screeners.id"))
    verdict: Mapped[str] = mapped_column(String(5))
    seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    noticed: Mapped[list[Any]] = mapped_column(JSON, default=list)
    is_repeat: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20), default="app")
    labelled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ProfileRow(Base):
    """A fitted screener profile, versioned by name."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("name", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    toml: Mapped[str] = mapped_column(Text)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class WorkshopRow(Base):
    """A live six-second challenge: a host steps a room through resumes by a short join code."""

    __tablename__ = "workshops"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    requisition_id: Mapped[int] = mapped_column(ForeignKey("requisitions.id"))
    budget_s: Mapped[float] = mapped_column(Float, default=6.0)
    current: Mapped[int] = mapped_column(Integer, default=-1)  # -1: the room is still joining
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class WorkshopItemRow(Base):
    __tablename__ = "workshop_items"
    __table_args__ = (UniqueConstraint("workshop_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    position: Mapped[int] = mapped_column(Integer)
    resume_id: Mapped[int] = mapped_column(ForeignKey("resumes.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # the host's talking points
    # a demo pair brings its own job; None: the workshop's
    requisition_id: Mapped[int | None] = mapped_column(ForeignKey("requisitions.id"),
                                                       nullable=True)


class ParticipantRow(Base):
    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("workshop_id", "token"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"))
    token: Mapped[str] = mapped_column(String(64))  # the participant's browser session
    name: Mapped[str] = mapped_column(String(100), default="")
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class VoteRow(Base):
    """A participant's verdict on one resume, the time it was really on their screen, and the
    places they remembered (taps, as page number and share of the page's width and height)."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("item_id", "participant_id"),
        CheckConstraint("verdict IN ('yes', 'maybe', 'no')", name="vote_is_known"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("workshop_items.id"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    verdict: Mapped[str] = mapped_column(String(5))
    display_ms: Mapped[float | None] = mapped_column(Float, nullable=True)
    taps: Mapped[list[Any]] = mapped_column(JSON, default=list)
    voted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
