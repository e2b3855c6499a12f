#!/usr/bin/env python3
"""Render JSON Resume documents through npm JSON Resume HTML themes.

For every SOURCE.json x THEME:
  OUT/_html/THEME/ID.html          theme HTML (node render_theme.js, one process each)
  OUT/html-THEME/ID.pdf            printed by headless Chromium (offline)
  OUT/pandoc-html-THEME/ID.docx    pandoc -f html -t docx of the same HTML

Outputs already newer than all their inputs (the source JSON and the renderer
code/lockfile) are skipped. A failure is logged and the run goes on; the exit
status is 1 if anything failed. Stdlib only.

  python3 training/render/html/render_html.py --sources training/sources \\
      --out training/renders [--themes a,b] [--jobs 2] [--force]
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
THEMES = [
    "professional", "classy", "slick", "kwan", "eloquent", "microdata",
    "mocha-responsive", "paper-plus-plus", "autumn", "cora", "direct", "minyma",
    "sceptile", "tan-responsive", "rocketspacer", "papirus", "simplyelegant",
    "pumpkin", "onepage-efficient",
]
# Code whose change makes every output stale.
CODE_INPUTS = [HERE / "render_theme.js", HERE / "package-lock.json", *sorted((HERE / "lib").glob("*.js"))]

log = logging.getLogger("render_html")


def base_env() -> dict:
    env = dict(os.environ)
    env.update(TZ="UTC", LANG="en_US.UTF-8", LANGUAGE="en_US", PUPPETEER_SKIP_DOWNLOAD="1")
    env.pop("LC_ALL", None)
    env.pop("LC_TIME", None)
    return env


def ensure_node_modules() -> None:
    if (HERE / "node_modules" / ".package-lock.json").exists():
        return
    log.info("node_modules missing: npm ci in %s", HERE)
    subprocess.run(["npm", "ci", "--legacy-peer-deps", "--ignore-scripts", "--no-audit", "--no-fund"],
                   cwd=HERE, env=base_env(), check=True)


def run(cmd: list[str], timeout: float, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run in its own process group; kill the whole group on timeout."""
    p = subprocess.Popen(cmd, cwd=cwd, env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        raise RuntimeError(f"timeout after {timeout:.0f}s: {cmd[0]}") from None
    return subprocess.CompletedProcess(cmd, p.returncode, out.decode("utf-8", "replace"),
                                       err.decode("utf-8", "replace"))


def fresh(out: Path, newest_input: float) -> bool:
    return out.exists() and out.stat().st_size > 0 and out.stat().st_mtime > newest_input


def tmp_sibling(path: Path) -> Path:
    return path.with_name(f".{path.stem}.tmp-{os.getpid()}-{time.monotonic_ns()}{path.suffix}")


def render_html(src: Path, theme: str, html: Path) -> list[str]:
    html.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_sibling(html)
    try:
        r = run(["node", str(HERE / "render_theme.js"), str(src), theme, str(tmp)], timeout=120)
        if r.returncode != 0 or not tmp.exists():
            raise RuntimeError(f"node render failed (rc={r.returncode}): {r.stderr.strip()[-1500:]}")
        tmp.replace(html)
    finally:
        tmp.unlink(missing_ok=True)
    return [ln for ln in r.stderr.splitlines() if ln.startswith("[assets")]


def print_pdf(html: Path, pdf: Path, chromium: str) -> None:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_sibling(pdf)
    profile = tempfile.mkdtemp(prefix="chromium-render-")
    try:
        cmd = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-dev-shm-usage", "--mute-audio", "--lang=en-US",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--allow-file-access-from-files",
            f"--user-data-dir={profile}", "--run-all-compositor-stages-before-draw",
            "--virtual-time-budget=5000", "--no-pdf-header-footer",
            f"--print-to-pdf={tmp}", html.resolve().as_uri(),
        ]
        r = run(cmd, timeout=120)
        if not tmp.exists() or tmp.stat().st_size < 800 or tmp.read_bytes()[:5] != b"%PDF-":
            raise RuntimeError(f"chromium made no PDF (rc={r.returncode}): {r.stderr.strip()[-1500:]}")
        tmp.replace(pdf)
    finally:
        tmp.unlink(missing_ok=True)
        shutil.rmtree(profile, ignore_errors=True)


def make_docx(html: Path, docx: Path) -> None:
    docx.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_sibling(docx)
    try:
        r = run(["pandoc", "-f", "html", "-t", "docx", "-o", str(tmp), str(html)], timeout=180, cwd=html.parent)
        if r.returncode != 0 or not tmp.exists() or tmp.stat().st_size == 0:
            raise RuntimeError(f"pandoc failed (rc={r.returncode}): {r.stderr.strip()[-1500:]}")
        tmp.replace(docx)
    finally:
        tmp.unlink(missing_ok=True)


