"""Streamlit pages. Each page module calls only the public `triage` API."""

from __future__ import annotations

import streamlit as st


def pages() -> list:
    from triage.ui import parse_page

    return [st.Page(parse_page.render, title="Parse", url_path="parse", default=True)]
