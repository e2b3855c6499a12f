"""A DOCX on its real page: LibreOffice (headless) lays the file out as Word would, to a PDF.

A DOCX holds no layout, so without this the skim runs on a notional page that may put dates on
the right where the candidate put them on the left. When LibreOffice is installed the file is
converted to PDF in a private, throw-away directory (its own LibreOffice profile, so sessions
running at once do not collide; no network; a time limit), and the DOCX reader's spans are moved
onto that PDF's page by `page_align`. Any failure leaves the approximate page: never an error.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from functools import cache
from io import BytesIO
from pathlib import Path

from lxml import etree

from triage.document import PAGE_FROM_LIBREOFFICE, Document
from triage.errors import ReadError
from triage.readers.limits import ReaderLimits

ENV_SWITCH = "SKIM_DOCX_PAGES"  # "approximate" pins the notional page (tests, reproducible runs)
AUTO, LIBREOFFICE, APPROXIMATE = "auto", "libreoffice", "approximate"
MODES = (AUTO, LIBREOFFICE, APPROXIMATE)
BINARIES = ("soffice", "libreoffice")
NO_NETWORK = ("unshare", "--net", "--map-root-user")  # an empty network namespace, where allowed
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = "/hyperlink"  # a link is only followed when clicked; linked images are fetched


def page_mode(limits: ReaderLimits) -> str:
    """The DOCX page mode in force: the limits' own choice, else the environment's, else auto."""
    mode = limits.docx_pages
    if mode == AUTO:
        mode = os.environ.get(ENV_SWITCH, AUTO).strip().lower() or AUTO
    return mode if mode in MODES else AUTO


def soffice_binary() -> str | None:
    """LibreOffice's command line program, if it is installed."""
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


@cache
def _network_fence() -> tuple[str, ...]:
    """A prefix that runs a command with no network, where this machine lets us make one.

    The conversion must not reach out (a DOCX can link images from a server that would then
    learn the resume was opened); external links are also stripped, so this is a second fence.
    """
    if shutil.which(NO_NETWORK[0]) is None:
        return ()
    try:
        probe = subprocess.run([*NO_NETWORK, "true"], stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return NO_NETWORK if probe.returncode == 0 else ()


def without_external_links(data: bytes) -> bytes | None:
    """The DOCX with every external relationship that LibreOffice could fetch (linked images,
    attached templates, linked objects) pointed nowhere; hyperlinks stay. None when the
    archive's relationship parts cannot be parsed: such a file is not converted."""
    out = BytesIO()
    try:
        with zipfile.ZipFile(BytesIO(data)) as source, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename.endswith(".rels"):
                    content = _neutralise_rels(content)
                target.writestr(info, content)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, etree.XMLSyntaxError):
        return None
    return out.getvalue()


def _neutralise_rels(content: bytes) -> bytes:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(content, parser)
    changed = False
    for rel in root.iter(f"{{{RELS_NS}}}Relationship"):
        if rel.get("TargetMode") == "External" and not rel.get("Type", "").endswith(HYPERLINK):
            rel.set("Target", "")
            changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          standalone=True) if changed else content


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End the conversion and everything it started (soffice runs a helper that runs soffice.bin),
    so nothing is left writing into the directory about to be removed."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def docx_to_pdf(data: bytes, timeout_s: float = 60.0, binary: str | None = None) -> bytes | None:
    """The DOCX converted to PDF by LibreOffice, or None if that is not possible here (not
    installed, refused, too slow, no output). Nothing of the resume stays on disk."""
    binary = binary or soffice_binary()
    cleaned = without_external_links(data) if binary else None
    if binary is None or cleaned is None:
        return None
    with tempfile.TemporaryDirectory(prefix="skim-docx-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        source, outdir = root / "resume.docx", root / "out"
        source.write_bytes(cleaned)
        profile = (root / "profile").as_uri()  # its own profile: sessions do not collide
        command = [*_network_fence(), binary, f"-env:UserInstallation={profile}", "--headless",
                   "--norestore", "--nologo", "--nolockcheck", "--nodefault",
                   "--convert-to", "pdf", "--outdir", str(outdir), str(source)]
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "TMPDIR": tmp,
               "LANG": "C.UTF-8"}
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       cwd=tmp, env=env, start_new_session=True)
        except OSError:
            return None
        try:
            code = process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            code = None
        finally:
            _stop(process)
        result = outdir / "resume.pdf"
        if code != 0 or not result.is_file():
            return None
        pdf = result.read_bytes()
    return pdf if pdf.startswith(b"%PDF-") else None


def on_real_page(approximate: Document, data: bytes, limits: ReaderLimits) -> Document:
    """The DOCX reader's Document moved onto LibreOffice's page when the mode allows and the
    conversion works; else the approximate Document as it is (with a warning when a real page
    was asked for or expected and could not be had)."""
    mode = page_mode(limits)
    if mode == APPROXIMATE:
        return approximate
    binary = soffice_binary()
    if binary is None:
        if mode == LIBREOFFICE:
            approximate.warnings.append(
                "LibreOffice is not installed, so this Word file's page is approximate.")
        return approximate
    pdf = docx_to_pdf(data, limits.docx_convert_timeout_s, binary)
    if pdf is None:
        approximate.warnings.append(
            "LibreOffice could not lay out this Word file, so its page is approximate.")
        return approximate
    from triage.readers.page_align import MIN_PLACED_SHARE, place_on_pages
    from triage.readers.pdf import read_pdf

    try:
        placed, placement = place_on_pages(approximate, read_pdf(pdf, limits))
    except ReadError:  # more pages than the limit, or a PDF the reader refuses
        placement = None
    if placement is None or placement.share < MIN_PLACED_SHARE:
        approximate.warnings.append(
            "The page LibreOffice laid out for this Word file could not be matched with its "
            "text, so its page is approximate.")
        return approximate
    placed.page_source, placed.page_pdf = PAGE_FROM_LIBREOFFICE, pdf
    return placed
