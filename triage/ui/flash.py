"""The six-second flash, in the participant's browser: the resume is shown for exactly the
budget, the time it was really on screen is measured there (from the first frame that shows
it to the first frame without it), then the page comes back blurred for taps on the places
the participant remembers.

A Streamlit custom component (v2, inline: no build step, no network): the browser, not the
server, owns the clock, so a slow network does not stretch the flash.
"""

from __future__ import annotations

import base64
from typing import Any

import streamlit as st

HTML = """
<div class="flash">
  <button class="start" type="button">Show me the resume</button>
  <p class="status" aria-live="polite"></p>
  <div class="pages"></div>
</div>
"""

CSS = """
.flash { font-family: var(--st-font); color: var(--st-text-color); }
.start { font-size: 1.2rem; padding: .8rem 1.4rem; border-radius: var(--st-button-radius);
         border: none; background: var(--st-primary-color); color: white; cursor: pointer; }
.pages { display: flex; flex-direction: column; gap: .5rem; }
.page { position: relative; width: 100%; }
.page img { width: 100%; display: block; user-select: none; }
.hidden { display: none; }
.blurred img { filter: blur(7px); cursor: crosshair; }
.tap { position: absolute; width: 18px; height: 18px; margin: -9px 0 0 -9px;
       border-radius: 50%; background: #d55e00; border: 2px solid white; pointer-events: none; }
"""

JS = """
export default function(component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".flash");
  if (root.dataset.ready === data.token) return;  // the same flash: keep its state
  root.dataset.ready = data.token;
  const start = root.querySelector(".start");
  const status = root.querySelector(".status");
  const pages = root.querySelector(".pages");
  pages.innerHTML = "";
  pages.classList.add("hidden");
  pages.classList.remove("blurred");
  start.classList.remove("hidden");
  status.textContent = `The resume will show for ${data.budget_ms / 1000} seconds.`;
  const taps = [];
  const images = data.pages.map((src, index) => {
    const holder = document.createElement("div");
    holder.className = "page";
    const img = document.createElement("img");
    img.src = src;
    img.alt = `Resume page ${index + 1}`;
    holder.appendChild(img);
    holder.addEventListener("click", (event) => {
      if (!pages.classList.contains("blurred")) return;
      const box = img.getBoundingClientRect();
      const x = (event.clientX - box.left) / box.width;
      const y = (event.clientY - box.top) / box.height;
      if (x < 0 || x > 1 || y < 0 || y > 1 || taps.length >= data.max_taps) return;
      taps.push([index + 1, x, y]);
      const dot = document.createElement("span");
      dot.className = "tap";
      dot.style.left = `${x * 100}%`;
      dot.style.top = `${y * 100}%`;
      holder.appendChild(dot);
      setStateValue("taps", taps.slice());
      status.textContent = `${taps.length} place(s) marked. Now vote below.`;
    });
    pages.appendChild(holder);
    return img;
  });
  start.onclick = async () => {
    start.classList.add("hidden");
    status.textContent = "Loading…";
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
    status.textContent = "";
    pages.classList.remove("hidden");
    requestAnimationFrame(() => {
      const shown = performance.now();
      setTimeout(() => {
        pages.classList.add("hidden");
        requestAnimationFrame(() => {
          const gone = performance.now();
          pages.classList.add("blurred");
          pages.classList.remove("hidden");
          status.textContent = "Tap the places you remember (optional), then vote below.";
          setStateValue("display_ms", gone - shown);
        });
      }, data.budget_ms);
    });
  };
}
"""

_FLASH = st.components.v2.component("skim_flash", html=HTML, css=CSS, js=JS)
MAX_TAPS = 20


def _nothing() -> None:
    """Streamlit reruns the page when a component value with a callback changes."""


def flash(pictures: list[bytes], budget_s: float, key: str) -> dict[str, Any]:
    """Mount the flash for these page pictures; returns what the browser reported so far:
    `display_ms` (None until the flash is over) and `taps` ([page, x, y] shares of the page)."""
    pages = ["data:image/png;base64," + base64.b64encode(p).decode("ascii") for p in pictures]
    result = _FLASH(key=key, data={"pages": pages, "budget_ms": round(budget_s * 1000),
                                   "token": key, "max_taps": MAX_TAPS},
                    default={"display_ms": None, "taps": []},
                    # a rerun when the flash ends (the vote buttons appear) and on each tap
                    on_display_ms_change=_nothing, on_taps_change=_nothing)
    return {"display_ms": result.get("display_ms"), "taps": result.get("taps") or []}
