"""The job a resume is read against: paste or upload a job ad, or load a saved requisition, then
check what was read against the ad's own sentences, edit it in tables, and save it as TOML.

The requisition lives in the session as TOML under the name it was picked by; a job read from
an ad or loaded from a file is the requisition named `YOURS`. Regular expressions that answer
yes/no knockouts from a resume stay in the TOML and never reach the screen.
"""

from __future__ import annotations

import hashlib
import tomllib
from typing import Any

import pandas as pd
import streamlit as st

from triage import (
    ConfigError,
    ReadError,
    ad_text,
    bounded,
    load_requisition,
    read_job_ad,
    requisition_from_dict,
    requisition_to_toml,
)
from triage.requisition import DEGREE_LEVELS

YOURS = "yours"
AD_TYPES = ["txt", "md", "pdf", "docx"]
TERM_KINDS = {"titles": "Job title", "must_have": "Must-have", "nice_to_have": "Nice-to-have"}
KNOCKOUT_WORDS = {
    "yes_no": "Yes/no question", "work_rights": "Right to work in", "min_years":
    "Years of experience", "degree": "Degree (lowest)", "location": "Work from",
    "certification": "Licence or certificate", "language": "Language"}
LIST_KINDS = ("work_rights", "location")  # required = several places, comma-separated
EVIDENCE_KEY = "job_ad_evidence"


def toml_key(name: str) -> str:
    return f"requisition_toml_{name}"


def current_toml(name: str) -> str:
    """The requisition picked, as edited in this session, else as shipped."""
    return st.session_state.get(toml_key(name)) or requisition_to_toml(load_requisition(name))


def title_of(name: str) -> str:
    """The name shown in the picker: the job's current title, edits included."""
    title = tomllib.loads(current_toml(name))["requisition"]["title"]
    return f"Your job: {title}" if name == YOURS else title


def _keep_as_yours(toml_text: str, evidence: dict[str, str]) -> None:
    st.session_state[toml_key(YOURS)] = toml_text
    st.session_state[EVIDENCE_KEY] = evidence
    st.session_state["requisition"] = YOURS


def job_ad_input() -> None:
    """Paste or upload a job ad, or load a saved requisition; either becomes "your job". Drawn
    before the requisition picker, so it can select what it made."""
    with st.expander("Your job: paste a job ad, or load a requisition you saved",
                     expanded=False):
        # A form sends the text and the press together: outside one, the text area's
        # commit-on-blur rerun can swallow a quick press of the button (streamlit#8725).
        with st.form("job_ad_form", border=False):
            text = st.text_area(
                "Paste the job ad", key="job_ad_text", height=160,
                help="The whole ad as it is posted. It is read on this machine and not kept.")
            upload = st.file_uploader("…or upload it", type=AD_TYPES, key="job_ad_file",
                                      help="TXT, PDF or Word (.docx).")
            pressed = st.form_submit_button("Read the job ad", type="primary")
        if pressed:
            if not text.strip() and upload is None:
                st.warning("Paste the job ad above, or upload it, first.")
                return
            try:
                ad = (bounded(ad_text, upload.getvalue(), upload.name) if upload is not None
                      else text)
            except ReadError as exc:
                st.error(exc.message)
            else:
                reading = read_job_ad(ad)
                _keep_as_yours(requisition_to_toml(reading.requisition),
                               {f"{e.field}|{e.value}": e.sentence for e in reading.evidence})
                st.rerun()
        saved = st.file_uploader("Load a requisition you saved (TOML)", type=["toml"],
                                 key="requisition_file")
        if saved is not None:
            _load_saved(saved.getvalue())


def _load_saved(data: bytes) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if st.session_state.get("requisition_file_loaded") == digest:
        return
    try:
        requisition = requisition_from_dict(tomllib.loads(data.decode("utf-8")), "this file")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        st.error("This file is not a requisition saved from here (it is not TOML text).")
    except ConfigError as exc:
        st.error(f"This requisition cannot be used: {exc}")
    else:
        st.session_state["requisition_file_loaded"] = digest
        _keep_as_yours(requisition_to_toml(requisition), {})
        st.rerun()


