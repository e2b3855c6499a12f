"""What the pages share: the input widgets, the cached skim, and the verdict card.

Heavy work is cached on what it depends on (file bytes, requisition TOML, budget, seed), so
moving the time slider or ticking a fix only re-slices numbers that are already computed.
Resume text shown in markdown goes through `md()` first: it is untrusted input.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import streamlit as st

from triage import (
    BUDGET_PRESETS,
    ConfigError,
    ReadError,
    Resume,
    Triage,
    load_profile,
    load_requisition,
    parse,
    score,
)
from triage.figures import heatmap
from triage.render import render_pages
from triage.report import VERDICT_WORDS
from triage.requisition import requisition_from_dict, requisition_to_toml

SAMPLES = Path(__file__).resolve().parents[2] / "sample_resumes"
SAMPLE_SUFFIXES = (".pdf", ".docx", ".txt", ".json")
UPLOAD_TYPES = ["pdf", "docx", "txt", "md", "json"]
REQUISITIONS = ("mlops", "nurse", "designer")
CUSTOM = "Custom"
# Material icons ship with Streamlit (no emoji font needed); the shape and word carry the meaning,
# the colour only repeats it.
VERDICT_STYLE = {"yes": (":material/check_circle:", "green"),
                 "maybe": (":material/help:", "orange"), "no": (":material/cancel:", "red")}
KNOCKOUT_ICONS = {"pass": ":material/check:", "fail": ":material/close:",
                  "unknown": ":material/question_mark:"}
PLOTLY_CONFIG = {"displaylogo": False, "scrollZoom": False,
                 "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def md(text: str) -> str:
    """Resume text made inert for st.markdown: no links, images, LaTeX, colour or emoji codes."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


@dataclass(frozen=True)
class Settings:
    """The sidebar's choices: everything besides the file that the skim depends on."""

    requisition: str  # shipped name
    requisition_toml: str
    budget: float
    seed: int


@dataclass(frozen=True)
class Source:
    """The resume being skimmed, and whether it is the user's own upload or a sample."""

    data: bytes
    name: str
    uploaded: bool

    @property
    def label(self) -> str:
        return f"your upload {self.name}" if self.uploaded else f"the sample {self.name}"


# ---------------------------------------------------------------- cached work


@st.cache_data(show_spinner=False, max_entries=32)
def _parsed(data: bytes, filename: str) -> Resume:
    return parse(data, filename=filename)


@st.cache_data(show_spinner=False, max_entries=32)
def _page_images(data: bytes, filename: str) -> list[bytes]:
    return render_pages(data, _parsed(data, filename).document)


@st.cache_data(show_spinner="Skimming…", max_entries=64)
def _scored(data: bytes, filename: str, requisition_toml: str, budget: float,
            seed: int) -> Triage:
    requisition = requisition_from_dict(tomllib.loads(requisition_toml))
    return score(_parsed(data, filename), requisition, budget=budget, seed=seed)


def skim(source: Source, settings: Settings) -> tuple[Triage, list[bytes]] | None:
    """Score and render one resume, or show the plain reason it cannot be read."""
    try:
        triage = _scored(source.data, source.name, settings.requisition_toml, settings.budget,
                         settings.seed)
        return triage, _page_images(source.data, source.name)
    except ReadError as exc:
        st.error(exc.message)
    except ConfigError as exc:
        st.error(f"The requisition cannot be used: {exc}")
    except Exception:  # the page boundary: even a reader bug must not show a traceback
        st.error("This file could not be analysed. Export it again (PDF with text, or DOCX) and "
                 "upload it once more.")
    return None


# ---------------------------------------------------------------- inputs


def samples() -> list[str]:
    """The built-in sample files, so a visitor can try the app without a resume of their own."""
    return sorted(p.name for p in SAMPLES.iterdir() if p.suffix in SAMPLE_SUFFIXES)


def resume_source(key: str, default_sample: str, label: str = "Upload a resume") -> Source:
    """An upload if there is one, else the chosen built-in sample."""
    upload_col, sample_col = st.columns([3, 2])
    upload = upload_col.file_uploader(
        label, type=UPLOAD_TYPES, key=key,
        help="PDF, Word (.docx), plain text or Markdown, or JSON Resume. Read in memory only; "
             "nothing is saved.")
    names = samples()
    choice = sample_col.selectbox("…or try a built-in sample", names, key=f"{key}_sample",
                                  index=names.index(default_sample),
                                  disabled=upload is not None)
    if upload is not None:
        return Source(upload.getvalue(), upload.name, True)
    return Source((SAMPLES / choice).read_bytes(), choice, False)


@cache
def _requisition_title(name: str) -> str:
    return load_requisition(name).title


def _toml_key(name: str) -> str:
    return f"requisition_toml_{name}"


