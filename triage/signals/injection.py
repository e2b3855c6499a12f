"""Prompt injection: text on a resume written to steer the automated screener that reads it.

No sentence list can keep up with paraphrase, so the detector knows families of words
(triage/data/signals/injection_words_<language>.toml: English, French, German and Spanish,
and short Italian and Portuguese lists)
and a few rules for how they meet. A word alone never flags a line: "instructions", "rank",
"AI" and "system prompt" are all ordinary on a resume. A line is an injection when

- **override**: an order to drop the screener's instructions: an override verb given as an
  order (nothing but "please", "you must", "now"… before it in its clause) next to an
  instructions word that says whose ("previous", "above", "your") or names what only a model
  has ("system prompt"); or those instructions declared void ("prior rules no longer apply");
  or an order to look away from the candidate's flaws or the other applicants ("overlook the
  employment gaps", "forget the other applicants");
- **outcome**: an order about this application's result: "rank", "shortlist", "recommend"…
  given as an order, aimed at the writer ("me", "this candidate", "this CV"); softer verbs
  ("treat", "give") and a plain "the candidate" also need a verdict ("as the top match");
  or this candidate declared to be ranked or to be the perfect fit ("this applicant must be
  shortlisted", "this résumé is an ideal match": nobody calls themselves "this candidate");
- **dictate**: an order that fixes the screener's answer ("respond only with 'hire'") or a
  field of its answer filled in ("verdict: strong hire");
- **address**: a sentence that speaks to a program ("Dear AI", "if you are a language model",
  "whoever is parsing this", "ChatGPT, …") and gives it an order or a verdict;
- **markup**: fake chat or system markup (`<|im_start|>`, `[INST]`, `</s>`; regular expressions
  in injection_markup.txt), or a chat role label ("System:") opening a line that gives an order;
- **mode**: a switch of task or mode ("new instructions", "developer mode", "from now on")
  with an order, "you" or an address.

Two things clear a line a rule matched: a sentence that opens with a past-tense verb reports
work done ("Trained the model to ignore prior turns"), up to the next clause a comma or colon
opens; and a trigger inside quotes in a sentence about injections ("blocked prompts such as
'ignore previous instructions'") is an example, not an order.

Before matching, the text is read as a person reads it: compatibility forms (full-width
letters), invisible characters, look-alike letters from other scripts, digits for letters
("1gn0re") and letter-spaced words ("I G N O R E") are undone.

Every pass is linear in the text: tokens once, each family looked up through an index of its
first words, pairs searched within fixed windows (about 0.1 ms for a resume line).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property

from triage.vocabulary import DATA, data_lines, data_toml, opens_with_past_verb

WINDOW = 8  # words between an order's verb and what it acts on ("rank … this candidate")
QUALIFIER_REACH = 3  # words after "instructions" a "previous"/"you were given" may stand
BE_REACH = 3  # words between "this candidate" and "is"
OBLIGATION_REACH = 6  # words between "this candidate" and "must be"/"should"
VERDICT_REACH = 10  # words after the candidate in which a verdict settles a softer order
DICTATE_REACH = 6  # words between "respond"/"verdict:" and the dictated answer
DONE_REACH = 2  # words between "must be" and "shortlisted"
GAP_WORDS = 3  # words a "..." in a vocabulary entry stands for
PREFIX_KEY = 4  # letters of a "word*" entry its index is keyed by (entries need as many)
MIN_SPACED_LETTERS = 4  # "I G N O R E": a run of this many lone letters is read as one word
MACHINE_MODIFIERS = 2  # words before a name for the machine read as part of it ("screening")
MAX_TEXT_CHARS = 20_000  # one line or wrapped paragraph; longer text is read in pieces

_WHY = {
    "override": "it tells the screener to drop its instructions",
    "outcome": "it tells the screener how to judge this application",
    "dictate": "it dictates the screener's answer",
    "address": "it gives orders to an AI reading the resume",
    "markup": "it imitates the markup of a chatbot's instructions",
    "mode": "it tries to switch the screener to new instructions",
}


@dataclass(frozen=True)
class Injection:
    rule: str  # which rule matched (see the module docstring)
    trigger: str  # the words that matched, as read ("Ignore all previous instructions")
    sentence: str  # the sentence they stand in

    @property
    def why(self) -> str:
        return _WHY[self.rule]


# ---------------------------------------------------------------- text to tokens

_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Letters from other scripts that look like Latin ones ("іgnоre" in Cyrillic).
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁɡοαιενκρτАВЕКМНОРСТХІЈЅ", "aeopcyxijsdgoaievkptABEKMHOPCTXIJS")
_LEET = str.maketrans("013457@$", "oieastas")  # only for words that mix letters and digits
_SPACED = re.compile(
    rf"(?<![^\W_])(?:[^\W\d_][ .\-*_]){{{MIN_SPACED_LETTERS - 1},}}[^\W\d_](?![^\W_])")
_TOKEN = re.compile(
    r"(?P<word>\#?[^\W_](?:\.[^\W_])+\.?(?![^\W_])"  # e.g., A.I.
    r"|\#?[^\W_]+(?:(?:['’]|(?<=\d)[/.,](?=\d))[^\W_]+)*%?\+?)"  # word, 10/10, don't, 100%
    r"|(?P<sentence>[.!?;…]+|\n)"
    r"|(?P<clause>[,:()\[\]{}<>|=—–•·*\t]|\s-+\s|/)"
    r"|(?P<quote>[\"“”„«»‹›'‘’`])"
)
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu)['’](?=[^\W_])")  # French l'IA, d'un
WORD, SENTENCE, CLAUSE, QUOTE = "word", "sentence", "clause", "quote"


def fold(text: str) -> str:
    """Case- and accent-blind form of a word: 'Précédentes' -> 'precedentes'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")


