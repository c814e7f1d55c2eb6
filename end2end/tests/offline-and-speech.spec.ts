import { expect, Page, test } from '@playwright/test';
import { answerFireQuestions, expectNoAxeViolations, waitForHydration } from './helpers';

// Issue 11, items 3, 4 and 14: a release never mixes files on a phone, the portal opens with no
// signal after one visit, and "读给我听" reads questions aloud. Pixel 7.

/** Opens the check and waits until the service worker controls the page (after one visit). */
async function visitOnce(page: Page) {
  await page.goto('/');
  await waitForHydration(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // A worker controls the pages opened after it is active (it claims them as it starts).
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('the check\'s files have content-hashed names, are kept for a year, and the page is asked again (item 3)', async ({ page, request }) => {
  const files: string[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/pkg/')) files.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await waitForHydration(page);
  expect(files).toHaveLength(3);
  const css = files.find((f) => /^\/pkg\/portal\.[0-9a-f]{16}\.css$/.test(f));
  const js = files.find((f) => /^\/pkg\/portal\.[0-9a-f]{16}\.js$/.test(f));
  const wasm = files.find((f) => /^\/pkg\/portal\.[0-9a-f]{16}_bg\.wasm$/.test(f));
  expect([css, js, wasm]).not.toContain(undefined);
  // The JS and its WASM carry one hash: they can only ever be fetched as a pair.
  expect(wasm!.replace('_bg.wasm', '')).toBe(js!.replace('.js', ''));
  for (const path of files) {
    const response = await request.get(path, { headers: { 'accept-encoding': 'br' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers()['content-encoding']).toBe('br');
  }
  const html = await request.get('/');
  expect(html.headers()['cache-control']).toBe('no-cache');
  // The name of a past release is not found (and not kept), never another file.
  const old = await request.get('/pkg/portal_bg.wasm');
  expect(old.status()).toBe(404);
  expect(old.headers()['cache-control']).toBe('no-store');
});

test('with no signal after one visit, the check still works, tracking opens, other pages say so (item 4)', async ({ page, context }) => {
  await visitOnce(page);
  await page.goto('/track');
  await context.setOffline(true);

  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');

  await page.goto('/track');
  await expect(page.locator('#reference')).toBeVisible();

  await page.goto('/publicity');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('现在没有网络');
  await expect(page.getByRole('link', { name: /看看能不能申请/ })).toBeVisible();
  await expect(page.locator('form[data-resend]')).toBeHidden();
  await expectNoAxeViolations(page);
  await context.setOffline(false);
});

test('"开始申请" with no signal keeps the answers and carries on once connected (item 4)', async ({ page, context }) => {
  await visitOnce(page);
  await context.setOffline(true);
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  await page.locator('#apply-from-check').click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('现在没有网络');
  await expect(page.getByText('你在“看看能不能申请”里填写的回答都保存好了')).toBeVisible();
  const resend = page.locator('form[data-resend]');
  await expect(resend.locator('input[type=hidden][name="town"]')).toHaveValue('几江街道');
  await expect(resend.locator('input[type=hidden][name="annual_income"]')).toHaveValue('30000');
  await expectNoAxeViolations(page);

  await context.setOffline(false);
  await page.getByRole('button', { name: '继续申请' }).click();
  await expect(page.getByText('第 1 步，共 5 步')).toBeVisible();
  // The check's town came along: it is not asked again.
  await expect(page.locator('#town')).toHaveValue('几江街道');
});

test('the portal can be added to the home screen: a manifest with icons (item 4)', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain(icon.type);
  }
});

test.describe('读给我听 (issue 11, item 14; issue 24, item 7)', () => {
  test.beforeEach(async ({ page }) => {
    // Headless Chromium has no voices: what would be spoken is recorded instead.
    await page.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => {
        spoken.push({ text: u.text, lang: u.lang });
      };
    });
  });

  const spoken = (page: Page) =>
    page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken.map((s) => s.text));

  test('each press reads the page once: its title, then the check\'s result; nothing is loaded before, nothing read on the next page', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto('/');
    await waitForHydration(page);
    const button = page.getByRole('button', { name: '读给我听' });
    await expect(button).toBeVisible();
    // A button, not a switch (issue 24, item 7).
    await expect(button).not.toHaveAttribute('aria-pressed');
    expect(scripts.filter((s) => s.includes('speak'))).toEqual([]);

    await button.click();
    await expect.poll(async () => (await spoken(page)).join('|')).toContain('看看能不能申请临时救助');
    expect((await page.evaluate(() => (window as unknown as { spoken: { lang: string }[] }).spoken[0].lang))).toBe('zh-CN');

    // Answered, a second press reads the result as well.
    await answerFireQuestions(page);
    await expect(page.locator('[data-result-bar]')).toBeVisible();
    const bar = (await page.locator('[data-result-bar] strong').first().textContent())!.trim();
    await button.click();
    await expect.poll(async () => (await spoken(page)).at(-1) ?? '').toContain(bar);
    expect(await spoken(page)).toHaveLength(2);

    // The next page reads nothing until the button is pressed there.
    await page.goto('/track');
    await page.locator('#reference').focus();
    await page.waitForLoadState('load');
    expect(await spoken(page)).toEqual([]);
  });

  test('the confirmation\'s reference is read one character at a time; an error summary is read', async ({ page }) => {
    await page.goto('/apply?type=emergency');
    await page.getByRole('button', { name: '开始申请' }).click();
    await page.getByRole('button', { name: '继续', exact: true }).click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await page.getByRole('button', { name: '读给我听' }).click();
    await expect.poll(async () => (await spoken(page)).at(-1) ?? '').toContain('请修改以下内容');

    const response = await page.request.post('/apply/step/1', {
      form: {
        on_behalf: 'false', aid_type: 'emergency', applicant_name: '王秀英', applicant_id_number: '11010519491231002X',
        applicant_phone: '13800002477', town: '几江街道', address: '几江街道某路 1 号',
      },
    });
    expect(response.ok()).toBeTruthy();
    for (const [path, form] of [
      ['/apply/step/2', { member_count: '0' }],
      ['/apply/step/3', { status: 'none', annual_income: '9600', financial_assets: '3000', extra_homes: '0', vehicles: '0' }],
      ['/apply/step/4', { emergency_event: 'fire', emergency_event_date: new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10), emergency_description: '房子失火烧毁。', emergency_serious_difficulty: 'on' }],
      ['/apply/step/6', { bank_name: '重庆农村商业银行', bank_card: '4111111111111111', account_holder: '王秀英' }],
      ['/apply/step/7', { declaration_name: '王秀英', consent: 'on', action: 'submit' }],
    ] as [string, Record<string, string>][]) {
      expect((await page.request.post(path, { form })).ok(), path).toBeTruthy();
    }
    await page.goto('/apply/confirmation');
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    await page.getByRole('button', { name: '读给我听' }).click();
    const spelled = Array.from(reference).map((c) => (c === '-' ? '杠' : c)).join('，');
    await expect.poll(async () => (await spoken(page)).at(-1) ?? '').toContain(spelled);

    // Tracking: the status, where the application is now.
    await page.goto(`/track?reference=${reference}`);
    await page.fill('#last4', '2477');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect(page.locator('[data-status]')).toBeVisible();
    await page.getByRole('button', { name: '读给我听' }).click();
    await expect.poll(async () => (await spoken(page)).at(-1) ?? '').toContain('已提交');
    expect((await spoken(page)).at(-1)).toContain('现在由谁办理：几江街道');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('读给我听 is not offered where it cannot work', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('button', { name: '读给我听' })).toBeHidden();
  });
});

