// The language switch (nl, en) and the accessibility basics: a skip link, a visible focus ring,
// a label for every form control, keyboard-only sign-in.
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

// Form controls without an accessible label (label element, aria-label or aria-labelledby).
function unlabelled(page) {
  return page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden' && el.labels.length === 0 &&
          !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 80)));
}

test('switching to Dutch translates the UI and is remembered', async () => {
  const page = await newPage(browser);
  await signIn(page, server);
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Werklijst' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByText('Openstaande vorderingen').waitFor();
  await settled(page);
  assert.equal(await page.getByRole('button', { name: 'Nederlands' }).getAttribute('aria-pressed'),
      'true');
  await screenshot(page, '30-dashboard-nl');
  await page.getByRole('navigation').getByRole('link', { name: 'Klanten' }).click();
  await page.getByRole('heading', { name: 'Klanten', level: 1 }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Klanten', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Afmelden' }).waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(page.errors, []);
});

test('sign in with the keyboard alone; focus is visible; every control has a label', async () => {
  const page = await newPage(browser);
  await page.goto(server.baseUrl + '/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');
  assert.deepEqual(await unlabelled(page), []);
  await page.getByLabel('API token').focus();
  await page.keyboard.type(server.token);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation').waitFor();
  for (const path of ['/', '/workflows', '/work', '/customers', '/payments', '/templates']) {
    await page.goto(server.baseUrl + path);
    await page.locator('h1').waitFor();
    await settled(page);
    assert.deepEqual(await unlabelled(page), [], path);
  }
  const workflow = (await server.api('GET', '/v1/workflows')).items[0];
  await page.goto(server.baseUrl + '/workflows/' + encodeURIComponent(workflow.id));
  await page.locator('#verdict.valid').waitFor();
  await settled(page);
  assert.deepEqual(await unlabelled(page), [], 'workflow editor');
  assert.deepEqual(page.errors, []);
});
