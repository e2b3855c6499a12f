"""Skim: a recruiter-side six-second resume triage simulator.

Public API (the UI and CLI use only this):
    parse(path_or_bytes, filename=None) -> Resume
    explain_parse(path_or_bytes) -> list[str]     each piece's label and strongest features
    label_pages(path_or_bytes) -> list[PNG bytes]  the parse drawn over the pages
    score(path_or_bytes_or_resume, requisition=None, profile=None, answers=None, budget=None,
          seed=None) -> Triage
    load_requisition(path_or_name), load_profile(path_or_name), load_answers(path)
    read_job_ad(text) -> JobAdReading             a job ad read into a requisition, with the
                                                  sentence behind every value; ad_text(bytes,
                                                  filename) reads a TXT, PDF or DOCX job ad
    requisition_to_toml(requisition), requisition_from_dict(table)
    bounded(function, *args, bounds=Bounds(), **kwargs)  any of these in a killable child
                                                  process with a time and memory bound
"""

from __future__ import annotations

from triage.errors import ReadError
from triage.isolation import Bounds, bounded
from triage.job_ad import JobAdReading, ad_text, read_job_ad
from triage.pipeline import Triage, explain_parse, label_pages, parse, score
from triage.readers.limits import ReaderLimits
from triage.requisition import (
    BUDGET_PRESETS,
    ConfigError,
    Profile,
    Requisition,
    load_answers,
    load_profile,
    load_requisition,
    requisition_from_dict,
    requisition_to_toml,
)
from triage.structure import Resume

__all__ = [
    "BUDGET_PRESETS", "Bounds", "ConfigError", "JobAdReading", "Profile", "ReadError",
    "ReaderLimits", "Requisition", "Resume", "Triage", "ad_text", "bounded", "explain_parse",
    "label_pages", "load_answers", "load_profile", "load_requisition", "parse", "read_job_ad",
    "requisition_from_dict", "requisition_to_toml", "score",
]
