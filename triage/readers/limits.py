"""Limits that keep every reader bounded: no upload may make the app hang or fill memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderLimits:
    max_bytes: int = 10 * 1024 * 1024  # below .streamlit/config.toml maxUploadSize, so it is this
    # sentence, not the upload box, that refuses an oversized file
    max_pages: int = 10
    # A DOCX is a zip: refuse archives that would expand past this, or expand too steeply.
    max_unzipped_bytes: int = 60 * 1024 * 1024
    max_zip_ratio: float = 200.0
    max_text_chars: int = 400_000
