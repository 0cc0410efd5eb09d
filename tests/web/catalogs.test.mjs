// The message catalogs of the pages: French and English hold the same keys (plural forms aside),
// each string names the same placeholders in both, every error code the server can send has words,
// and every key the pages ask for exists. No browser: the files are read as they are served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// A language's catalog is the union of its files; no two files may hold the same top-level group,
// since a page merges the files it loads.
function load(lang) {
  const dir = join(root, 'web/locales', lang);
  const merged = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const part = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const [group, value] of Object.entries(part)) {
      if (group in merged) throw new Error(`${lang}/${file}: the group "${group}" is also in another file`);
      merged[group] = value;
    }
  }
  return merged;
}
const plural = /_(zero|one|two|few|many|other)$/;

// "a.b.c" -> string, for every leaf.
function flatten(tree, prefix = '', out = new Map()) {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object') flatten(value, path, out);
    else throw new Error(`${path}: neither a string nor a group`);
  }
  return out;
}

const placeholders = (text) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();
const base = (key) => key.replace(plural, '');
const catalogs = { fr: flatten(load('fr')), en: flatten(load('en')) };

test('French and English have the same catalog files', () => {
  const files = (lang) => readdirSync(join(root, 'web/locales', lang)).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files('en').includes('common.json'));
  assert.deepEqual(files('fr'), files('en'));
});

test('French and English name the same messages', () => {
  const fr = new Set([...catalogs.fr.keys()].map(base));
  const en = new Set([...catalogs.en.keys()].map(base));
  assert.deepEqual([...fr].filter((k) => !en.has(k)), [], 'in French only');
  assert.deepEqual([...en].filter((k) => !fr.has(k)), [], 'in English only');
});

test('each plural has the "other" form its language needs, and the forms Intl asks for', () => {
  for (const [lang, entries] of Object.entries(catalogs)) {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const plurals = new Set([...entries.keys()].filter((k) => plural.test(k)).map(base));
    for (const key of plurals) {
      for (const category of categories) {
        assert.ok(entries.has(`${key}_${category}`), `${lang}: ${key}_${category} is missing`);
      }
    }
  }
});

test('a message names the same placeholders in both languages', () => {
  const byBase = (entries) => {
    const map = new Map();
    for (const [key, text] of entries) {
      const k = base(key);
      const names = new Set([...(map.get(k) || []), ...placeholders(text)]);
      map.set(k, names);
    }
    return map;
  };
  const fr = byBase(catalogs.fr);
  const en = byBase(catalogs.en);
  for (const [key, names] of en) {
    assert.deepEqual([...(fr.get(key) || [])].sort(), [...names].sort(), `placeholders of ${key}`);
  }
});

test('no message is empty where its English is not', () => {
  for (const [key, text] of catalogs.en) {
    if (text === '') continue;
    const french = catalogs.fr.get(key) ?? catalogs.fr.get(`${base(key)}_other`);
    assert.ok(french && french.trim().length > 0, `fr: ${key} is empty`);
  }
});

test('every error code of the protocol has words in both languages', () => {
  const schema = JSON.parse(readFileSync(join(root, 'protocol/schema/tribune.schema.json'), 'utf8'));
  const codes = schema.definitions.error_code.enum;
  assert.ok(codes.length > 30, 'the schema lists the error codes');
  for (const lang of ['fr', 'en']) {
    for (const code of codes) assert.ok(catalogs[lang].has(`errors.${code}`), `${lang}: errors.${code}`);
  }
});

test('every key the pages ask for exists', () => {
  const dir = join(root, 'web/js');
  const used = new Set();
  for (const file of readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 20, `the pages use the catalogs (${used.size} keys found)`);
  const known = new Set([...catalogs.en.keys()].map(base));
  assert.deepEqual([...used].filter((k) => !known.has(k)), [], 'keys the catalogs lack');
});

test('the library addresses in web/js/lib.js are the versions package-lock.json pins', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const source = readFileSync(join(root, 'web/js/lib.js'), 'utf8');
  const addresses = [...source.matchAll(/'\/vendor\/((?:@[\w.-]+\/)?[\w.-]+)@([\w.-]+)\//g)];
  assert.ok(addresses.length > 0);
  for (const [, name, version] of addresses) {
    const entry = lock.packages[`node_modules/${name}`];
    assert.ok(entry && !entry.dev, `${name} is a runtime dependency in the lock`);
    assert.equal(version, entry.version, `${name}'s version`);
  }
});
