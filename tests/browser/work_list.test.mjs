// A collector claims a call task from the work list, sees the customer's open invoices and
// history, is told at the field what a promise lacks, and records a promise to pay.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDulyd, launchBrowser, newPage, signIn, screenshot, callTaskDue } from './harness.mjs';

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

test('claim a call task and complete it with a promise', async () => {
  const task = await callTaskDue(server);
  const colleague = (await server.api('GET', '/v1/colleagues?limit=1')).items[0];
  const page = await newPage(browser);
  await signIn(page, server);
  await page.getByRole('navigation').getByRole('link', { name: 'Work list' }).click();
  await page.getByLabel('Working as').selectOption(colleague.id);
  const row = page.locator(`tr[data-task="${task.id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute('data-kind'), 'call');
  await screenshot(page, '20-work-list');
  await row.getByRole('link').click();

  await page.getByRole('button', { name: 'Claim this task' }).click();
  await page.locator('article.task[data-state="claimed"]').waitFor();
  assert.match(await page.locator('#task-state').innerText(), new RegExp(colleague.id));
  // The customer's open invoices and history are beside the task.
  await page.locator('table.invoices tbody tr').first().waitFor();
  await page.locator('ol.history li[data-type="call_task.created"]').first().waitFor();
  await screenshot(page, '21-task-claimed');

  // A promise without an amount: the server's error is shown at the amount field.
  await page.getByLabel('Promise to pay').check();
  await page.getByLabel('Promised date').fill('2030-01-15');
  await page.getByRole('button', { name: 'Record outcome' }).click();
  await page.locator('#outcome-promised_amount-error').waitFor();
  assert.equal(await page.getByLabel('Promised amount').getAttribute('aria-invalid'), 'true');
  await screenshot(page, '22-task-promise-error');

  await page.getByLabel('Promised amount').fill('250.00');
  await page.getByLabel('Note for the history').fill('Pays after the next delivery.');
  await page.getByRole('button', { name: 'Record outcome' }).click();
  await page.locator('#task-done').waitFor();
  await screenshot(page, '23-task-done');

  const done = await server.api('GET', `/v1/tasks/${task.id}`);
  assert.equal(done.state, 'done');
  const history = await server.api('GET',
      `/v1/customers/${encodeURIComponent(task.customer)}/history?limit=1000`);
  const completed = history.items.filter((e) => e.type === 'task.completed').pop();
  assert.ok(completed, 'task.completed is on the customer history');
  assert.equal(completed.payload.outcome, 'promise');
  assert.deepEqual(page.errors, []);
});
