'use strict';
// Point every CDN link a theme emits at a local file from node_modules, so the
// page renders offline (Chromium runs with every host mapped to NOTFOUND).
//
// - Font Awesome 4.x, Bootstrap 3.x (css+js), jQuery 1.x, octicons,
//   flexboxgrid: <link>/<script> URLs rewritten to file:// URLs into node_modules
//   (relative url()s inside those stylesheets keep resolving).
// - Google Fonts: replaced by inline @font-face rules from @fontsource/* with
//   absolute file:// URLs for the font files.
// - bootswatch.com lumen: inlined from the bootswatch npm package, with its own
//   Google Fonts @import and ../fonts/ URLs rewritten the same way.
// - Gravatar and other avatar URLs: a local grey placeholder PNG.
// Anything external left over is reported on stderr (it will fail to load).
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const PKG_DIR = path.resolve(__dirname, '..');
const NM = path.join(PKG_DIR, 'node_modules');
const fileUrl = (p) => pathToFileURL(p).href;
const nm = (rel) => fileUrl(path.join(NM, rel));
const AVATAR = fileUrl(path.join(PKG_DIR, 'assets', 'avatar.png'));

// [regex on the URL, local file URL]
const URL_MAP = [
  [/font-awesome\/4\.[0-9.]+\/css\/font-awesome(\.min)?\.css/i, nm('font-awesome/css/font-awesome.min.css')],
  [/fontawesome-free@?[0-9.]*\/css\/all(\.min)?\.css|font-awesome\/5\.[0-9.]+\/css\/all(\.min)?\.css/i,
    nm('@fortawesome/fontawesome-free/css/all.min.css')],
  [/use\.fontawesome\.com\/releases\/v5\.[0-9.]+\/css\/all(\.min)?\.css/i, nm('@fortawesome/fontawesome-free/css/all.min.css')],
  [/use\.fontawesome\.com\/releases\/v5\.[0-9.]+\/css\/v4-shims(\.min)?\.css/i, nm('@fortawesome/fontawesome-free/css/v4-shims.min.css')],
  [/bootstrap\/3\.[0-9.]+\/css\/bootstrap(\.min)?\.css/i, nm('bootstrap/dist/css/bootstrap.min.css')],
  [/bootstrap\/3\.[0-9.]+\/js\/bootstrap(\.min)?\.js/i, nm('bootstrap/dist/js/bootstrap.min.js')],
  [/jquery\/1\.[0-9.]+\/jquery(\.min)?\.js|jquery-1\.[0-9.]+(\.min)?\.js/i, nm('jquery/dist/jquery.min.js')],
  [/octicons\/2\.[0-9.]+\/octicons(\.min)?\.css/i, nm('octicons/octicons/octicons.css')],
  [/flexboxgrid\/6\.[0-9.]+\/flexboxgrid(\.min)?\.css/i, nm('flexboxgrid/css/flexboxgrid.min.css')],
  [/(gravatar\.com\/avatar\/|holder\.js\/)/i, AVATAR],
];

