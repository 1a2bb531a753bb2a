// Both message catalogues have exactly the same keys, no empty text, the same placeholders, and
// every key the source names literally (t('...')) exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import en from '../src/messages/en.js';
import nl from '../src/messages/nl.js';

const src = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src');

async function sources(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await sources(full));
    else if (entry.name.endsWith('.js') && !full.includes('messages')) out.push(full);
  }
  return out;
}

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('en and nl have the same keys and placeholders', () => {
  assert.deepEqual(Object.keys(nl).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    assert.ok(en[key] && nl[key], `empty text for ${key}`);
    assert.deepEqual(placeholders(nl[key]), placeholders(en[key]), key);
  }
});

test('every literal key in the source exists', async () => {
  const missing = [];
  for (const file of await sources(src)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/\bt\('([a-z0-9_.]+)'[,)]/g)) {
      if (!(match[1] in en)) missing.push(`${path.basename(file)}: ${match[1]}`);
    }
    for (const match of text.matchAll(/title: '([a-z0-9_.]+)'/g)) {
      if (!(match[1] in en)) missing.push(`${path.basename(file)}: ${match[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});
