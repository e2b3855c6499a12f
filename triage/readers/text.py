"""Plain-text and Markdown reader: a resume typed into a text box still has a visible shape.

Headings (`#`, `##`, short ALL-CAPS lines), bullets, bold lines and right-hand dates are mapped to
`Block`s so the synthetic page shows what a recruiter would see if the text were set in a plain
template; Markdown syntax itself (asterisks, link brackets) is never shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from triage.document import Document
from triage.errors import EmptyFileError, OverLimitError
from triage.readers.bounds import cut_tokens
from triage.readers.limits import ReaderLimits
from triage.readers.synthetic import Block, layout_blocks
from triage.readers.visibility import note_hidden

# --- Dates --------------------------------------------------------------------------------------
# Shared with the DOCX reader: a field that is only a date or a date range belongs on the right.

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19|20)\d{2}"
_DATE = (
    rf"(?:(?:{_MONTH}|{_SEASON})\s+(?:\d{{1,2}},?\s+)?{_YEAR}"  # Jan 2020, March 3, 2021
    rf"|\d{{1,2}}\s*[/.]\s*{_YEAR}"  # 03/2020
    rf"|{_YEAR}\s*[-/.]\s*\d{{1,2}}"  # 2020-03
    rf"|'\d{{2}}"  # '19
    rf"|{_YEAR})"
)
_END = rf"(?:{_DATE}|present|current|now|today|ongoing|date)"
DATE_RANGE = re.compile(
    rf"^\(?\s*(?:(?:since|from)\s+)?{_DATE}"
    rf"(?:\s*(?:[-–—]+|to|until|till|through|thru)\s*{_END})?\s*\)?$",
    re.IGNORECASE,
)
_MAX_DATE_CHARS = 60  # nothing longer is a date field; also bounds the split search below


def is_date_range(text: str) -> bool:
    """True when `text` is only a date or a date range, e.g. 'Jan 2020 – Present', '2018-2021'."""
    text = " ".join(text.split())
    return bool(text) and len(text) <= _MAX_DATE_CHARS and bool(DATE_RANGE.match(text))


# A gap a typist uses to push dates to the right: tab, 2+ spaces, a pipe or a spaced dash.
_SEPARATOR = re.compile(r"\t+|\s{2,}|\s+\|\s+|\s+[—–-]\s+|\s+(?=\()")


def split_trailing_dates(
    text: str, clean: Callable[[str], str] = str.strip
) -> tuple[str, str]:
    """Split 'Title | Company    Jan 2020 – Present' into ('Title | Company', dates).

    `clean` turns a raw piece into its visible text (Markdown stripped) before it is tested. Only
    separators within the last few dozen characters are tried, so long lines stay linear.
    """
    if is_date_range(clean(text)):
        return text, ""  # a line that is only dates stays whole: "Jan 2020 – Feb 2021"
    floor = max(0, len(text) - _MAX_DATE_CHARS - 4)
    for match in _SEPARATOR.finditer(text, floor):
        left, right = text[: match.start()], text[match.end():]
        if left.strip() and is_date_range(clean(right)):
            return left.rstrip(), clean(right).strip().strip("()").strip()
    return text, ""


# --- Markdown -----------------------------------------------------------------------------------

# Every pattern here is linear in the line's length: each repeated part stops at the next
# character that could open another match ("[", "(", "*", "_"), so no opener rescans the text
# after the next one (100k "[" or "*" on a line cost a pass, not 100k passes).
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\([^()\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?([^()\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+|[^<>\s@]+@[^<>\s]+)>")
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__")
_ITALIC = re.compile(
    r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?!\*)|(?<!\w)_(?!\s)([^_\n]+?)(?<!\s)_(?!\w)")
_CODE = re.compile(r"`([^`\n]*)`")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>\n]*)?/?>")
# CommonMark: a backslash before any ASCII punctuation prints that character alone ("\\&").
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")  # the closing #s are cut off in `_heading`
_BULLET = re.compile(r"^(?:[-*+•·▪◦‣–]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def _link(match: re.Match[str]) -> str:
    text, url = match.group(1).strip(), match.group(2).strip()
    bare = re.sub(r"^(?:mailto:|tel:|https?://(?:www\.)?)", "", url).rstrip("/")
    if not url or not text or bare.lower() == text.lower().rstrip("/") or url == text:
        return text or url
    return f"{text} {url}"


def strip_markdown(text: str) -> str:
    """Visible text of one Markdown line: emphasis markers and link syntax removed."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def _heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text, without the closing #s (as `#+ text #*`, in one pass
    rather than a lazy match that retries the tail from every character)."""
    match = _HEADING.match(line)
    if not match:
        return None
    return len(match.group(1)), match.group(2).rstrip().rstrip("#").rstrip()


def _whole(text: str, marker: re.Pattern[str]) -> bool:
    """True when one emphasis span covers the whole (link-free) text."""
    text = _LINK.sub(lambda m: m.group(1), text.strip())
    match = marker.fullmatch(text)
    return bool(match) and "**" not in (match.group(1) or match.group(2) or "")


def _is_caps_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 3
        and all(c.isupper() for c in letters)
        and len(text) <= 40
        and len(text.split()) <= 5
        and not re.search(r"[@/,;]|\d{3}", text)
    )


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 5 and len(text) <= 40 and not re.search(r"[@\d:/|,;]", text)


# "### Entry" sits between a section heading and body text, as in rendered Markdown.
NAME_SIZE, SECTION_SIZE, ENTRY_SIZE, BODY_SIZE = 20.0, 12.0, 11.0, 10.0
PARAGRAPH_GAP = 6.0


def _table_row(line: str) -> str:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return "\t".join(c for c in cells if c)


# An HTML comment in Markdown is not shown when rendered (an unclosed one hides the rest). One
# pass: each match stops at the first "-->" after its "<!--", or at the end of the text.
_COMMENT = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
_MARK = re.compile(r"\x00(\d+)\x00")
COMMENT = "in a comment"  # the hidden_reason of comment text


def _hide_comments(text: str, max_token_chars: int = ReaderLimits.max_token_chars
                   ) -> tuple[str, list[str]]:
    """The text with each comment replaced by a marker where it began (a word of its own, so
    cutting long words never splits one), and the comments' text."""
    comments: list[str] = []

    def mark(match: re.Match[str]) -> str:
        comments.append(cut_tokens(" ".join(match.group(1).split()), max_token_chars))
        return f" \x00{len(comments) - 1}\x00 "

    return _COMMENT.sub(mark, text.replace("\x00", "")), comments


