"""What the pages share: the input widgets, the cached skim, and the verdict card.

Heavy work is cached on what it depends on (file bytes, requisition TOML, budget, seed), so
moving the time slider or ticking a fix only re-slices numbers that are already computed.
Resume text shown in markdown goes through `md()` first: it is untrusted input.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from triage import (
    BUDGET_PRESETS,
    ConfigError,
    ReadError,
    Resume,
    Triage,
    bounded,
    load_profile,
    parse,
    score,
)
from triage.figures import GAZE, GAZE_LEGEND, NOTICED, heatmap, page_pictures, top_places
from triage.render import render_pages
from triage.report import VERDICT_WORDS
from triage.report_files import readable_report
from triage.requisition import profile_from_dict, requisition_from_dict
from triage.store import Store
from triage.ui import job_input

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
ALT_PLACES = 5  # a page picture's text alternative names its five most read places
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
    profile_toml: str = ""  # a team's fitted screener profile; "" for the built-in defaults


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


# Reading, scoring and drawing run through `bounded`: in a child process with a time and memory
# bound, so a hostile upload costs one sentence, not the server.


@st.cache_data(show_spinner=False, max_entries=32)
def _parsed(data: bytes, filename: str) -> Resume:
    return bounded(parse, data, filename=filename)


@st.cache_resource
def team_store() -> Store:
    """The team's store, one per server process (its engine pools connections for every
    session): SKIM_DATABASE_URL, or a SQLite file in the user's data folder."""
    return Store()


def store_requisition(store: Store, name: str) -> int:
    """Put the job the session knows by `name` (shipped, or the user's own) in the team's store
    under its title; its id there."""
    toml = job_input.current_toml(name)
    return store.add_requisition(name, requisition_from_dict(tomllib.loads(toml)).title, toml)


@st.cache_data(show_spinner=False, max_entries=32)
def page_images(data: bytes, filename: str) -> list[bytes]:
    """The file's pages as pictures (the real page for a PDF)."""
    return bounded(render_pages, data, _parsed(data, filename).document)


@st.cache_data(show_spinner="Skimming…", max_entries=64)
def _scored(data: bytes, filename: str, requisition_toml: str, budget: float,
            seed: int, profile_toml: str = "") -> Triage:
    requisition = requisition_from_dict(tomllib.loads(requisition_toml))
    profile = profile_from_dict(tomllib.loads(profile_toml)) if profile_toml else None
    return bounded(score, _parsed(data, filename), requisition, profile=profile, budget=budget,
                   seed=seed)


@st.cache_data(show_spinner="The simulator reads the resume…", max_entries=512)
def simulated(data: bytes, name: str, requisition_toml: str) -> Triage | None:
    """The simulator's skim of a stored resume for a job (a round's, a workshop's), with the
    built-in profile; None when the file cannot be read."""
    try:
        return bounded(score, data,
                       requisition=requisition_from_dict(tomllib.loads(requisition_toml)),
                       filename=name)
    except ReadError:
        return None


@st.cache_data(show_spinner=False, max_entries=16)
def _report(data: bytes, filename: str, requisition_toml: str, budget: float, seed: int,
            profile_toml: str, kind: str) -> bytes:
    return readable_report(_scored(data, filename, requisition_toml, budget, seed, profile_toml),
                           page_images(data, filename), filename, kind)


def report(source: Source, settings: Settings, kind: str) -> bytes:
    """The readable report of this skim (`kind` "pdf" or "html"): job title, file name,
    heatmap pictures, verdict, reasons and fixes."""
    return _report(source.data, source.name, settings.requisition_toml, settings.budget,
                   settings.seed, settings.profile_toml, kind)


def skim(source: Source, settings: Settings) -> tuple[Triage, list[bytes]] | None:
    """Score and render one resume, or show the plain reason it cannot be read."""
    try:
        triage = _scored(source.data, source.name, settings.requisition_toml, settings.budget,
                         settings.seed, settings.profile_toml)
        return triage, page_images(source.data, source.name)
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


def settings() -> Settings:
    """Requisition, time budget and seed, in one row (kept when switching pages)."""
    req_col, budget_col, custom_col, seed_col = st.columns([2, 3, 1, 1])
    choices = [*REQUISITIONS, *([job_input.YOURS] if job_input.toml_key(job_input.YOURS)
                                in st.session_state else [])]
    name = req_col.selectbox("The job", choices, key="requisition",
                             format_func=job_input.title_of, persist_state="session",
                             help="A job that ships with the app, or yours: paste its ad above.")
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
    return Settings(name, job_input.current_toml(name), float(budget), int(seed),
                    _profile_toml())


