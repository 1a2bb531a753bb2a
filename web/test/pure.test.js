// Unit tests of the UI's pure modules (node --test): pointer -> line mapping, line diff, aging
// buckets, step offsets, money parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pointerLines, lineOf, syntaxError } from '../src/json_lines.js';
import { lineDiff } from '../src/line_diff.js';
import { aging, bucketOf, daysBetween, stepOffsetDays } from '../src/collection_math.js';
import { toCents } from '../src/money.js';

const doc = JSON.stringify({
  id: 'standard',
  name: 'Standard',
  steps: [
    { id: 'a', at: 'due-5d', action: { type: 'call_task' } },
    { id: 'b/c', at: 'due+3d', action: { type: 'message', template: 'x' } },
  ],
}, null, 2);

test('pointerLines maps every member and element to its line', () => {
  const lines = pointerLines(doc);
  const text = doc.split('\n');
  assert.equal(lines.get(''), 1);
  assert.equal(text[lines.get('/name') - 1].trim(), '"name": "Standard",');
  assert.equal(text[lines.get('/steps/1/at') - 1].trim(), '"at": "due+3d",');
  assert.equal(text[lines.get('/steps/1/action/template') - 1].trim(), '"template": "x"');
  assert.equal(text[lines.get('/steps/1/id') - 1].trim(), '"id": "b/c",');
  assert.equal(text[lines.get('/steps/0') - 1].trim(), '{');
  assert.equal(lines.get('/steps/0'), lines.get('/steps/0/id') - 1);
});

test('lineOf falls back to the nearest ancestor', () => {
  const lines = pointerLines(doc);
  assert.equal(lineOf(lines, '/steps/1/action/channel'), lines.get('/steps/1/action'));
  assert.equal(lineOf(lines, '/steps/7'), lines.get('/steps'));
  assert.equal(lineOf(new Map(), '/x'), 1);
});

test('escaped keys and strings with braces do not confuse the scanner', () => {
  const text = '{\n  "a~b": "}",\n  "c/d": [\n    "]",\n    {"e": "\\"{"}\n  ]\n}';
  const lines = pointerLines(text);
  assert.equal(lines.get('/a~0b'), 2);
  assert.equal(lines.get('/c~1d'), 3);
  assert.equal(lines.get('/c~1d/1/e'), 5);
});

test('syntaxError names a line; valid text has none', () => {
  assert.equal(syntaxError(doc), null);
  const broken = doc.replace('"name": "Standard",', '"name": "Standard"');
  const error = syntaxError(broken);
  assert.ok(error);
  assert.ok(error.line >= 3 && error.line <= 4, `line ${error.line}`);
  assert.deepEqual(pointerLines(broken), new Map());
});

test('lineDiff finds added and removed lines', () => {
  const diff = lineDiff('a\nb\nc', 'a\nx\nc\nd');
  assert.deepEqual(diff.map((l) => l.kind + ':' + l.text),
      ['same:a', 'removed:b', 'added:x', 'same:c', 'added:d']);
  assert.ok(lineDiff('same', 'same').every((l) => l.kind === 'same'));
});

test('aging buckets by days past due, in cents', () => {
  assert.equal(daysBetween('2026-01-31', '2026-03-01'), 29);
  assert.deepEqual([0, 1, 30, 31, 60, 61, 90, 91].map(bucketOf),
      ['not_due', 'd1_30', 'd1_30', 'd31_60', 'd31_60', 'd61_90', 'd61_90', 'd90_plus']);
  const summary = aging([
    { id: '1', customer: 'A', status: 'open', due: '2026-03-10', open_amount: '100.10' },
    { id: '2', customer: 'A', status: 'open', due: '2026-02-01', open_amount: '0.20' },
    { id: '3', customer: 'B', status: 'open', due: '2025-11-01', open_amount: '50' },
    { id: '4', customer: 'C', status: 'paid', due: '2025-11-01', open_amount: '0.00' },
  ], '2026-03-10');
  assert.equal(summary.open, 15030);
  assert.equal(summary.overdue, 5020);
  assert.equal(summary.overdueCount, 2);
  assert.equal(summary.overdueCustomers, 2);
  assert.equal(summary.buckets.not_due.cents, 10010);
  assert.equal(summary.buckets.d31_60.cents, 20);
  assert.equal(summary.buckets.d90_plus.cents, 5000);
  assert.equal(summary.count, 3);
});

test('step offsets and money', () => {
  assert.equal(stepOffsetDays('due-5d'), -5);
  assert.equal(stepOffsetDays('due+12h'), 0.5);
  assert.equal(stepOffsetDays('due+3x'), null);
  assert.equal(toCents('1234.5'), 123450);
  assert.equal(toCents('-0.07'), -7);
  assert.equal(toCents('abc'), 0);
});
