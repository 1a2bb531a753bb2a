// A manager breaks a workflow and sees the server's error at its field and line, fixes it,
// simulates the draft over real invoices, activates it, and finds it in the version history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDulyd, launchBrowser, newPage, signIn, screenshot } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startDulyd();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('break, fix, simulate and activate a workflow', async () => {
  const workflows = (await server.api('GET', '/v1/workflows')).items;
  const workflow = workflows.find((w) => w.document.steps.some((s) => s.action.type === 'message'));
  assert.ok(workflow, 'the demo data has a workflow with a message step');
  const brokenIndex = workflow.document.steps.findIndex((s) => s.action.type === 'message');
  const brokenStep = workflow.document.steps[brokenIndex];

  const page = await newPage(browser);
  await signIn(page, server);
  await page.getByRole('navigation').getByRole('link', { name: 'Workflows' }).click();
  await page.getByRole('link', { name: workflow.document.name }).click();
  const editor = page.getByRole('textbox', { name: 'Workflow document (JSON)' });
  await editor.waitFor();
  await page.locator('#verdict.valid').waitFor();
  await page.locator('figure.timeline svg g.step').first().waitFor();
  assert.equal(await page.locator('figure.timeline svg g.step').count(),
      workflow.document.steps.length);
  await screenshot(page, '10-workflow-editor');

  // Break it: a template that does not exist.
  const original = await editor.inputValue();
  const templateLine = `"template": "${brokenStep.action.template}"`;
  assert.ok(original.includes(templateLine));
  const broken = original.replace(templateLine, '"template": "no-such-template"');
  await editor.fill(broken);
  const pointer = `/steps/${brokenIndex}/action/template`;
  const problem = page.locator(`.problem[data-field="${pointer}"]`);
  await problem.waitFor();
  assert.match(await problem.innerText(), /no-such-template|template/);
  const line = broken.split('\n').findIndex((l) => l.includes('no-such-template')) + 1;
  assert.match(await problem.innerText(), new RegExp(`Line ${line}\\b`));
  assert.equal(await page.locator(`.gutter .line.bad[data-line="${line}"]`).count(), 1);
  assert.equal(await page.locator(`.backdrop .mark[data-error-line="${line}"]`).count(), 1);
  assert.equal(await editor.getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('#activate').isDisabled());
  await page.locator(`figure.timeline g.step.invalid[data-step="${brokenStep.id}"]`).waitFor();
  // The problem's button puts the caret on that line.
  await problem.getByRole('button').click();
  const selected = await editor.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.match(selected, /no-such-template/);
  await screenshot(page, '11-workflow-error-at-field');

  // A syntax error is located too, without asking the server.
  await editor.fill(broken.replace('"name":', '"name"'));
  await page.locator('.problem', { hasText: 'Not valid JSON' }).waitFor();

  // Fix it, with a visible change, and it is valid again.
  const fixed = original.replace(`"name": "${workflow.document.name}"`,
      `"name": "${workflow.document.name} (web)"`);
  await editor.fill(fixed);
  await page.locator('#verdict.valid').waitFor();
  assert.equal(await page.locator('.problem').count(), 0);

  // Simulate the draft over two real open invoices.
  const boxes = page.locator('.invoice-picker input[type=checkbox]');
  await boxes.first().waitFor();
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: 'Simulate' }).click();
  await page.locator('.simulation-result').waitFor({ timeout: 60000 });
  assert.match(await page.locator('.simulation-result').innerText(), /The simulation gave \d+ events/);
  await screenshot(page, '12-workflow-simulated');

  // Activate: version n+1 is in force on the server.
  await page.getByRole('button', { name: 'Activate as new version' }).click();
  await page.getByText(`Version ${workflow.version + 1} is now active.`).waitFor();
  const saved = await server.api('GET', '/v1/workflows/' + encodeURIComponent(workflow.id));
  assert.equal(saved.version, workflow.version + 1);
  assert.equal(saved.document.name, `${workflow.document.name} (web)`);

  // The history lists both versions; the diff between them shows the changed name.
  await page.locator('.versions tbody tr').nth(1).waitFor();
  assert.equal(await page.locator('.versions tbody tr').count(), workflow.version + 1);
  await page.getByLabel('Compare').selectOption(String(workflow.version));
  await page.getByLabel('with').selectOption(String(workflow.version + 1));
  const diff = page.locator('pre.diff');
  await diff.waitFor();
  assert.ok((await diff.locator('.diff-removed').innerText()).includes(workflow.document.name));
  assert.match(await diff.locator('.diff-added').innerText(), /\(web\)/);
  await screenshot(page, '13-workflow-versions');
  assert.deepEqual(page.errors, []);
});
