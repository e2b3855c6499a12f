#!/usr/bin/env node
// Render one JSON Resume (v1.0.0) document through one npm JSON Resume theme.
//
//   node render_theme.js RESUME.json THEME OUT.html
//
// THEME is the short name (e.g. "kwan" for jsonresume-theme-kwan).
// One theme per node process: some themes change global state (moment.locale).
//
// Steps: load + clean the resume, add pre-1.0 schema aliases (compat.js),
// call theme.render() (awaiting promises), rewrite CDN links to local files
// from node_modules (assets.js), write OUT.html.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { addLegacyFields } = require('./lib/compat');
const { localizeAssets } = require('./lib/assets');
const { loadTheme, fixResume, fixHtml } = require('./lib/themes');

// Themes print "Present" durations ("4 years 7 months") or even today's date
// computed from the clock: freeze "now" so renders are reproducible.
// now = $RENDER_NOW, else resume.meta.lastModified, else DEFAULT_NOW, moved
// to one month after the latest date in the resume if that is later.
const DEFAULT_NOW = '2026-01-15T12:00:00Z';

function pickNow(raw) {
  const cands = [process.env.RENDER_NOW, raw.meta && raw.meta.lastModified].filter(Boolean);
  let now = NaN;
  for (const c of cands) {
    now = Date.parse(c);
    if (!Number.isNaN(now)) return now;
  }
  now = Date.parse(DEFAULT_NOW);
  const dates = JSON.stringify(raw).match(/"(?:startDate|endDate|date|releaseDate)"\s*:\s*"(\d{4}(?:-\d{2})?(?:-\d{2})?)"/g) || [];
  for (const m of dates) {
    const d = m.match(/(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?"$/);
    const t = Date.UTC(Number(d[1]), Number(d[2] || 12), 15, 12); // month index +1 = one month later
    if (t > now) now = t;
  }
  return now;
}

function freezeClock(nowMs) {
  const RealDate = Date;
  class FrozenDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(nowMs);
      else super(...args);
    }
    static now() { return nowMs; }
  }
  // Date() called without new returns a string.
  const DateFn = new Proxy(FrozenDate, {
    apply: () => new RealDate(nowMs).toString(),
  });
  global.Date = DateFn;
}

async function main() {
  const [resumePath, theme, outPath] = process.argv.slice(2);
  if (!resumePath || !theme || !outPath) {
    console.error('usage: node render_theme.js RESUME.json THEME OUT.html');
    process.exit(2);
  }
  const raw = JSON.parse(fs.readFileSync(resumePath, 'utf8'));
  freezeClock(pickNow(raw));
  const resume = fixResume(theme, addLegacyFields(raw));
  const mod = await loadTheme(theme);
  const render = mod.render || (mod.default && mod.default.render);
  if (typeof render !== 'function') throw new Error(`theme ${theme} exports no render()`);
  let html = await render(resume);
  if (typeof html !== 'string' || html.length < 50) {
    throw new Error(`theme ${theme} returned no HTML (${typeof html})`);
  }
  html = localizeAssets(fixHtml(theme, html), theme);
  fs.mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
  fs.writeFileSync(outPath, html, 'utf8');
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