const unescapeAttr = (u) => u.replace(/&amp;/g, '&').replace(/&#x2F;/gi, '/').replace(/&#47;/g, '/');

// ---------- Google Fonts -> @fontsource ----------
function parseGoogleFontsUrl(url) {
  // css v1: family=Open+Sans:400,700italic|Lato ; css2: family=Ubuntu:ital,wght@0,400;1,700&family=...
  const q = unescapeAttr(url).split('?')[1] || '';
  const fams = [];
  for (const part of q.split('&')) {
    const [k, v] = part.split('=');
    if (k !== 'family' || !v) continue;
    for (const spec of decodeURIComponent(v.replace(/\+/g, ' ')).split('|')) {
      const [name, styles = ''] = spec.split(':');
      const faces = [];
      if (styles.includes('@')) {
        const [axes, vals] = styles.split('@');
        const names = axes.split(',');
        for (const tuple of vals.split(';')) {
          const t = tuple.split(',');
          const ital = names.includes('ital') ? t[names.indexOf('ital')] === '1' : false;
          const w = names.includes('wght') ? t[names.indexOf('wght')] : '400';
          faces.push({ weight: w.split('..')[0], italic: ital });
        }
      } else {
        for (const s of styles.split(',').filter(Boolean)) {
          const m = s.match(/^(\d+)?(i|italic)?$/i);
          if (!m) continue;
          faces.push({ weight: m[1] || '400', italic: Boolean(m[2]) });
        }
      }
      if (!faces.length) faces.push({ weight: '400', italic: false });
      // Themes use <b>/<strong>: make sure a bold face exists too.
      if (!faces.some((f) => Number(f.weight) >= 600)) faces.push({ weight: '700', italic: false });
      fams.push({ name: name.trim(), faces });
    }
  }
  return fams;
}

function fontsourceCss(family, faces, warn) {
  const slug = family.toLowerCase().replace(/\s+/g, '-');
  const dir = path.join(NM, '@fontsource', slug);
  if (!fs.existsSync(dir)) {
    warn(`no @fontsource/${slug} installed: font "${family}" falls back to a system font`);
    return '';
  }
  const have = fs.readdirSync(dir).filter((f) => /^\d+(-italic)?\.css$/.test(f));
  const weights = [...new Set(have.map((f) => Number(f.split(/[-.]/)[0])))];
  const out = new Set();
  for (const f of faces) {
    const want = Number(f.weight) || 400;
    const w = weights.reduce((a, b) => (Math.abs(b - want) < Math.abs(a - want) ? b : a), weights[0]);
    const file = f.italic && have.includes(`${w}-italic.css`) ? `${w}-italic.css` : `${w}.css`;
    out.add(file);
  }
  const filesUrl = fileUrl(path.join(dir, 'files')) + '/';
  return [...out].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')
    .replace(/url\(\.\/files\//g, `url(${filesUrl}`)).join('\n');
}

function googleFontsCss(url, warn) {
  return parseGoogleFontsUrl(url).map((f) => fontsourceCss(f.name, f.faces, warn)).join('\n');
}

const GF_RE = /(?:https?:)?\/\/fonts\.googleapis\.com\/css2?\?[^"')\s>]+/i;

function inlineCssFile(absPath, warn) {
  const base = fileUrl(path.dirname(absPath)) + '/';
  let css = fs.readFileSync(absPath, 'utf8');
  css = css.replace(/@import\s+url\(\s*["']?([^"')]+)["']?\s*\)\s*;?/gi, (m, u) =>
    (GF_RE.test(u) ? googleFontsCss(u, warn) : m));
  css = css.replace(/url\(\s*(["']?)(\.\.?\/[^"')]+)\1\s*\)/g, (m, q, rel) => `url(${q}${new URL(rel, base).href}${q})`);
  return css;
}

// ---------- main rewrite ----------
function localizeAssets(html, theme) {
  const warnings = [];
  const warn = (m) => { if (!warnings.includes(m)) warnings.push(m); };

  // <link ...> tags: stylesheets and preconnect/dns-prefetch hints.
  html = html.replace(/<link\b[^>]*>/gi, (tag) => {
    const hm = tag.match(/href\s*=\s*(["']?)([^"'\s>]+)\1/i);
    if (!hm) return tag;
    const href = unescapeAttr(hm[2]);
    if (/rel\s*=\s*["']?(preconnect|dns-prefetch|preload|prefetch)/i.test(tag)) {
      return /^(https?:)?\/\//i.test(href) ? '' : tag;
    }
    if (GF_RE.test(href)) return `<style>/* ${href.replace(/\*\//g, '')} -> @fontsource */\n${googleFontsCss(href, warn)}</style>`;
    if (/bootswatch\.com\/lumen\/bootstrap(\.min)?\.css/i.test(href)) {
      return `<style>/* bootswatch lumen 3.3.7 (npm) */\n${inlineCssFile(path.join(NM, 'bootswatch/lumen/bootstrap.min.css'), warn)}</style>`;
    }
    return tag;
  });

  // @import url(...) of Google Fonts inside <style> blocks.
  html = html.replace(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?\s*;/gi, (m, u) =>
    (GF_RE.test(u) ? googleFontsCss(u, warn) : m));

  // @font-face blocks that point at fonts.gstatic.com: same face from @fontsource.
  html = html.replace(/@font-face\s*{[^}]*}/gi, (block) => {
    if (!/fonts\.gstatic\.com/i.test(block)) return block;
    const fam = (block.match(/font-family\s*:\s*["']?([^;"']+)/i) || [])[1];
    const weight = (block.match(/font-weight\s*:\s*(\d+|bold|normal)/i) || [])[1] || '400';
    const italic = /font-style\s*:\s*italic/i.test(block);
    const w = { bold: '700', normal: '400' }[weight] || weight;
    return fam ? fontsourceCss(fam.trim(), [{ weight: w, italic }], warn) : block;
  });

  // IE-only polyfills: drop.
  html = html.replace(/<script\b[^>]*src\s*=\s*["']?[^"'>]*(respond|html5shiv)[^"'>]*["']?[^>]*>\s*<\/script>/gi, '');

  // Plain URL rewrites inside tags (href/src); drop SRI/CORS attributes on them.
  html = html.replace(/<(link|script|img)\b[^>]*>/gi, (tag) => tag.replace(
    /((?:href|src)\s*=\s*)(["']?)((?:https?:)?\/\/[^"'\s>]+|holder\.js\/[^"'\s>]+)\2/gi,
    (m, pre, q, url) => {
      const u = unescapeAttr(url);
      for (const [re, local] of URL_MAP) if (re.test(u)) return `${pre}${q || '"'}${local}${q || '"'}`;
      return m;
    },
  ).replace(/\s(integrity|crossorigin)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/gi, (m) =>
    (/file:\/\//.test(tag) || /file:\/\//.test(m) ? '' : m)));
  // Tags rewritten above had their SRI attributes removed only if already local;
  // run the attribute strip once more now that URLs are local.
  html = html.replace(/<(link|script)\b[^>]*file:\/\/[^>]*>/gi, (tag) =>
    tag.replace(/\s(integrity|crossorigin)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/gi, ''));

  // <img> with no usable src (e.g. minyma's avatar when basics.image is
  // missing renders as an empty frame): drop it.
  html = html.replace(/<img\b[^>]*>/gi, (tag) => {
    const m = tag.match(/\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*))/i);
    const src = m ? (m[1] ?? m[2] ?? m[3] ?? '') : '';
    return !src.trim() || /^alt=/i.test(src) || src === '/' ? '' : tag;
  });

  // Report what is still external and would be fetched (not plain <a href> links).
  const fetched = [
    ...[...html.matchAll(/<(?:link|script|img|iframe|source|video|audio|embed)\b[^>]*?(?:href|src)\s*=\s*["']?((?:https?:)?\/\/[^"'\s>]+)/gi)].map((m) => m[1]),
    ...[...html.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi)].map((m) => m[1]),
    ...[...html.matchAll(/@import\s+["']((?:https?:)?\/\/[^"']+)/gi)].map((m) => m[1]),
  ];
  for (const u of fetched) {
    if (/^(https?:)?\/\/(www\.)?w3\.org\//i.test(u)) continue; // xmlns in inline SVG
    warn(`unmapped external resource: ${u}`);
  }
  for (const w of warnings) process.stderr.write(`[assets:${theme}] ${w}\n`);
  return html;
}

module.exports = { localizeAssets, parseGoogleFontsUrl };