def do_task(src: Path, theme: str, out: Path, code_mtime: float, force: bool, chromium: str,
            want_pdf: bool, want_docx: bool) -> dict:
    sid = src.stem
    # --force: treat every output as stale.
    newest = float("inf") if force else max(code_mtime, src.stat().st_mtime)
    html = out / "_html" / theme / f"{sid}.html"
    pdf = out / f"html-{theme}" / f"{sid}.pdf"
    docx = out / f"pandoc-html-{theme}" / f"{sid}.docx"
    res = {"id": sid, "theme": theme, "html": "skipped", "pdf": "skipped", "docx": "skipped"}
    need_pdf = want_pdf and not fresh(pdf, newest)
    need_docx = want_docx and not fresh(docx, newest)
    if not (need_pdf or need_docx):
        return res
    t0 = time.monotonic()
    try:
        if fresh(html, newest):
            res["html"] = "fresh"
        else:
            for w in render_html(src, theme, html):
                log.warning("%s/%s: %s", theme, sid, w)
            res["html"] = "ok"
    except Exception as e:  # noqa: BLE001 - log and continue
        res["html"] = res["pdf"] = res["docx"] = "failed"
        res["error"] = str(e)
        log.error("%s/%s: HTML failed: %s", theme, sid, e)
        return res
    for kind, need, fn in (("pdf", need_pdf, lambda: print_pdf(html, pdf, chromium)),
                           ("docx", need_docx, lambda: make_docx(html, docx))):
        if not need:
            continue
        try:
            fn()
            res[kind] = "ok"
        except Exception as e:  # noqa: BLE001
            res[kind] = "failed"
            res.setdefault("error", "")
            res["error"] += f"{kind}: {e} "
            log.error("%s/%s: %s failed: %s", theme, sid, kind.upper(), e)
    log.info("%s/%s: html=%s pdf=%s docx=%s (%.1fs)", theme, sid, res["html"], res["pdf"], res["docx"],
             time.monotonic() - t0)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", type=Path, required=True, help="folder of JSON Resume v1.0.0 files")
    ap.add_argument("--out", type=Path, required=True, help="output root (e.g. training/renders)")
    ap.add_argument("--themes", default=",".join(THEMES), help="comma-separated subset of: " + ",".join(THEMES))
    ap.add_argument("--ids", default="", help="comma-separated source stems to render (default: all)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--force", action="store_true", help="re-render even if outputs are fresh")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--no-docx", action="store_true")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = ap.parse_args(argv)
    args.out = args.out.resolve()
    args.sources = args.sources.resolve()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
    themes = [t.strip() for t in args.themes.split(",") if t.strip()]
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        ap.error(f"unknown theme(s) {unknown}; allowed: {THEMES}")
    sources = sorted(p for p in args.sources.glob("*.json") if p.is_file())
    if args.ids:
        keep = {s.strip() for s in args.ids.split(",")}
        sources = [p for p in sources if p.stem in keep]
    if not sources:
        log.error("no *.json in %s", args.sources)
        return 1
    for tool in ("node", "pandoc" if not args.no_docx else "node"):
        if not shutil.which(tool):
            log.error("%s not found on PATH", tool)
            return 1
    if not args.no_pdf and not os.access(args.chromium, os.X_OK):
        log.error("chromium not found at %s", args.chromium)
        return 1
    ensure_node_modules()

    # Drop sources that are not valid JSON up front (logged, not fatal).
    good = []
    for p in sources:
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(d, dict) or not isinstance(d.get("basics"), dict):
                raise ValueError("no basics object")
            good.append(p)
        except Exception as e:  # noqa: BLE001
            log.error("skipping source %s: %s", p, e)
    code_mtime = max(p.stat().st_mtime for p in CODE_INPUTS if p.exists())
    args.out.mkdir(parents=True, exist_ok=True)
    tasks = [(s, t) for t in themes for s in good]
    log.info("%d sources x %d themes = %d tasks, %d jobs", len(good), len(themes), len(tasks), args.jobs)

    results = []
    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = [ex.submit(do_task, s, t, args.out, code_mtime, args.force, args.chromium,
                          not args.no_pdf, not args.no_docx) for s, t in tasks]
        for f in cf.as_completed(futs):
            results.append(f.result())

    counts: dict[str, dict[str, int]] = {}
    for r in results:
        for k in ("pdf", "docx"):
            c = counts.setdefault(k, {})
            c[r[k]] = c.get(r[k], 0) + 1
    failures = [r for r in results if "failed" in (r["html"], r["pdf"], r["docx"])]
    summary = {"elapsed_s": round(time.monotonic() - t0, 1), "tasks": len(tasks), "counts": counts,
               "failures": sorted(failures, key=lambda r: (r["theme"], r["id"])),
               "source_errors": len(sources) - len(good)}
    log_dir = args.out / "_logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    (log_dir / "render_html-summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    log.info("done in %.0fs: pdf %s, docx %s, %d task(s) with failures", summary["elapsed_s"],
             counts.get("pdf"), counts.get("docx"), len(failures))
    return 1 if failures or summary["source_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
