// Signing in with a token, every page reached from the navigation (with a screenshot each), a
// deep link to a client route, and signing out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDulyd, launchBrowser, newPage, signIn, screenshot, settled } from './harness.mjs';

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

test('a wrong token is refused at the field; the right one opens the dashboard', async () => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/');
  await screenshot(page, '01-signin');
  await page.getByLabel('API token').fill('duly_not-a-real-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#token-error').waitFor();
  assert.match(await page.locator('#token-error').innerText(), /does not know this token/);
  assert.equal(await page.getByLabel('API token').getAttribute('aria-invalid'), 'true');

  await signIn(page, server);
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.getByText('Open receivables').waitFor();
  await page.locator('figure.chart svg rect').first().waitFor();
  assert.equal(await page.locator('figure.chart svg rect').count(), 5);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('duly.token')), server.token);
  // DSO and trends wait for the report API: shown as not available, never with made-up data.
  await page.locator('[data-unavailable], .report-json').first().waitFor();
  await settled(page);
  await screenshot(page, '02-dashboard');
  assert.deepEqual(page.errors, []);
});

test('every page of the navigation renders, and client routes load directly', async () => {
  const page = await newPage(browser);
  await signIn(page, server);
  const pages = [
    ['Workflows', '03-workflows', 'Workflows'],
    ['Work list', '04-work-list', 'Work list'],
    ['Customers', '05-customers', 'Customers'],
    ['Payments', '06-payments', 'Payments'],
    ['Templates', '07-templates', 'Message templates'],
  ];
  for (const [link, shot, heading] of pages) {
    await page.getByRole('navigation').getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await settled(page);
    await page.locator('table, .notice, p.muted[role=status]').first().waitFor();
    assert.equal(await page.getByRole('link', { name: link, exact: true })
        .getAttribute('aria-current'), 'page');
    await screenshot(page, shot);
  }
  // A customer's page, by a deep link the server answers with index.html.
  const customers = await server.api('GET', '/v1/customers?limit=1');
  const customer = customers.items[0];
  await page.goto(server.baseUrl + '/customers/' + encodeURIComponent(customer.id));
  await page.getByRole('heading', { name: customer.name, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Messages' }).waitFor();
  await page.locator('ol.history li').first().waitFor();
  await page.locator('#opt-outs').waitFor();
  await settled(page);
  await screenshot(page, '08-customer');
  assert.deepEqual(page.errors, []);
});

test('signing out forgets the token', async () => {
  const page = await newPage(browser);
  await signIn(page, server);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('duly.token')), null);
  await page.reload();
  await page.getByLabel('API token').waitFor();
});
