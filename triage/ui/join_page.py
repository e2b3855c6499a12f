"""The participant's side of the six-second challenge, made for a phone: join with the code,
see each resume flash for the budget, vote yes / maybe / no, tap what you remember."""

from __future__ import annotations

import secrets

import streamlit as st

from triage.store import StoreError
from triage.store.workshops import Workshop, Workshops
from triage.ui import common
from triage.ui.flash import flash

TOKEN = "join_token"  # this browser session, so rejoining is the same participant
JOINED = "join_code"
PARTICIPANT = "join_participant"
POLL_S = 2.0  # how often a waiting phone asks whether the host moved on
VERDICTS = {"yes": ":material/check_circle: Yes", "maybe": ":material/help: Maybe",
            "no": ":material/cancel: No"}


def _join(workshops: Workshops) -> None:
    # A form sends what was typed with the tap: outside one, a phone's tap on Join right
    # after typing can be lost to the text box's own rerun (streamlit#10007).
    with st.form("join_form", border=False):
        code = st.text_input("Workshop code", value=st.query_params.get("code", ""),
                             max_chars=8, key="join_code_input")
        name = st.text_input("Your first name (optional)", max_chars=40, key="join_name")
        pressed = st.form_submit_button("Join", type="primary")
    if pressed:
        token = st.session_state.setdefault(TOKEN, secrets.token_hex(16))
        try:
            st.session_state[PARTICIPANT] = workshops.join(code, token, name)
        except StoreError as exc:
            st.error(str(exc))
            return
        st.session_state[JOINED] = workshops.get(code).code
        st.rerun()


def _voting(workshops: Workshops, workshop: Workshop, me: int) -> None:
    item = workshop.item
    st.subheader(f"Resume {item.position + 1} of {len(workshop.items)}")
    pictures = common.page_images(item.content or b"", item.file_name)
    seen = flash(pictures, workshop.budget_s, key=f"flash_{workshop.code}_{item.item_id}")
    if seen["display_ms"] is None:
        st.caption(f"For the job {item.job_title}. Ready? Press the button: the resume "
                   f"shows for {workshop.budget_s:g} seconds, then hides.")
        return
    st.markdown("**Would you call this candidate?**")
    for column, (verdict, label) in zip(st.columns(3), VERDICTS.items(), strict=True):
        if column.button(label, key=f"vote_{verdict}_{item.item_id}", width="stretch"):
            workshops.vote(item.item_id, me, verdict, display_ms=seen["display_ms"],
                           taps=seen["taps"])
            st.rerun()


def _waiting(workshops: Workshops, code: str, me: int) -> None:
    """Polls until the host puts up a resume this participant has not voted on, then redraws
    the whole page for it."""
    workshop = workshops.get(code)
    item = workshop.item
    if _is_up(workshops, workshop, me):
        st.rerun(scope="app")
    if item is None:
        st.info("You're in. Waiting for the host to show the first resume…")
    elif workshop.revealed:
        st.info("The host is revealing the results on the big screen.")
    else:
        st.success("Vote recorded. Waiting for the next resume…")


def render() -> None:
    """Draw the Join page (runs when Streamlit executes this file as a page)."""
    st.title("Six-second challenge")
    try:
        workshops = Workshops(common.team_store())
    except Exception:  # a wrong SKIM_DATABASE_URL, a server down: say so, never a traceback
        st.error("The workshop cannot be reached; ask the host.")
        return
    code, me = st.session_state.get(JOINED), st.session_state.get(PARTICIPANT)
    if code is None or me is None:
        _join(workshops)
        return
    workshop = workshops.get(code)
    if _is_up(workshops, workshop, me):
        _voting(workshops, workshop, me)
    else:
        st.fragment(_waiting, run_every=POLL_S)(workshops, code, me)


def _is_up(workshops: Workshops, workshop: Workshop, me: int) -> bool:
    """A resume is up for voting and this participant has not voted on it yet."""
    item = workshop.item
    return (item is not None and not workshop.revealed
            and not workshops.has_voted(item.item_id, me))


if __name__ == "__main__":
    render()
