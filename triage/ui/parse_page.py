"""A first page: pick a sample or upload a resume and see what was read from it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from triage import ReadError, parse

SAMPLES = Path(__file__).resolve().parents[2] / "sample_resumes"


@st.cache_data(show_spinner=False, max_entries=32)
def _parsed(data: bytes, filename: str) -> dict:
    return parse(data, filename=filename).to_dict()


def render() -> None:
    st.title("Skim")
    st.caption("What a recruiter reads off your resume in the first seconds.")
    samples = sorted(p.name for p in SAMPLES.glob("*.pdf"))
    choice = st.selectbox("Built-in sample", samples, key="sample")
    upload = st.file_uploader("…or upload your resume", type=["pdf", "docx", "txt", "md", "json"],
                              key="resume")
    data, name = (upload.getvalue(), upload.name) if upload else (
        (SAMPLES / choice).read_bytes(), choice)
    try:
        resume = _parsed(data, name)
    except ReadError as exc:
        st.error(exc.message)
        return
    contact = resume["contact"]
    st.subheader(contact["name"] or "(no name found)")
    st.write(" · ".join(v for v in (contact["email"], contact["phone"], contact["location"]) if v))
    st.dataframe(
        [{k: r[k] for k in ("title", "company", "location", "start", "end")}
         for r in resume["roles"]],
        hide_index=True,
    )
    for warning in resume["warnings"]:
        st.warning(warning)
