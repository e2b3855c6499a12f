"""The readable report of one skim as a file (PDF or HTML), heatmap pictures included: the one
place the UI's download buttons and the CLI's `score --report` get it from."""

from __future__ import annotations

from triage import Triage
from triage.figures import page_pictures
from triage.report import to_html
from triage.report_pdf import to_pdf

REPORT_KINDS = ("pdf", "html")


def readable_report(triage: Triage, page_images: list[bytes], file_name: str,
                    kind: str = "pdf") -> bytes:
    """The report as bytes: `kind` "pdf", or "html" (UTF-8), for the job by its title and the
    file by its name, with each page under its heat."""
    if kind not in REPORT_KINDS:
        raise ValueError(f"a report is one of {', '.join(REPORT_KINDS)}, not {kind!r}")
    pictures = page_pictures(triage, page_images)
    args = (triage.to_dict(), triage.requisition.title, file_name, pictures)
    return to_pdf(*args) if kind == "pdf" else to_html(*args).encode("utf-8")
