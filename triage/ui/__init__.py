"""Streamlit pages, one file each; every page calls only the public `triage` API and the views.

Pages are files (not callables) so each runs as its own script and tests can switch to it.
"""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

import streamlit as st

from triage import isolation

HERE = Path(__file__).parent
# Imported before any page runs: two sessions' threads importing one of these for the first time
# at once can meet a half-initialised module ("partially initialized module 'pandas'").
HEAVY_MODULES = ("numpy", "pandas", "scipy.ndimage", "sklearn.ensemble", "PIL.Image",
                 "plotly.graph_objects", "pypdfium2", "fpdf", "sqlalchemy", "triage.pipeline",
                 "triage.figures", "triage.render", "triage.report_files")
_started = threading.Lock()


def start() -> None:
    """Once per server, before the first page: import the heavy libraries (one thread at a
    time) and start the host process that reads, scores and draws uploads in bounded children
    (`triage.isolation`)."""
    with _started:
        for name in HEAVY_MODULES:
            importlib.import_module(name)
        isolation.warm()


def pages() -> list[st.Page]:
    """The app's pages for `st.navigation`, Skim first (the default)."""
    return [
        st.Page(HERE / "skim_page.py", title="Skim", icon=":material/visibility:",
                url_path="skim", default=True),
        st.Page(HERE / "compare_page.py", title="Compare", icon=":material/compare:",
                url_path="compare"),
        st.Page(HERE / "calibrate_page.py", title="Calibrate", icon=":material/groups:",
                url_path="calibrate"),
        st.Page(HERE / "workshop_page.py", title="Workshop", icon=":material/co_present:",
                url_path="workshop"),
        st.Page(HERE / "join_page.py", title="Join", icon=":material/login:",
                url_path="join"),
    ]
