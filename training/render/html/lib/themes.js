'use strict';
// Load a jsonresume-theme-NAME module, whatever its module format.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const PKG_DIR = path.resolve(__dirname, '..');

function themeDir(theme) {
  return path.join(PKG_DIR, 'node_modules', `jsonresume-theme-${theme}`);
}

// mocha-responsive reads Font Awesome 5 from its *own* node_modules, which
// is not a declared dependency: serve it from the top-level package instead
// and make its relative webfont URLs absolute (the CSS is inlined in the page).
function patchMochaFontAwesome(dir) {
  const fs = require('node:fs');
  const wanted = path.join(dir, 'node_modules', '@fortawesome', 'fontawesome-free', 'css', 'all.min.css');
  const real = path.join(PKG_DIR, 'node_modules', '@fortawesome', 'fontawesome-free', 'css', 'all.min.css');
  const webfonts = pathToFileURL(path.join(path.dirname(real), '..', 'webfonts')).href + '/';
  const orig = fs.readFileSync;
  fs.readFileSync = function patched(p, ...rest) {
    if (typeof p === 'string' && path.resolve(p) === wanted) {
      return orig.call(fs, real, 'utf8').replace(/\.\.\/webfonts\//g, webfonts);
    }
    return orig.call(fs, p, ...rest);
  };
}

// Per-theme data tweaks applied after the generic pre-1.0 aliases.
function fixResume(theme, r) {
  if (theme === 'pumpkin') {
    // Its formatDate helper prints "Present" only for endDate === null and
    // today's date for a missing endDate.
    for (const sec of ['work', 'volunteer', 'education', 'projects']) {
      for (const it of r[sec] || []) if (it.startDate && !it.endDate) it.endDate = null;
    }
  }
  if (['classy', 'cora', 'sceptile'].includes(theme) && r.basics.profiles.length === 0) {
    // These read basics.profiles[0].network whenever basics.profiles is set.
    delete r.basics.profiles;
  }
  if (theme === 'professional') {
    // It looks profiles up by exact lower-case network name ('linkedin').
    for (const p of r.basics.profiles) if (p.network) p.network = String(p.network).toLowerCase();
  }
  return r;
}

// Per-theme HTML tweaks applied before asset localisation.
function fixHtml(theme, html) {
  if (theme === 'professional') {
    // Latin Modern is linked from the site root (/fonts/*.otf), not shipped in
    // the package: fall back to the closest installed metric-compatible faces.
    html = html.replace(/src:\s*url\("\/fonts\/lmroman10-[a-z]+\.otf"\)\s*format\("opentype"\)/g,
      'src: local("Latin Modern Roman"), local("LM Roman 10"), local("Liberation Serif"), local("DejaVu Serif")');
    html = html.replace(/src:\s*url\("\/fonts\/lmsans10-[a-z]+\.otf"\)\s*format\("opentype"\)/g,
      'src: local("Latin Modern Sans"), local("LM Sans 10"), local("Liberation Sans"), local("DejaVu Sans")');
  }
  if (theme === 'mocha-responsive') {
    // Its float + overflow:hidden two-column layout is clipped to the left
    // column's width on page 2+ by current Chromium print fragmentation: lay
    // the same columns out with flexbox instead.
    html = html.replace(/<\/head>/i, `<style>/* render fix */
      .resume-content { display: flex; align-items: flex-start; }
      .left-column { float: none; flex: 0 0 auto; }
      .right-column { flex: 1 1 auto; min-width: 0; overflow: visible; }
      </style></head>`);
  }
  if (theme === 'papirus') {
    // The dark sidebar (and the content column) are floats stretched with the
    // padding-bottom:99999px trick inside overflow:hidden. In print its background lands on a later
    // page (plus a blank page) and its white text sits on white paper. Use a
    // flex row so the sidebar background follows its text on every page.
    html = html.replace(/<\/head>/i, `<style>/* render fix */
      #resume { display: flex; align-items: stretch; overflow: visible; }
      #resume:before, #resume:after { display: none; }
      .sidebar { float: none; margin-bottom: 0 !important; padding-bottom: 2rem !important;
        -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .content { float: none; margin-bottom: 0 !important; padding-bottom: 3rem !important; }
      </style></head>`);
  }
  return html;
}

async function loadTheme(theme) {
  const dir = themeDir(theme);
  if (theme === 'mocha-responsive') patchMochaFontAwesome(dir);
  if (theme === 'professional') {
    // Ships untranspiled JSX + ES module syntax in .js files: compile on load.
    const { addHook } = require('sucrase/dist/register');
    addHook('.js', { transforms: ['imports', 'jsx'], jsxRuntime: 'automatic', production: true },
      { matcher: (f) => f.startsWith(dir + path.sep), ignoreNodeModules: false });
    global.React = require('react');
    return require(path.join(dir, 'src', 'index.js'));
  }
  const pkg = require(path.join(dir, 'package.json'));
  if (pkg.type === 'module') {
    const entry = require.resolve(dir, { paths: [PKG_DIR] });
    let m;
    try {
      m = await import(pathToFileURL(path.join(dir, 'dist', 'index.js')).href);
    } catch (e) {
      m = await import(pathToFileURL(entry).href);
    }
    return m.render ? m : m.default;
  }
  return require(dir);
}

module.exports = { loadTheme, fixResume, fixHtml, themeDir, PKG_DIR };
