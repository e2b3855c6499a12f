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
    # The DOCX's main part (word/document.xml): a ten-page resume's is ~50-300 KB, 1 MB with
    # heavy formatting; python-docx and the layout spend seconds per MB on it.
    max_document_xml_bytes: int = 4 * 1024 * 1024
    # Runs in a DOCX (pieces of text formatted alike): Word splits a paragraph at every edit, so
    # a ten-page resume may hold a few thousand; the samples hold under 100. Reading one's
    # formatting costs ~0.2 ms, so 4 MB of minimal runs (~170,000) would take half a minute.
    max_docx_runs: int = 10_000
    max_text_chars: int = 400_000
    # How a DOCX gets its page: "libreoffice" (converted, its real layout), "approximate" (the
    # notional Letter page, the same on every machine) or "auto": the SKIM_DOCX_PAGES
    # environment variable if set, else LibreOffice when it is installed.
    docx_pages: str = "auto"
    docx_convert_timeout_s: float = 60.0  # a conversion that takes longer is abandoned
    # --- Bounds on what a read document may hold, checked before the expensive step. A ten-page
    # resume (max_pages) sets the scale: each limit sits well above what such a resume holds.
    # Lines of text in the whole document: ~60 a page x 10 pages, x3 for dense two-column pages
    # and notes; checked on a text file's raw lines before any Markdown is parsed.
    max_lines: int = 2_000
    # Text lines on one PDF page (runs of aligned glyphs): the densest page of the samples and
    # the corpus holds 97. Lines are put in boxes by comparing them in pairs, so a page of
    # thousands piled on one spot is refused first.
    max_lines_per_page: int = 1_000
    # Characters in one laid-out line: a line across a page holds ~150; a PDF line on a huge
    # page or a text line of one endless token holds more, and each costs per character later.
    max_line_chars: int = 1_000
    # Characters in one word: the longest real ones (URLs, German compounds) stay under ~200.
    # Longer "words" (80k dots, a 50k-character token) are cut at this length while reading.
    max_token_chars: int = 200
    # Words in one laid-out line: ~20 at body size; a line of hundreds is a wall of keywords.
    max_line_words: int = 250
    # Roles (JSON Resume work and volunteer entries): a 45-year career with a job a year is 45;
    # 10,000 is not one person's resume. Checked before any block is built.
    max_roles: int = 100
    # PDF streams, inflated: a resume's page content is ~100 KB, its fonts a few MB, an
    # uncompressed 300 dpi photo ~25 MB. A Flate stream or file that inflates past these is a
    # bomb; both are measured with a bounded inflater before pdfminer sees the file.
    max_stream_bytes: int = 48 * 1024 * 1024
    max_inflated_bytes: int = 160 * 1024 * 1024
    # Glyphs drawn on one PDF page: a dense 8 pt two-column page draws ~12,000. Interpretation
    # stops at this many, so a page of piled-up glyphs costs no more than a full page.
    max_glyphs_per_page: int = 30_000
    # A PDF page side in points: A0 is 3,370 pt, the largest page a resume is ever printed on
    # is A3 (1,191 pt). Larger pages are refused before any layout or rendering.
    max_page_side_pt: float = 5_000.0
    # A PDF page's drawing instructions, inflated, forms included each time they are drawn: the
    # densest resume pages seen (dense LaTeX output) hold ~55 KB; pdfminer parses ~100 KB a second
    # on a busy 2-core machine, so this bounds a page to a few seconds.
    max_page_content_bytes: int = 400 * 1024
    # Text-showing operations on one PDF page: pdfTeX shows about a word at a time (~1,000 a
    # page); a page that shows text 10,000 times is piling it up.
    max_text_runs_per_page: int = 10_000
