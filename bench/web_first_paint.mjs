// bench/web_first_paint.mjs: first paint and first contentful paint of the dashboard, loaded in
// Debian's chromium over loopback from dulyd (demo data, signed in with an admin token), cold
// (empty cache) and warm (revalidated with ETags). Prints one line per run and the medians.
// Aim (issue 7): first paint under 1 s.
//   node bench/web_first_paint.mjs [runs]     (default 5; dulyd from $DULY_BUILD_DIR, web/dist)
import { startDulyd, launchBrowser } from '../tests/browser/harness.mjs';

const runs = Number(process.argv[2] || 5);
const server = await startDulyd();
const browser = await launchBrowser();

async function measure(context) {
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(server.baseUrl + '/', { waitUntil: 'load' });
  await page.getByText('Open receivables').waitFor();
  await page.locator('figure.chart svg rect').first().waitFor();
  const ready = Date.now() - started;
  const paints = await page.evaluate(() => Object.fromEntries(
      performance.getEntriesByType('paint').map((p) => [p.name, p.startTime])));
  await page.close();
  return { fp: paints['first-paint'], fcp: paints['first-contentful-paint'], ready };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

try {
  const results = { cold: [], warm: [] };
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await context.addInitScript((token) => sessionStorage.setItem('duly.token', token),
        server.token);
    const cold = await measure(context);
    const warm = await measure(context);
    await context.close();
    results.cold.push(cold);
    results.warm.push(warm);
    console.log(`run ${i + 1}: cold fp ${cold.fp.toFixed(1)} ms, fcp ${cold.fcp.toFixed(1)} ms, ` +
        `figures ${cold.ready} ms; warm fp ${warm.fp.toFixed(1)} ms, fcp ${warm.fcp.toFixed(1)} ms, ` +
        `figures ${warm.ready} ms`);
  }
  for (const kind of ['cold', 'warm']) {
    const r = results[kind];
    console.log(`${kind}: median first paint ${median(r.map((x) => x.fp)).toFixed(1)} ms, ` +
        `first contentful paint ${median(r.map((x) => x.fcp)).toFixed(1)} ms, dashboard figures ` +
        `shown ${median(r.map((x) => x.ready))} ms (aim: first paint < 1000 ms)`);
  }
} finally {
  await browser.close();
  await server.stop();
}
