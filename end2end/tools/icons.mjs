// Draws the home-screen icons (public/icon-192.png, icon-512.png) from public/favicon.svg in
// Chromium, so that they stay the same picture. Run once after changing the favicon:
//   cd end2end && node tools/icons.mjs
// Full-bleed squares ("maskable"): the phone cuts its own shape, so the picture keeps to the
// middle 80 %.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || undefined });
const page = await browser.newPage();
for (const size of [192, 512]) {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * 0.8);
  await page.setContent(
    `<body style="margin:0;background:#0b5cad;display:grid;place-items:center;width:${size}px;height:${size}px">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  );
  await page.screenshot({ path: new URL(`../../public/icon-${size}.png`, import.meta.url).pathname });
}
await browser.close();
