"""Typed errors for bad input: each one carries a single plain sentence for the UI and CLI.

Readers raise exactly one of these for anything they cannot read; nothing else should escape
`triage.parse`, so a batch can report a bad file and go on with the rest.
"""

from __future__ import annotations


class ReadError(Exception):
    """Base class: `message` is one plain sentence that a person can act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EmptyFileError(ReadError):
    """The file has no bytes, or no readable text at all."""


class UnsupportedTypeError(ReadError):
    """Neither the extension nor the content is a format we read."""


class MismatchedExtensionError(ReadError):
    """The extension says one format, the bytes say another."""


class EncryptedFileError(ReadError):
    """A password-protected PDF (or DOCX) that we must not try to crack."""


class ImageOnlyError(ReadError):
    """A scanned PDF: pages but no text layer."""


class CorruptFileError(ReadError):
    """Truncated or damaged: the format is recognised but cannot be read."""


class FileTooLargeError(ReadError):
    """Over the byte limit, or a compressed file that would expand past its limit."""


class TooManyPagesError(ReadError):
    """Over the page limit."""


class OverLimitError(ReadError):
    """Read, but over a limit no resume reaches (lines, line length, roles, page size): refused
    before the expensive steps rather than scored as nonsense."""


class TooSlowError(ReadError):
    """Reading, scoring or drawing the file ran past its time bound (see `triage.isolation`)."""