PROFILE_KEY = "profile_toml"


def _profile_toml() -> str:
    """A team's screener profile (from the Calibrate page's fitting, or any profile TOML), if
    one was loaded; it replaces the built-in thresholds and weights for this session."""
    with st.expander("Screener profile (for teams)"):
        upload = st.file_uploader(
            "Load a screener profile (TOML)", type=["toml"], key="profile_upload",
            help="Thresholds and signal weights fitted to your team on the Calibrate page.")
        if upload is not None and upload.file_id != st.session_state.get("profile_file_id"):
            st.session_state["profile_file_id"] = upload.file_id  # a reset is not undone
            try:
                text = upload.getvalue().decode("utf-8")
                profile_from_dict(tomllib.loads(text))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError):
                st.error("This is not a TOML file; save the profile again and load it.")
            except ConfigError as exc:
                st.error(f"This profile cannot be used: {exc}")
            else:
                st.session_state[PROFILE_KEY] = text
        if st.session_state.get(PROFILE_KEY):
            st.caption("In use: your team's profile.")
            if st.button("Use the built-in profile", key="profile_reset"):
                st.session_state.pop(PROFILE_KEY)
                st.rerun()
        else:
            st.caption("In use: the built-in profile.")
    return st.session_state.get(PROFILE_KEY, "")


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
                      f"{triage.skim.budget_s:g} s skim of {md(source.label)} for the job "
                      f"{md(triage.requisition.title)}")
        if verdict.reasons:
            why.markdown("**Why**\n" + "\n".join(f"- {md(r)}" for r in verdict.reasons))
        if triage.knockouts:
            knock.markdown("**Knockout questions**\n" + "\n".join(
                f"- {KNOCKOUT_ICONS[k.status]} **{k.status}** — {md(k.question)} "
                f"*{md(k.evidence)}*" for k in triage.knockouts))
        if verdict.questions:
            knock.markdown("**Questions to ask**\n" + "\n".join(
                f"- {md(q)}" for q in verdict.questions))


VIEWS = {"Where eyes landed": GAZE, "Who noticed each part": NOTICED}


def _picture_alt(places: list[tuple[str, int, float]], page: int) -> str:
    """A screen reader's version of one page's picture: its most read places, in order."""
    read = "; ".join([text[:60] for text, on, _ in places if on == page][:ALT_PLACES])
    return (f"Page {page} of the resume under the heatmap. "
            + (f"Read most, in order: {read}." if read else "Nobody looked here.")
            + " The heatmap in words, below, lists the top places.")


def show_heatmap(triage: Triage, images: list[bytes], key: str, t: float | None = None,
                 path: int | None = None, highlight: tuple[str, ...] = (),
                 view: str = GAZE) -> None:
    """The heatmap with its key in words, and the same in text for screen readers: the top
    places, in order. By default each page is one finished picture (fast in a fresh browser,
    scales to a phone); "Zoom and hover" swaps in the interactive figure (the app's own
    styling: Streamlit's theme would recolour it)."""
    shown = triage.skim.budget_s if t is None else min(t, triage.skim.budget_s)
    st.caption(GAZE_LEGEND.format(round(shown, 2)) if view == GAZE else
               f"The share of simulated recruiters who noticed each part by {shown:g} s: "
               "bright = most of them.")
    places = top_places(triage)
    if st.toggle("Zoom and hover", key=f"{key}_zoom",
                 help="An interactive page: zoom in, and hover any part to see who noticed "
                      "it and when. It takes a moment longer to appear the first time."):
        st.plotly_chart(heatmap(triage, images, t=t, path=path, highlight=highlight,
                                view=view), key=key, theme=None, config=PLOTLY_CONFIG)
    else:
        pictures = page_pictures(triage, images, t=t, path=path, highlight=highlight,
                                 view=view, kind="JPEG")
        count = len(pictures)
        st.image(pictures, caption=[f"Page {n} of {count}" for n in range(1, count + 1)],
                 alt=[_picture_alt(places, n) for n in range(1, count + 1)], width="stretch",
                 output_format="JPEG")
    with st.expander("The heatmap in words"):
        st.markdown("\n".join(
            f"{n}. {md(text[:80])} (page {page}) — {share:.0%} of recruiters looked"
            for n, (text, page, share) in enumerate(places, start=1))
            or "Nobody looked at anything in this time.")
