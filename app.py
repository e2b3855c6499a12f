"""Skim — see your resume through a recruiter's eyes. Thin entry: navigation to the pages."""

import streamlit as st

from triage.ui import pages, start

start()
st.set_page_config(page_title="Skim — six-second resume triage", page_icon="👀", layout="wide")
st.navigation(pages(), position="top").run()