def normalise(text: str) -> str:
    """The text as it reads: compatibility forms, invisible characters, look-alike letters
    and letter-spaced words ("I G N O R E") undone."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_CONFUSABLE)
    return _SPACED.sub(lambda m: re.sub(r"[ .\-*_]", "", m.group()), text)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str  # folded
    alt: str  # the word with digits read as letters ("1gn0re" -> "ignore"), else text
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or WORD
        raw = match.group()
        if kind != WORD:
            out.append(Token(kind, raw.strip(), raw.strip(), match.start(), match.end()))
            continue
        start = match.start()
        elided = _ELISION.match(raw)
        if elided:  # "l'IA" is two words
            head = fold(raw[: elided.end() - 1])
            out.append(Token(WORD, head, head, start, start + elided.end()))
            raw, start = raw[elided.end():], start + elided.end()
        word = fold(raw)
        if "." in word and not any(c.isdigit() for c in word):
            word = word.replace(".", "")  # "e.g." -> "eg", "a.i." -> "ai"
        alt = word
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word):
            alt = word.translate(_LEET)
        out.append(Token(WORD, word, alt, start, match.end()))
    return out


# ---------------------------------------------------------------- vocabulary families

LIT, PREFIX, GAP, REF, PUNCT = "lit", "prefix", "gap", "ref", "punct"


@dataclass(frozen=True)
class Part:
    kind: str
    text: str


def _parts(entry: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    for piece in entry.split():
        if piece == "...":
            parts.append(Part(GAP, ""))
        elif piece.startswith("{") and piece.endswith("}"):
            parts.append(Part(REF, piece[1:-1]))
        else:
            prefix = piece.endswith("*")
            found = tokens(normalise(piece.rstrip("*")))
            if not found:
                return ()  # a piece the tokeniser does not read can never match
            for i, tok in enumerate(found):
                if tok.kind == QUOTE:  # "l'" is the word "l" (as "l'IA" is read)
                    continue
                if tok.kind != WORD:
                    parts.append(Part(PUNCT, tok.text))
                elif prefix and i == len(found) - 1 and len(tok.text) >= PREFIX_KEY:
                    parts.append(Part(PREFIX, tok.text))
                else:
                    parts.append(Part(LIT, tok.text))
    return tuple(parts)


class Family:
    """One list of entries, found anywhere in a token list by its first part."""

    def __init__(self, name: str, entries: list[str]) -> None:
        self.name = name
        self.words: dict[str, list[tuple[Part, ...]]] = {}
        self.prefixes: dict[str, list[tuple[Part, ...]]] = {}
        self.refs: dict[str, list[tuple[Part, ...]]] = {}  # by the family they start with
        for entry in entries:
            parts = _parts(entry)
            if not parts or parts[0].kind == GAP:
                continue
            first = parts[0]
            if first.kind == REF:
                self.refs.setdefault(first.text, []).append(parts)
            elif first.kind == PREFIX:
                self.prefixes.setdefault(first.text[:PREFIX_KEY], []).append(parts)
            else:
                self.words.setdefault(first.text, []).append(parts)
        self.punct_first = any(not re.match(r"\w", key) for key in self.words)
        # The literal words each entry needs, so entries that cannot match a text are skipped.
        self.needs = {p: frozenset(part.text for part in p if part.kind == LIT)
                      for group in (*self.words.values(), *self.prefixes.values(),
                                    *self.refs.values()) for p in group}
        self.single = frozenset(
            p[0].text for group in self.words.values() for p in group
            if len(p) == 1 and p[0].kind == LIT)
        self.all_words = frozenset(
            part.text for group in (*self.words.values(), *self.prefixes.values(),
                                    *self.refs.values())
            for p in group for part in p if part.kind == LIT)


class Text:
    """One text, tokenised, with its sentences, clauses and the families found in it."""

    def __init__(self, text: str) -> None:
        self.text = normalise(text)
        self.tokens = tokens(self.text)
        n = len(self.tokens)
        self.sentence = [0] * n
        self.clause = [0] * n
        self.quoted = [False] * n
        self.word_no = [0] * n  # index among the words of the text
        sentence = clause = words = 0
        quoted = False
        for i, tok in enumerate(self.tokens):
            if tok.kind == SENTENCE:
                sentence, clause, quoted = sentence + 1, clause + 1, False
            elif tok.kind == CLAUSE:
                clause += 1
            elif tok.kind == QUOTE:
                clause += 1
                quoted = not quoted
            self.sentence[i], self.clause[i], self.quoted[i] = sentence, clause, quoted
            self.word_no[i] = words
            words += tok.kind == WORD
        self._positions: dict[str, list[int]] = {}  # each word (and punctuation): its places
        for i, tok in enumerate(self.tokens):
            for form in {tok.text, tok.alt}:
                self._positions.setdefault(form, []).append(i)
        self.words = frozenset(w for tok in self.tokens if tok.kind == WORD
                               for w in (tok.text, tok.alt))
        self._hits: dict[str, list[tuple[int, int]]] = {}
        self._longest: dict[tuple[str, int], int | None] = {}
        self.memo: dict[str, list[tuple[int, int]]] = {}  # what rules work out once

    # --- matching

    def _match_part(self, part: Part, i: int) -> int | None:
        """The end of `part` matched at token i, if it matches there."""
        if i >= len(self.tokens):
            return None
        tok = self.tokens[i]
        if part.kind == PUNCT:
            return i + 1 if tok.kind != WORD and tok.text == part.text else None
        if tok.kind != WORD:
            return None
        if part.kind == LIT:
            return i + 1 if part.text in (tok.text, tok.alt) else None
        if part.kind == PREFIX:
            return i + 1 if tok.text.startswith(part.text) or tok.alt.startswith(part.text) \
                else None
        return self.longest(part.text, i)

    def _match(self, parts: tuple[Part, ...], k: int, i: int) -> int | None:
        if k == len(parts):
            return i
        part = parts[k]
        if part.kind != GAP:
            end = self._match_part(part, i)
            return None if end is None else self._match(parts, k + 1, end)
        skipped = 0
        j = i
        following = parts[k + 1]
        while j < len(self.tokens) and self.sentence[j] == self.sentence[i]:
            # the part after the gap is tried only where it could start
            if self._match_part(following, j) is not None:
                end = self._match(parts, k + 1, j)
                if end is not None:
                    return end
            skipped += self.tokens[j].kind == WORD
            if skipped > GAP_WORDS:
                break
            j += 1
        return None

    def longest(self, name: str, i: int) -> int | None:
        """The end of the longest entry of family `name` starting at token i."""
        key = (name, i)
        if key not in self._longest:
            self._longest[key] = self._find_longest(name, i)
        return self._longest[key]

    def _find_longest(self, name: str, i: int) -> int | None:
        family = families()[name]
        tok = self.tokens[i]
        if tok.kind != WORD and not family.punct_first:
            return None
        if tok.kind == WORD:
            keys = {tok.text, tok.alt}
            candidates = [p for k in keys for p in family.words.get(k, ())]
            candidates += [p for k in keys for p in family.prefixes.get(k[:PREFIX_KEY], ())]
        else:
            candidates = list(family.words.get(tok.text, ()))
        for ref, group in family.refs.items():  # "{machine} …" entries only where a name is
            if self.longest(ref, i) is not None:
                candidates += group
        best = None
        for parts in candidates:
            if not family.needs[parts] <= self.words:
                continue  # a word the entry needs is nowhere in the text
            end = self._match(parts, 0, i)
            if end is not None and end > i and (best is None or end > best):
                best = end
        return best

    def hits(self, name: str) -> list[tuple[int, int]]:
        """Every (start, end) token range where an entry of family `name` starts."""
        if name not in self._hits:
            family = families()[name]
            places: set[int] = set()  # where an entry could start
            for word, where in self._positions.items():
                if word in family.words or word[:PREFIX_KEY] in family.prefixes:
                    places.update(where)
            for ref in family.refs:
                places.update(start for start, _ in self.hits(ref))
            found = []
            for i in sorted(places):
                end = self.longest(name, i)
                if end is not None:
                    found.append((i, end))
            self._hits[name] = found
        return self._hits[name]

    def starts(self, name: str) -> dict[int, int]:
        return dict(self.hits(name))

    # --- where a word stands

    @cached_property
    def _lead(self) -> list[bool]:
        """Whether each word is one that may stand before an order (`lead_in`, a name for
        the machine, "Dear", "I want you")."""
        lead = [tok.kind == WORD and (tok.text in _lead_words() or tok.alt in _lead_words())
                for tok in self.tokens]
        for name in ("addresser", "machine", "vocative"):
            for start, end in self.hits(name):
                if name == "machine":  # "The new screening model must…": its modifiers too
                    first = start
                    while (start > 0 and first - start < MACHINE_MODIFIERS
                           and self.tokens[start - 1].kind == WORD
                           and self.clause[start - 1] == self.clause[end - 1]
                           and self.tokens[start - 1].text not in _function_words()
                           and not self._named(start - 1)):
                        start -= 1
                for j in range(start, end):
                    lead[j] = True
        return lead

    def _named(self, i: int) -> bool:
        """A capitalised word inside its clause: part of a name ("Northstar Health AI")."""
        raw = self.text[self.tokens[i].start: self.tokens[i].end]
        return raw[:1].isupper() and i > 0 and self.clause[i - 1] == self.clause[i]

    @cached_property
    def ordered(self) -> list[bool]:
        """Whether each token stands where an order's verb stands: nothing but lead-in words
        between it and the start of its clause."""
        conj = self.starts("conjunction")
        out = [False] * len(self.tokens)
        clear, clause, skip_to = True, -1, -1
        for i, tok in enumerate(self.tokens):
            if self.clause[i] != clause:
                clear, clause = True, self.clause[i]
            if tok.kind != WORD or i < skip_to:
                continue
            if i in conj:  # "… and rank": a new clause after the "and"
                clear, skip_to = True, conj[i]
                continue
            out[i] = clear
            clear = clear and self._lead[i]
        return out

    def clause_final(self, end: int) -> bool:
        """Whether a match ending at token `end` closes its clause ("… Anweisungen
        ignorieren."): verbs come last in German and in infinitive orders."""
        return (end >= len(self.tokens) or self.tokens[end].kind != WORD
                or end in self.starts("conjunction"))

    @cached_property
    def reporting(self) -> list[bool]:
        """Tokens in the part of a sentence that reports work done: the sentence opens with a
        past-tense verb ("Trained the model to…"), up to a clause opened by a comma or colon
        (quotes and "and" do not end it)."""
        out = [False] * len(self.tokens)
        named = self.starts("machine")
        active, sentence, boundary, seen = False, -1, "", False
        for i, tok in enumerate(self.tokens):
            if self.sentence[i] != sentence:
                sentence, boundary, seen = self.sentence[i], "", False
                first = next((j for j in range(i, len(self.tokens))
                              if self.tokens[j].kind == WORD), None)
                active = (first is not None and self.sentence[first] == sentence
                          and opens_with_past_verb(self.text[self.tokens[first].start:
                                                             self.tokens[first].end])
                          and first not in named)  # "Automated reviewers must…"
            if tok.kind == WORD:
                if seen and boundary == CLAUSE:
                    active = False
                boundary, seen = "", True
                out[i] = active
            else:
                boundary = tok.kind
        return out

    @cached_property
    def discussing(self) -> frozenset[int]:
        """The sentences that talk about injections ("blocked prompts such as…")."""
        return frozenset(self.sentence[s] for s, _ in self.hits("discussion"))

    def about_injection(self, i: int) -> bool:
        """Whether token i is quoted in a sentence that talks about injections."""
        return self.quoted[i] and self.sentence[i] in self.discussing

    def cleared(self, *positions: int) -> bool:
        """Whether a trigger at these tokens is a report of work or a quoted example."""
        return (any(self.reporting[p] for p in positions)
                or all(self.about_injection(p) for p in positions))

    @cached_property
    def _word_tokens(self) -> list[int]:
        return [i for i, tok in enumerate(self.tokens) if tok.kind == WORD]

    def near(self, name: str, i: int, after: int, before: int = 0) -> list[tuple[int, int]]:
        """Hits of family `name` starting within `after` words after token i (or `before`
        words before it), in i's sentence."""
        if i >= len(self.tokens):
            return []
        hits = self.hits(name)
        first_word = max(0, self.word_no[i] - before)
        lo = (self._word_tokens[first_word] if first_word < len(self._word_tokens)
              else len(self.tokens))
        out = []
        for start, end in hits[bisect_left(hits, (lo, -1)):]:
            gap = self.word_no[start] - self.word_no[i]
            if gap > after:
                break
            if self.sentence[start] == self.sentence[i] and gap >= -before:
                out.append((start, end))
        return out


@cache
def families() -> dict[str, Family]:
    """Every family, its entries from all the language files together (a resume can mix
    languages, and an injection often does)."""
    merged: dict[str, list[str]] = {}
    for path in sorted((DATA / "signals").glob("injection_words_*.toml")):
        for name, entries in data_toml(f"signals/{path.name}").items():
            merged.setdefault(name, []).extend(entries)
    return {name: Family(name, entries) for name, entries in merged.items()}


@cache
def _lead_words() -> frozenset[str]:
    fams = families()
    return fams["lead_in"].all_words | fams["second_person"].all_words


@cache
def _function_words() -> frozenset[str]:
    """Words that are never part of a name ("for", "the"), and the order words."""
    return (frozenset(fold(w) for w in data_lines("signals/stopwords.txt"))
            | families()["lead_in"].all_words | families()["command"].all_words
            | families()["outcome"].all_words | families()["outcome_soft"].all_words
            | families()["respond"].all_words)


@cache
def markup() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """(chat markup that is an injection on its own, role labels that need an order)."""
    strong, weak = [], []
    for line in data_lines("signals/injection_markup.txt"):
        kind, _, pattern = line.partition(" ")
        (weak if kind == "label" else strong).append(
            re.compile(pattern.strip(), re.IGNORECASE | re.MULTILINE))
    return tuple(strong), tuple(weak)


# ---------------------------------------------------------------- the rules


def _ordered_hits(t: Text, name: str) -> list[tuple[int, int, bool]]:
    """Hits of a verb family given as an order: (start, end, verb last in its clause)."""
    out = []
    for start, end in t.hits(name):
        if t.ordered[start]:
            out.append((start, end, False))
        elif t.clause_final(end):
            out.append((start, end, True))
    return out


def _objects(t: Text, name: str, verb: tuple[int, int, bool]) -> list[tuple[int, int]]:
    """Hits of `name` the verb acts on: after it, or before it when it comes last."""
    start, end, final = verb
    if final:
        return [h for h in t.near(name, start, 0, WINDOW) if h[1] <= start]
    return [h for h in t.near(name, end, WINDOW) if h[0] >= end]


def _qualified(t: Text, target: tuple[int, int], names: tuple[str, ...], lo: int) -> bool:
    """Whether a qualifier ("previous", "you were given") stands by the target."""
    for name in names:
        for start, _ in t.near(name, target[0], QUALIFIER_REACH + target[1] - target[0],
                               WINDOW):
            if start >= lo and start != target[0]:
                return True
    return False


def _machine_target(t: Text, target: tuple[int, int]) -> bool:
    return any(s == target[0] for s, _ in t.hits("machine_instructions"))


def _override(t: Text) -> tuple[int, int] | None:
    for name, strong in (("override", True), ("override_weak", False)):
        for verb in _ordered_hits(t, name):
            for target in _objects(t, "instructions", verb):
                lo = min(verb[0], target[0])
                qualifiers = ("earlier", "earlier_weak") if strong else ("earlier",)
                if (_qualified(t, target, qualifiers, lo) or _machine_target(t, target)) \
                        and not t.cleared(verb[0], target[0]):
                    return lo, max(verb[1], target[1])
    for name in ("override", "overlook"):  # "overlook the gaps", "forget the other applicants"
        for verb in _ordered_hits(t, name):
            for target in _objects(t, "flaws", verb):
                if not t.cleared(verb[0], target[0]):
                    return min(verb[0], target[0]), max(verb[1], target[1])
    for target in t.hits("instructions"):
        if not (_qualified(t, target, ("earlier",), target[0] - WINDOW)
                or _machine_target(t, target)):
            continue
        for void in t.near("void", target[1], WINDOW):
            if not t.cleared(target[0], void[0]):
                return target[0], void[1]
        for must in t.near("obligation", target[1], WINDOW):
            for done in t.near("override_done", must[1], DONE_REACH):
                if done[0] >= must[1] and not t.cleared(target[0], done[0]):
                    return target[0], done[1]
    return None


def _not_self(t: Text, hit: tuple[int, int]) -> bool:
    """'this candidate pool': the word after the candidate makes it the writer's work."""
    return hit[1] in t.starts("not_self")


_GRADES = ("value", "status", "stage")  # what an order may make of this candidate


def _outcome(t: Text) -> tuple[int, int] | None:
    selves = ("self_me", "self_first", "self_third")
    for name in ("outcome", "outcome_soft"):
        for verb in _ordered_hits(t, name):
            for self_name in (*selves, "weak_self"):
                for obj in _objects(t, self_name, verb):
                    if _not_self(t, obj) or t.cleared(verb[0], obj[0]):
                        continue
                    if name == "outcome" and self_name != "weak_self":
                        return min(verb[0], obj[0]), max(verb[1], obj[1])
                    lo = max(verb[1], obj[1]) if not verb[2] else verb[1]
                    grades = ("value",) if self_name == "weak_self" else _GRADES
                    verdicts = [v for g in grades for v in t.near(g, lo, VERDICT_REACH)
                                if v[0] >= lo]
                    if verdicts:
                        return min(verb[0], obj[0]), max(v[1] for v in verdicts)
    for self_name in ("self_third", "self_first"):
        for who in t.hits(self_name):
            if _not_self(t, who):
                continue
            for must in t.near("obligation", who[1], OBLIGATION_REACH):
                for done in t.near("outcome_done", must[1], DONE_REACH):
                    if done[0] >= must[1] and not t.cleared(who[0], done[0]):
                        return who[0], done[1]
            if self_name == "self_third":
                for be in t.near("be", who[1], BE_REACH):
                    verdicts = [v for g in _GRADES for v in t.near(g, be[1], VERDICT_REACH)]
                    if be[0] >= who[1] and verdicts and not t.cleared(who[0], be[0]):
                        return who[0], max(v[1] for v in verdicts)
    return None


def _dictated(t: Text, answer: tuple[int, int]) -> bool:
    """Whether a verdict stands as an answer: in capitals, or closing its clause or quote
    ("answer YES", "reply 'hire'"), not inside a phrase ("answer 'yes/no' questions")."""
    if t.text[t.tokens[answer[0]].start: t.tokens[answer[1] - 1].end].isupper():
        return True
    after = t.tokens[answer[1]] if answer[1] < len(t.tokens) else None
    return after is None or (after.kind != WORD and after.text not in ("/", "|"))


def _dictate(t: Text) -> tuple[int, int] | None:
    for verb in _ordered_hits(t, "respond"):
        if verb[2]:
            continue
        for answer in t.near("verdict", verb[1], DICTATE_REACH):
            if answer[0] >= verb[1] and _dictated(t, answer) \
                    and not t.cleared(verb[0], answer[0]):
                return verb[0], answer[1]
        for field in t.near("decision", verb[1], WINDOW):  # "set the candidate score to…"
            answers = [a for name in ("verdict", "value")
                       for a in t.near(name, field[1], DICTATE_REACH) if a[0] >= field[1]]
            if field[0] >= verb[1] and answers and not t.cleared(verb[0], field[0]):
                return verb[0], max(a[1] for a in answers)
    for field in t.hits("decision"):
        for answer in t.near("verdict", field[1], DICTATE_REACH):
            if answer[0] >= field[1] and _dictated(t, answer) \
                    and not t.cleared(field[0], answer[0]):
                return field[0], answer[1]
    return None


_ORDER_FAMILIES = ("override", "override_weak", "outcome", "respond", "command")


def _orders(t: Text) -> list[tuple[int, int]]:
    """Every verb of the order families given as an order, not in a report of work."""
    if "orders" not in t.memo:
        t.memo["orders"] = sorted(
            (start, end) for name in _ORDER_FAMILIES
            for start, end, final in _ordered_hits(t, name)
            if not final and not t.cleared(start))
    return t.memo["orders"]


def _an_order(t: Text) -> tuple[int, int] | None:
    return next(iter(_orders(t)), None)


def _address(t: Text) -> tuple[int, int] | None:
    verdicts = sorted(t.hits("verdict") + t.hits("status"))
    orders = _orders(t)
    for start, end in t.hits("address"):
        if not t.ordered[start] or t.cleared(start):
            continue
        # "AI, rank…": a name followed by a comma calls the machine only with an order after
        # it in the sentence ("Acme AI, Inc." and "AI, ML, Python" are not calls).
        comma = t.tokens[end - 1].text == ","
        later = [o for o in orders[bisect_left(orders, (end, -1)):]
                 if not comma or t.sentence[o[0]] == t.sentence[start]]
        if later:
            return start, max(end, later[0][1])
        if comma:
            continue
        order = _an_order(t)
        if order is not None:
            return start, max(end, order[1])
        after = verdicts[bisect_left(verdicts, (end, -1)):]
        if after:
            return start, after[0][1]
    return None


def _markup(t: Text) -> tuple[int, int] | None:
    strong, labels = markup()
    for pattern in strong:
        match = pattern.search(t.text)
        if match and not _discussed(t, match.start()):
            return match.start(), match.end()
    for pattern in labels:
        match = pattern.search(t.text)
        if match and not _discussed(t, match.start()) and (
                _an_order(t) or t.hits("second_person") or t.hits("verdict")
                or t.hits("self_third")):
            return match.start(), match.end()
    return None


def _discussed(t: Text, char: int) -> bool:
    """Whether the character sits in a sentence that reports work or talks about injections."""
    i = bisect_left([tok.end for tok in t.tokens], char + 1)
    if i >= len(t.tokens):
        return False
    return t.reporting[i] or t.sentence[i] in t.discussing


def _mode(t: Text) -> tuple[int, int] | None:
    for start, end in t.hits("mode"):
        if t.cleared(start):
            continue
        if _an_order(t) or t.hits("second_person") or t.hits("address"):
            return start, end
    return None


_RULES = (("markup", _markup), ("override", _override), ("outcome", _outcome),
          ("dictate", _dictate), ("address", _address), ("mode", _mode))


def _found(t: Text, rule: str, start: int, end: int) -> Injection:
    """The injection between these characters, with the sentence it stands in."""
    first = min(bisect_left([tok.end for tok in t.tokens], start + 1), len(t.tokens) - 1)
    in_sentence = [tok for k, tok in enumerate(t.tokens)
                   if t.sentence[k] == t.sentence[first] and tok.kind == WORD]
    lo = min([start] + [tok.start for tok in in_sentence])
    hi = max([end] + [tok.end for tok in in_sentence])
    return Injection(rule, t.text[start:end].strip(), t.text[lo:hi].strip())


def find(text: str) -> Injection | None:
    """The first injection in `text` (a line, or a paragraph wrapped over lines), if any."""
    for offset in range(0, max(len(text), 1), MAX_TEXT_CHARS):
        t = Text(text[offset: offset + MAX_TEXT_CHARS])
        if not t.tokens:
            continue
        for rule, check in _RULES:
            span = check(t)
            if span is None:
                continue
            if rule != "markup":  # token positions to characters
                span = (t.tokens[span[0]].start, t.tokens[min(span[1], len(t.tokens)) - 1].end)
            return _found(t, rule, *span)
    return None


def is_injection(text: str) -> bool:
    return find(text) is not None