def settings() -> Settings:
    """Requisition, time budget and seed, in one row (kept when switching pages)."""
    req_col, budget_col, custom_col, seed_col = st.columns([2, 3, 1, 1])
    name = req_col.selectbox("Requisition", REQUISITIONS, key="requisition",
                             format_func=_requisition_title, persist_state="session")
    preset = budget_col.radio(
        "Time budget", [*BUDGET_PRESETS, CUSTOM], key="budget_preset", horizontal=True,
        persist_state="session",
        help="TheLadders' eye-tracking studies: about 6 s (2012) and 7.4 s (2018) to decide.")
    budget = custom_col.number_input(
        "Custom seconds", min_value=1.0, max_value=120.0, value=10.0, step=0.5,
        key="budget_custom", persist_state="session", disabled=preset != CUSTOM)
    seed = seed_col.number_input("Seed", min_value=0, value=load_profile().seed, step=1,
                                 key="seed", persist_state="session",
                                 help="Same resume, settings and seed: the same result.")
    if preset != CUSTOM:
        budget = BUDGET_PRESETS[preset]
    toml_text = st.session_state.get(_toml_key(name)) or requisition_to_toml(
        load_requisition(name))
    return Settings(name, toml_text, float(budget), int(seed))


def _terms_text(terms: list[dict]) -> str:
    return "\n".join(t["name"] + (": " + ", ".join(t["aliases"]) if t.get("aliases") else "")
                     for t in terms)


def _terms(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        name, _, aliases = line.partition(":")
        if name.strip():
            out.append({"name": name.strip(),
                        "aliases": [a.strip() for a in aliases.split(",") if a.strip()]})
    return out


def requisition_editor(current: Settings) -> None:
    """Edit the requisition's main fields in a form; show and offer the resulting TOML."""
    name = current.requisition
    table = tomllib.loads(current.requisition_toml)["requisition"]
    with st.expander(f"Requisition: {md(table['title'])} — edit what this job needs"):
        with st.form(f"requisition_form_{name}"):
            left, right = st.columns(2)
            title = left.text_input("Job title", table["title"])
            location = right.text_input("Location", table.get("location", ""))
            seniority = left.selectbox("Seniority", ["junior", "mid", "senior", "lead"],
                                       index=["junior", "mid", "senior", "lead"].index(
                                           table.get("seniority", "mid")))
            hint = "One per line: name: alias, alias"
            titles = right.text_area("Titles (with aliases)", _terms_text(table["titles"]),
                                     help=hint)
            must = left.text_area("Must-have", _terms_text(table.get("must_have", [])),
                                  help=hint)
            nice = right.text_area("Nice-to-have", _terms_text(table.get("nice_to_have", [])),
                                   help=hint)
            submitted = st.form_submit_button("Apply", type="primary")
        if submitted:
            table |= {"title": title, "location": location, "seniority": seniority,
                      "titles": _terms(titles), "must_have": _terms(must),
                      "nice_to_have": _terms(nice)}
            try:
                edited = requisition_from_dict({"requisition": table})
            except ConfigError as exc:
                st.error(f"Not applied: {exc}")
            else:
                st.session_state[_toml_key(name)] = requisition_to_toml(edited)
                st.rerun()
        st.caption("Knockout questions are kept as shipped; they are in the TOML below.")
        st.code(current.requisition_toml, language="toml")
        left, right = st.columns(2)
        left.download_button("Download requisition TOML", current.requisition_toml,
                             file_name=f"{table['id']}.toml", mime="application/toml",
                             on_click="ignore")
        edited_here = _toml_key(name) in st.session_state
        if right.button("Reset to the shipped requisition", disabled=not edited_here):
            del st.session_state[_toml_key(name)]
            st.rerun()


# ---------------------------------------------------------------- shared views


def verdict_card(triage: Triage, source: Source, key: str, compact: bool = False) -> None:
    """Yes / maybe / no in words, icon and colour, with the score, reasons and knockouts.

    Wide (default) lays the card out in three columns across the page; compact stacks it and
    folds the reasons away, so two cards side by side leave room for the comparison.
    """
    verdict = triage.verdict
    word, meaning = VERDICT_WORDS[verdict.label]
    icon, colour = VERDICT_STYLE[verdict.label]
    profile = triage.profile
    with st.container(border=True, key=key):
        if compact:
            head = st.container()
            why = knock = st.expander("Why")
        else:
            head, why, knock = st.columns([2, 3, 3], gap="medium")
        head.markdown(f"## {icon} :{colour}[{word}]")
        head.markdown(f"**{meaning.capitalize()}** · score {verdict.score:.2f} "
                      f"(yes ≥ {profile.yes_threshold:.2f}, no < {profile.no_threshold:.2f}) · "
                      f"{triage.skim.budget_s:g} s skim of {md(source.label)}")
        if verdict.reasons:
            why.markdown("**Why**\n" + "\n".join(f"- {md(r)}" for r in verdict.reasons))
        if triage.knockouts:
            knock.markdown("**Knockout questions**\n" + "\n".join(
                f"- {KNOCKOUT_ICONS[k.status]} **{k.status}** — {md(k.question)} "
                f"*{md(k.evidence)}*" for k in triage.knockouts))
        if verdict.questions:
            knock.markdown("**Questions to ask**\n" + "\n".join(
                f"- {md(q)}" for q in verdict.questions))


def show_heatmap(triage: Triage, images: list[bytes], key: str, t: float | None = None,
                 path: int | None = None, highlight: tuple[str, ...] = ()) -> None:
    """The heatmap with the app's own styling (Streamlit's theme would recolour it)."""
    st.plotly_chart(heatmap(triage, images, t=t, path=path, highlight=highlight), key=key,
                    theme=None, config=PLOTLY_CONFIG)
