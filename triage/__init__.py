"""Skim: a recruiter-side six-second resume triage simulator.

Public API (the UI and CLI use only this):
    parse(path_or_bytes, filename=None) -> Resume
"""

from __future__ import annotations

from pathlib import Path

from triage.errors import ReadError
from triage.readers import read_document
from triage.readers.limits import ReaderLimits
from triage.structure import Resume, structure

__all__ = ["ReadError", "ReaderLimits", "Resume", "parse"]


def parse(
    source: str | Path | bytes, filename: str | None = None, limits: ReaderLimits | None = None
) -> Resume:
    """Read a resume file (path or bytes) into a Resume; raises only `ReadError` subclasses."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        path = Path(source)
        filename = filename or path.name
        data = path.read_bytes()
    return structure(read_document(data, filename, limits))
