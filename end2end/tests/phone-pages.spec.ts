import { APIRequestContext, expect, Locator, Page, test } from '@playwright/test';
import { answerFireQuestions, daysAgoInChongqing, expectNoAxeViolations, waitForHydration } from './helpers';

// Issue 11: what a resident's phone shows, item by item. Pixel 7 (the project's default).

async function applyThroughApi(request: APIRequestContext, key: string, phone: string, town = '油溪镇'): Promise<string> {
  const response = await request.post('/api/v1/applications', {
    headers: { 'idempotency-key': key },
    data: {
      aid_type: 'emergency', applicant_name: '刘芳', applicant_id_number: '11010519491231002X',
      applicant_phone: phone, address: `${town}正街 8 号`, town, status: 'none',
      annual_income: 15000, financial_assets: 1000, emergency_event: 'fire',
      emergency_event_date: daysAgoInChongqing(2), emergency_description: '房屋失火。',
      emergency_serious_difficulty: true, bank_name: '重庆农商行', bank_card: '4111111111111111',
      account_holder: '刘芳', declaration_name: '刘芳', consent: true,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).reference;
}

async function openTimeline(page: Page, reference: string, last4: string) {
  await page.goto('/track');
  await page.fill('#reference', reference);
  await page.fill('#last4', last4);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('[data-status]')).toBeVisible();
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('withdrawing asks first on a page of its own, and "no" keeps the application (item 5)', async ({ page, request }) => {
    const reference = await applyThroughApi(request, `phone-withdraw-${Date.now()}`, '13900003333');
    await openTimeline(page, reference, '3333');

    // The button sits after the upload form, not right above it.
    const upload = await box(page.getByRole('button', { name: '上传' }));
    const withdraw = page.getByRole('button', { name: '撤回申请' });
    expect((await box(withdraw)).y).toBeGreaterThan(upload.y);

    await withdraw.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('确定要撤回这个申请吗？');
    await expect(page.locator('main')).toContainText('不能恢复');
    await expect(page.locator('[data-status]')).toHaveCount(0);
    await page.getByRole('button', { name: '不撤回，返回查看进度' }).click();
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'submitted');
    await expect(page.locator('[data-event="withdrawn"]')).toHaveCount(0);

    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByRole('button', { name: '确定撤回' }).click();
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'withdrawn');
    await expect(page.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
  });

  test('the helper questions show only when applying for someone else, without a script (item 10)', async ({ page }) => {
    await page.goto('/apply');
    await page.getByRole('button', { name: '开始申请' }).click();
    await expect(page.locator('#applicant_name')).toBeVisible();
    await expect(page.locator('#helper_name')).toBeHidden();
    await expect(page.locator('#helper_phone')).toBeHidden();
    await page.check('#on_behalf');
    await expect(page.locator('#helper_name')).toBeVisible();
    await expect(page.locator('#helper_relationship')).toBeVisible();
    await expect(page.locator('#helper_phone')).toBeVisible();
    await page.uncheck('#on_behalf');
    await expect(page.locator('#helper_name')).toBeHidden();
  });
});

test('every box a resident types into is as large as the name box (item 8)', async ({ page }) => {
  await page.goto('/apply');
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.check('#on_behalf');
  const name = await box(page.locator('#applicant_name'));
  expect(name.height).toBeGreaterThanOrEqual(44);
  // Each against the name box of its own group (the helper's questions are indented).
  for (const [id, beside] of [['#applicant_phone', name], ['#helper_phone', await box(page.locator('#helper_name'))]] as const) {
    const b = await box(page.locator(id));
    expect(b.height, id).toBeGreaterThanOrEqual(beside.height - 1);
    expect(b.width, id).toBeGreaterThanOrEqual(beside.width - 1);
  }
  const size = await page.locator('#applicant_phone').evaluate((e) => getComputedStyle(e).fontSize);
  expect(parseFloat(size)).toBeGreaterThanOrEqual(18);
});

test('the staff password and search boxes are full-size too (item 8)', async ({ page }) => {
  await page.goto('/staff/login');
  const username = await box(page.locator('#username'));
  const password = await box(page.locator('#password'));
  expect(password.height).toBeGreaterThanOrEqual(44);
  expect(password.width).toBeGreaterThanOrEqual(username.width - 1);
  await page.fill('#username', 'baisha-caseworker');
  await page.fill('#password', 'demo-caseworker-2026');
  await page.getByRole('button', { name: '登录' }).click();
  const search = await box(page.locator('#q'));
  expect(search.height).toBeGreaterThanOrEqual(44);
  expect(search.width).toBeGreaterThan(200);
});

test('a Chinese result names its parameter set in Chinese only (item 7)', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  const note = page.locator('.parameters');
  await expect(note).toContainText('江津区临时救助参数');
  await expect(note).not.toContainText('Jiangjin');
  await expect(note).not.toContainText(' / ');
});