# ---------------------------------------------------------------- the editor


def _terms_frame(table: dict[str, Any], evidence: dict[str, str]) -> pd.DataFrame:
    rows = [{"What": word, "Name": term["name"], "Other spellings": ", ".join(term["aliases"]),
             "From the ad": evidence.get(f"{key}|{term['name']}", "")}
            for key, word in TERM_KINDS.items() for term in table.get(key, [])]
    return pd.DataFrame(rows, columns=["What", "Name", "Other spellings", "From the ad"])


def _required_text(required: Any) -> str:
    return ", ".join(required) if isinstance(required, list) else str(required)


def _knockouts_frame(table: dict[str, Any], evidence: dict[str, str]) -> pd.DataFrame:
    rows = [{"Question": k["question"], "Kind": KNOCKOUT_WORDS[k["kind"]],
             "Required": _required_text(k["required"]),
             "Only if asked outright": bool(k.get("strict", False)),
             "From the ad": evidence.get(
                 f"{k['kind']}|{_required_text(k['required'])}", ""),
             "id": k["id"]}
            for k in table.get("knockouts", [])]
    return pd.DataFrame(rows, columns=["Question", "Kind", "Required", "Only if asked outright",
                                       "From the ad", "id"])


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def terms_from_frame(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The titles, must-haves and nice-to-haves in an edited terms table (blank rows dropped)."""
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in TERM_KINDS}
    by_word = {word: key for key, word in TERM_KINDS.items()}
    for row in frame.to_dict("records"):
        name = _text(row.get("Name")).strip()
        if not name:
            continue
        key = by_word.get(_text(row.get("What")), "must_have")
        aliases = [a.strip() for a in _text(row.get("Other spellings")).split(",") if a.strip()]
        out[key].append({"name": name, "aliases": aliases})
    return out


def knockouts_from_frame(frame: pd.DataFrame, before: list[dict[str, Any]]
                         ) -> list[dict[str, Any]]:
    """The knockouts in an edited table; a row keeps the hidden fields (answer patterns,
    counted titles) of the knockout it was. Raises ConfigError with a plain message."""
    kinds = {word: kind for kind, word in KNOCKOUT_WORDS.items()}
    old = {k["id"]: k for k in before}
    out: list[dict[str, Any]] = []
    for number, row in enumerate(frame.to_dict("records"), start=1):
        question = _text(row.get("Question")).strip()
        if not question:
            continue
        kind = kinds.get(_text(row.get("Kind")))
        if kind is None:
            raise ConfigError(f"knockout {number}: choose what kind of question it is")
        required = _required(kind, _text(row.get("Required")).strip(), number)
        ident = _text(row.get("id")) or f"question_{number}"
        item = dict(old.get(ident, {})) if old.get(ident, {}).get("kind") == kind else {}
        item |= {"id": ident, "question": question, "kind": kind, "required": required,
                 "strict": bool(row.get("Only if asked outright"))}
        out.append(item)
    ids = [k["id"] for k in out]
    for index, item in enumerate(out):
        if ids.count(item["id"]) > 1:
            item["id"] = f"{item['id']}_{index + 1}"
    return out


def _required(kind: str, text: str, number: int) -> Any:
    where = f"knockout {number}"
    if not text:
        raise ConfigError(f"{where}: say what answer the job requires")
    if kind == "min_years":
        try:
            years = float(text.replace(",", ".").split()[0])
        except ValueError:
            raise ConfigError(f"{where}: years must be a number, like 3") from None
        return int(years) if years.is_integer() else years
    if kind == "degree" and text.casefold() not in DEGREE_LEVELS:
        raise ConfigError(f"{where}: the degree must be one of {', '.join(DEGREE_LEVELS)}")
    if kind == "yes_no" and text.casefold() not in ("yes", "no"):
        raise ConfigError(f"{where}: the required answer is yes or no")
    if kind in LIST_KINDS:
        return [p.strip() for p in text.split(",") if p.strip()]
    return text.casefold() if kind in ("degree", "yes_no") else text


def requisition_editor(name: str) -> None:
    """Edit the requisition in two tables (skills and titles; knockout questions), each item
    beside the sentence of the ad it came from; save or reset it."""
    toml_text = current_toml(name)
    table = tomllib.loads(toml_text)["requisition"]
    evidence = st.session_state.get(EVIDENCE_KEY, {}) if name == YOURS else {}
    # A toggle, not an expander: an expander draws its tables even when closed, and the
    # table code is a large download a first visit would otherwise wait for.
    if not st.toggle(f"Check and edit what this job needs: {title_of(name)}",
                     key=f"edit_requisition_{name}"):
        return
    with st.container(border=True):
        with st.form(f"requisition_form_{name}"):
            left, middle, right = st.columns([3, 2, 1])
            title = left.text_input("Job title", table["title"])
            location = middle.text_input("Where the job is", table.get("location", ""))
            levels = ["junior", "mid", "senior", "lead"]
            seniority = right.selectbox("Level", levels,
                                        index=levels.index(table.get("seniority", "mid")))
            st.caption("Skills and titles: one per row. A must-have missing from a resume "
                       "counts against it; a nice-to-have only adds. Add rows at the bottom.")
            terms = st.data_editor(
                _terms_frame(table, evidence), key=f"terms_{name}", num_rows="dynamic",
                hide_index=True, width="stretch",
                column_config={
                    "What": st.column_config.SelectboxColumn(
                        options=list(TERM_KINDS.values()), required=True),
                    "Other spellings": st.column_config.TextColumn(
                        help="Comma-separated: how else resumes write it (k8s, Kubernetes)"),
                    "From the ad": st.column_config.TextColumn(disabled=True)})
            st.caption("Knockout questions: what an application form asks before anyone reads "
                       "the resume. Unanswered ones become questions for the recruiter.")
            knockouts = st.data_editor(
                _knockouts_frame(table, evidence), key=f"knockouts_{name}",
                num_rows="dynamic", hide_index=True, width="stretch",
                column_order=["Question", "Kind", "Required", "Only if asked outright",
                              "From the ad"],
                column_config={
                    "Kind": st.column_config.SelectboxColumn(
                        options=list(KNOCKOUT_WORDS.values()), required=True),
                    "Required": st.column_config.TextColumn(
                        help="Years: a number. Degree: bachelor, master… Places: "
                             "comma-separated. Yes/no: yes or no."),
                    "Only if asked outright": st.column_config.CheckboxColumn(
                        help="Hold a 'yes' at 'maybe' until the applicant answers this."),
                    "From the ad": st.column_config.TextColumn(disabled=True)})
            submitted = st.form_submit_button("Apply", type="primary")
        if submitted:
            _apply(name, table, title, location, seniority, terms, knockouts)
        left, right = st.columns(2)
        left.download_button("Save this requisition (TOML)", toml_text,
                             file_name=f"{table['id']}.toml", mime="application/toml",
                             on_click="ignore")
        shipped = name != YOURS
        if shipped and right.button("Reset to the shipped requisition",
                                    disabled=toml_key(name) not in st.session_state):
            del st.session_state[toml_key(name)]
            st.rerun()


def _apply(name: str, table: dict[str, Any], title: str, location: str, seniority: str,
           terms: pd.DataFrame, knockouts: pd.DataFrame) -> None:
    try:
        edited = dict(table) | {"title": title, "location": location, "seniority": seniority}
        edited |= terms_from_frame(terms)
        edited["knockouts"] = knockouts_from_frame(knockouts, table.get("knockouts", []))
        requisition = requisition_from_dict({"requisition": edited}, "the requisition")
    except ConfigError as exc:
        st.error(f"Not applied: {exc}")
        return
    st.session_state[toml_key(name)] = requisition_to_toml(requisition)
    st.rerun()
