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

async function main() {
  const [resumePath, theme, outPath] = process.argv.slice(2);
  if (!resumePath || !theme || !outPath) {
    console.error('usage: node render_theme.js RESUME.json THEME OUT.html');
    process.exit(2);
  }
  const raw = JSON.parse(fs.readFileSync(resumePath, 'utf8'));
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
