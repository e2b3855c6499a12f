'use strict';
// Make a JSON Resume v1.0.0 document readable by themes written for the
// pre-1.0 schema, without removing any v1.0.0 field.
//
// Pre-1.0 name            v1.0.0 name
//   basics.website          basics.url
//   basics.picture          basics.image
//   work[].company          work[].name
//   work[].website          work[].url
//   volunteer[].organization volunteer[].organization (same) / name
//   volunteer[].website     volunteer[].url
//   education[].gpa         education[].score
//   publications[].website  publications[].url
//   projects[].website      projects[].url
//   languages[].name/level  languages[].language/fluency
//
// Also strips fields that must never reach the page (top-level "meta",
// "$schema", "x-*" extension blocks) and fills empty arrays/objects that
// several themes dereference without checking.

const ARRAY_SECTIONS = [
  'work', 'volunteer', 'education', 'awards', 'certificates', 'publications',
  'skills', 'languages', 'interests', 'references', 'projects',
];

function alias(obj, legacy, current) {
  if (obj && obj[legacy] === undefined && obj[current] !== undefined) obj[legacy] = obj[current];
}

function addLegacyFields(input) {
  const r = JSON.parse(JSON.stringify(input));
  for (const k of Object.keys(r)) {
    if (k === 'meta' || k === '$schema' || k.startsWith('x-')) delete r[k];
  }
  r.basics = r.basics || {};
  const b = r.basics;
  alias(b, 'website', 'url');
  alias(b, 'picture', 'image');
  b.profiles = Array.isArray(b.profiles) ? b.profiles : [];
  b.location = b.location || {};

  for (const s of ARRAY_SECTIONS) {
    if (r[s] !== undefined && !Array.isArray(r[s])) delete r[s];
  }
  for (const w of r.work || []) {
    alias(w, 'company', 'name');
    alias(w, 'website', 'url');
    w.highlights = w.highlights || [];
  }
  for (const v of r.volunteer || []) {
    alias(v, 'organization', 'name');
    alias(v, 'name', 'organization');
    alias(v, 'website', 'url');
    v.highlights = v.highlights || [];
  }
  for (const e of r.education || []) {
    alias(e, 'gpa', 'score');
    alias(e, 'website', 'url');
    e.courses = e.courses || [];
  }
  for (const p of r.publications || []) alias(p, 'website', 'url');
  for (const p of r.projects || []) {
    alias(p, 'website', 'url');
    p.highlights = p.highlights || [];
  }
  for (const l of r.languages || []) {
    alias(l, 'name', 'language');
    alias(l, 'level', 'fluency');
  }
  for (const s of r.skills || []) s.keywords = s.keywords || [];
  for (const i of r.interests || []) i.keywords = i.keywords || [];
  return r;
}

module.exports = { addLegacyFields };
