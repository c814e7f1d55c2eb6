// What a phone on a slow mobile network pays on its first visit to each page (issue 11, item
// 2): the bytes it downloads (compressed, as sent, with headers) and the time until the page
// is ready, on Chromium's emulated 400 kbit/s link with a 400 ms round trip, each page loaded
// 5 times in a fresh browser profile (empty cache, no service worker); the median is reported.
// "Ready", on the page's own clock from the start of the navigation: the check's island has
// woken (`data-hydrated`); a page without one, the end of its load event.
// Run by .ci/bench against a running portal:  node tools/first-load.mjs http://127.0.0.1:3939
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3939';
const RUNS = 5;
const PAGES = [
  { name: 'check /', path: '/', island: true },
  { name: 'tracking /track', path: '/track' },
  { name: 'apply /apply', path: '/apply?type=emergency' },
  { name: 'apply step 1', path: '/apply/step/1', draft: true },
  { name: 'publicity', path: '/publicity' },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

async function once(target) {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    deviceScaleFactor: 2.625,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
  });
  if (target.draft) {
    // A resident reaches a step after "开始申请": the draft's cookie, then a cold cache.
    await context.request.post(`${base}/apply/start`, { form: { aid_type: 'emergency' } });
  }
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 400_000 / 8,
    uploadThroughput: 400_000 / 8,
  });
  // The page's own clock, from the start of the navigation (the tap): the moment the island
  // marks itself awake, or the end of the load event. Timing from outside the page would add
  // the test driver's own round trips.
  await context.addInitScript(() => {
    new MutationObserver(() => {
      if (document.body?.dataset.hydrated && !window.__ready) window.__ready = performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  let bytes = 0;
  let counting = true;
  cdp.on('Network.loadingFinished', (e) => {
    if (counting) bytes += e.encodedDataLength;
  });
  await page.goto(base + target.path, { waitUntil: 'load', timeout: 60_000 });
  if (target.island) {
    await page.waitForSelector('body[data-hydrated="true"]', { timeout: 60_000 });
  }
  const ready = await page.evaluate((island) => {
    const [navigation] = performance.getEntriesByType('navigation');
    return island ? window.__ready : navigation.loadEventEnd;
  }, Boolean(target.island));
  counting = false;
  await context.close();
  return { bytes, ready };
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log('first load on 400 kbit/s, 400 ms round trip (median of 5): bytes as sent, time to ready');
for (const target of PAGES) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(target));
  const kb = median(runs.map((r) => r.bytes)) / 1024;
  const seconds = median(runs.map((r) => r.ready)) / 1000;
  console.log(`first load: ${target.name.padEnd(16)} ${kb.toFixed(1).padStart(6)} KB  ready ${seconds.toFixed(2)} s`);
}
await browser.close();