def text_blocks(text: str, max_token_chars: int = ReaderLimits.max_token_chars) -> list[Block]:
    """Blocks for a plain-text or Markdown resume, one per non-blank line; comments as hidden
    blocks (an ATS reads them, a person never sees them). Words longer than `max_token_chars`
    are cut, so no later step pays for an endless one."""
    text, comments = _hide_comments(text, max_token_chars)
    lines = [cut_tokens(line, max_token_chars) for line in text.splitlines()]
    has_h1 = any(re.match(r"^#\s+\S", ln.strip()) for ln in lines)
    blocks: list[Block] = []
    gap = 0.0
    seen_name = False
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith(">"):
            stripped = stripped.lstrip(">").strip()
        for marker in _MARK.finditer(stripped):
            if comments[int(marker.group(1))]:
                blocks.append(Block(comments[int(marker.group(1))], BODY_SIZE,
                                    hidden_reason=COMMENT))
        stripped = " ".join(_MARK.sub(" ", stripped).split()) if "\x00" in stripped else stripped
        if not stripped:
            gap = PARAGRAPH_GAP
            continue
        if "|" in stripped and _TABLE_RULE.match(stripped):
            continue
        if _RULE.match(stripped):
            # A setext underline turns the line above into a heading; otherwise a rule.
            if blocks and not gap and not blocks[-1].bullet and blocks[-1].size == BODY_SIZE:
                prev = blocks.pop()
                first = stripped[0] == "=" and not seen_name
                seen_name = seen_name or first
                blocks.append(
                    Block(prev.text, NAME_SIZE if first else SECTION_SIZE, bold=True,
                          right=prev.right, space_before=prev.space_before)
                )
            else:
                gap = PARAGRAPH_GAP
            continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            stripped = _table_row(stripped)
        size, bold, bullet = BODY_SIZE, False, False
        heading = _heading(stripped)
        bullet_match = _BULLET.match(stripped) if not heading else None
        if heading:
            level, stripped = heading
            if level == 1 and not seen_name:
                size, seen_name = NAME_SIZE, True
            else:
                size = SECTION_SIZE if level <= 2 else ENTRY_SIZE if level == 3 else BODY_SIZE
            bold = True
        elif bullet_match and not _BOLD.match(stripped):
            bullet, stripped = True, bullet_match.group(1)
        body, right = split_trailing_dates(stripped, strip_markdown)
        visible = strip_markdown(body)
        if not visible:
            if right:
                visible, right = right, ""
            else:
                continue
        italic = _whole(_BOLD.sub(lambda m: m.group(1) or m.group(2), body), _ITALIC)
        bold = bold or _whole(body, _BOLD)
        if not heading and not bullet:
            if not seen_name and not has_h1 and not blocks and _looks_like_name(visible):
                size, bold, seen_name = NAME_SIZE, True, True
            elif _is_caps_heading(visible) and not right:
                size, bold = SECTION_SIZE, True
        blocks.append(
            Block(visible, size, bold=bold, italic=italic, bullet=bullet, right=right,
                  space_before=gap)
        )
        gap = 0.0
    return blocks


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what text editors actually save."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(data: bytes, limits: ReaderLimits) -> Document:
    """Read a .txt or .md resume onto a notional Letter page."""
    text = decode_text(data)
    lines = sum(1 for line in text.splitlines() if line.strip())
    if lines > limits.max_lines:
        raise OverLimitError(
            f"This text file holds {lines:,} lines; a resume holds at most "
            f"{limits.max_lines:,}, so it was not read. Upload the resume alone."
        )
    truncated = len(text) > limits.max_text_chars
    blocks = text_blocks(text[: limits.max_text_chars], limits.max_token_chars)
    if not blocks:
        raise EmptyFileError("This text file has no text; choose the resume file again.")
    document = note_hidden(layout_blocks(blocks, "text"))
    if truncated:
        document.warnings.append(
            f"Only the first {limits.max_text_chars:,} characters of this file were read."
        )
    return document
