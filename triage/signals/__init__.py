"""Recruiter signals: one module each, discovered automatically.

A signal module defines:
    NAME: str                      the key used in profile.signal_weights (e.g. "results")
    TITLE: str                     how the UI names it ("Results")
    examples_pass: list[str]       inputs on which the detector must NOT report a negative finding
    examples_fail: list[str]       inputs on which it MUST report a negative finding
    detect(ctx: SignalContext) -> list[Finding]
and a module docstring naming the signal and what recruiters look for. An example is either a
single bullet (placed as the first bullet of the current role of a plain resume) or, when it starts
with "# ", a whole Markdown resume. The test suite runs every registered module's examples.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from triage.findings import Finding, SignalContext


@dataclass(frozen=True)
class Signal:
    name: str
    title: str
    doc: str
    detect: Callable[[SignalContext], list[Finding]]
    examples_pass: tuple[str, ...]
    examples_fail: tuple[str, ...]


def _from_module(module: ModuleType) -> Signal:
    return Signal(
        name=module.NAME,
        title=module.TITLE,
        doc=(module.__doc__ or "").strip(),
        detect=module.detect,
        examples_pass=tuple(module.examples_pass),
        examples_fail=tuple(module.examples_fail),
    )


@cache
def registry() -> tuple[Signal, ...]:
    """Every signal module in this package, in name order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "detect") and hasattr(module, "NAME"):
            found.append(_from_module(module))
    return tuple(sorted(found, key=lambda s: s.name))


def run_signals(ctx: SignalContext) -> list[Finding]:
    """All findings, in a stable order (signal, then as each detector returned them)."""
    findings: list[Finding] = []
    for signal in registry():
        findings.extend(signal.detect(ctx))
    return findings
