import { Browser, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { deflateSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';

/** A date `days` before today in Chongqing (UTC+8), as the server counts days. */
export function daysAgoInChongqing(days: number): string {
  const now = new Date(Date.now() + 8 * 3600 * 1000 - days * 86400 * 1000);
  return now.toISOString().slice(0, 10);
}

/** Waits until the check form's island has woken (it marks the body). */
export async function waitForHydration(page: Page, timeout?: number) {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout });
}

/**
 * The slow mobile connection of issue 11: 400 kbit/s each way and a 400 ms round trip, by
 * Chromium's own network emulation (CDP), for the page's whole life.
 */
export async function slowMobileNetwork(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 400_000 / 8,
    uploadThroughput: 400_000 / 8,
  });
}

/** A one-person household, with a fire five days ago. */
export async function answerFireQuestions(page: Page) {
  await page.selectOption('#town', '几江街道');
  await page.check('#status-0');
  await page.fill('#m0_age', '44');
  await page.check('#m0_employed');
  await page.fill('#annual_income', '30000');
  await page.fill('#financial_assets', '5000');
  await page.check('#has_emergency-0');
  await page.selectOption('#emergency_event', 'fire');
  await page.fill('#emergency_event_date', daysAgoInChongqing(5));
  await page.check('#emergency_serious_difficulty');
  await page.check('#has_expense-1');
}

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/**
 * axe runs as a script in the page, so a page opened with JavaScript off is checked as a copy:
 * its server-rendered HTML, scripts removed, in a page where scripts may run.
 */
export async function expectNoAxeViolationsWithoutJs(page: Page, browser: Browser, baseURL: string) {
  const html = (await page.content())
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace('<head>', `<head><base href="${baseURL}/">`);
  const context = await browser.newContext({ javaScriptEnabled: true });
  const copy = await context.newPage();
  await copy.setContent(html, { waitUntil: 'load' });
  await expectNoAxeViolations(copy);
  await context.close();
}

/** A real PNG of random pixels: large, as a phone photo is, and decodable by the browser. */
export function noisyPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