test('nothing personal is kept for offline use: after tracking, the kept /track is the empty form (item 4)', async ({ page, context, request }) => {
  const response = await request.post('/api/v1/applications', {
    headers: { 'idempotency-key': `offline-private-${Date.now()}` },
    data: {
      aid_type: 'emergency', applicant_name: '隐私测试', applicant_id_number: '11010519491231002X',
      applicant_phone: '13900007788', address: '油溪镇正街 9 号', town: '油溪镇', status: 'none',
      annual_income: 15000, financial_assets: 1000, emergency_event: 'fire',
      emergency_event_date: new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10),
      emergency_description: '房屋失火。', emergency_serious_difficulty: true, bank_name: '重庆农商行',
      bank_card: '4111111111111111', account_holder: '隐私测试', declaration_name: '隐私测试', consent: true,
    },
  });
  expect(response.status()).toBe(201);
  const { reference } = await response.json();

  await visitOnce(page);
  // Tracked as a resident does: the reference in the address, then the form sent.
  await page.goto(`/track?reference=${reference}`);
  await page.fill('#last4', '7788');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('[data-status]')).toBeVisible();

  const kept = await page.evaluate(async () => {
    const texts: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        texts.push(`${new URL(request.url).pathname} ${(await response!.text()).slice(0, 200_000)}`);
      }
    }
    return texts;
  });
  expect(kept.length).toBeGreaterThan(0);
  for (const text of kept) {
    expect(text).not.toContain(reference);
    expect(text).not.toContain('隐私测试');
  }

  await context.setOffline(true);
  await page.goto('/track');
  await expect(page.locator('#reference')).toHaveValue('');
  await expect(page.getByText('隐私测试')).toHaveCount(0);
  await context.setOffline(false);
});
