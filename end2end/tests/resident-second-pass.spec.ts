// Issue 24, the resident's second pass: each numbered item a defect a real resident met, each
// with the browser test that failed before it was fixed (Pixel 7, Chinese).
import { test, expect, devices, APIRequestContext, Browser, Page } from '@playwright/test';
import {
  answerFireQuestions,
  daysAgoInChongqing,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  waitForHydration,
} from './helpers';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** Steps 1–4 of an emergency application answered by posting their forms, as a browser would
 * (the draft's cookie is the page's), then the documents step opened. */
async function openDocumentsStep(page: Page) {
  const steps: [string, Record<string, string>][] = [
    ['/apply/start', { aid_type: 'emergency' }],
    ['/apply/step/1', {
      aid_type: 'emergency', applicant_name: '王秀英', applicant_id_number: '11010519491231002X',
      applicant_phone: '13812345678', town: '几江街道', address: '几江街道某路 1 号',
    }],
    ['/apply/step/2', { member_count: '0' }],
    ['/apply/step/3', { status: 'none', annual_income: '9600', financial_assets: '3000', extra_homes: '0', vehicles: '0' }],
    ['/apply/step/4', {
      emergency_event: 'fire', emergency_event_date: daysAgoInChongqing(3),
      emergency_description: '房子失火烧毁。', emergency_serious_difficulty: 'on',
    }],
  ];
  for (const [path, form] of steps) {
    const response = await page.request.post(path, { form });
    expect(response.ok(), `${path}: ${response.status()}`).toBeTruthy();
  }
  await page.goto('/apply/step/5');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('材料照片');
}

async function area(page: Page, selector: string) {
  const box = await page.locator(selector).boundingBox();
  expect(box, selector).not.toBeNull();
  return box!.height * box!.width;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('item 1: a photo chosen and sent with 继续 is kept, several at once, from the page\'s largest target', async ({ page, browser, baseURL }) => {
      await openDocumentsStep(page);
      // The picker takes several files, and is larger than any button on the page.
      await expect(page.locator('#document')).toHaveAttribute('multiple', '');
      const picker = await area(page, '#document');
      for (const button of await page.locator('main button, main .button').all()) {
        const box = (await button.boundingBox())!;
        expect(box.width * box.height).toBeLessThan(picker);
      }
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      else await expectNoAxeViolationsWithoutJs(page, browser, baseURL!);

      await page.selectOption('#kind', 'certificate');
      await page.setInputFiles('#document', [
        { name: 'fire.pdf', mimeType: 'application/pdf', buffer: pdf('fire') },
        { name: 'hukou.pdf', mimeType: 'application/pdf', buffer: pdf('hukou') },
      ]);
      // The big green button, not 上传: the photos go with it.
      await page.getByRole('button', { name: '继续', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('收款账户');
      await page.goto('/apply/step/5');
      await expect(page.locator('[data-document="certificate"]')).toHaveCount(2);

      // Sent together, they took one kind: each is named after.
      const second = page.locator('[data-document-id]').nth(1);
      await second.locator('select').selectOption('household_register');
      await second.getByRole('button', { name: /保存/ }).click();
      await expect(page.locator('[data-document="household_register"]')).toHaveCount(1);
      await expect(page.locator('[data-document="certificate"]')).toHaveCount(1);
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      else await expectNoAxeViolationsWithoutJs(page, browser, baseURL!);
    });
  });
}

/** An emergency application in 几江街道 through the API; its reference. */
async function applyForFire(request: APIRequestContext, key: string, phone: string): Promise<string> {
  const response = await request.post('/api/v1/applications', {
    headers: { 'idempotency-key': `${key}-${Date.now()}` },
    data: {
      aid_type: 'emergency', applicant_name: '王秀英', applicant_id_number: '11010519491231002X',
      applicant_phone: phone, address: '几江街道某路 1 号', town: '几江街道', status: 'none',
      annual_income: 9600, financial_assets: 1000, emergency_event: 'fire',
      emergency_event_date: daysAgoInChongqing(2), emergency_description: '房屋失火烧毁。',
      emergency_serious_difficulty: true, bank_name: '重庆农商行', bank_card: '4111111111111111',
      account_holder: '王秀英', declaration_name: '王秀英', consent: true,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()).reference;
}

/** The town's caseworker accepts the case and asks for these kinds of paper (and `what`, in
 * words), at a desk; a request of nothing is refused at its form first. */
async function townAsksFor(browser: Browser, reference: string, kinds: string[], what = '') {
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await desk.goto('/staff/login');
  await desk.fill('#username', 'jijiang-caseworker');
  await desk.fill('#password', 'demo-caseworker-2026');
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.goto(`/staff/case/${reference}`);
  await desk.locator('form[data-action="accept"]').getByRole('button').click();
  await expect(desk.locator('#case-message')).toBeVisible();
  const form = desk.locator('form[data-action="request_documents"]');
  await form.getByRole('button').click();
  await expect(desk.locator('form[data-action="request_documents"] .field-error')).toBeVisible();
  for (const kind of kinds) await desk.check(`#request_documents-kind-${kind}`);
  if (what) await form.locator('[name="what"]').fill(what);
  await form.getByRole('button').click();
  await expect(desk.locator('[data-status]')).toHaveAttribute('data-status', 'waiting_for_documents');
  return desk;
}

async function openTimeline(page: Page, reference: string, last4: string) {
  await page.goto('/track');
  await page.fill('#reference', reference);
  await page.fill('#last4', last4);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.locator('[data-status]')).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test('items 2 and 3: one upload does not close a request for two papers; each shows as received or missing, with the deadline', async ({ page, browser, request, baseURL }) => {
      const phone = javaScriptEnabled ? '13800002401' : '13800002402';
      const reference = await applyForFire(request, `second-pass-request-${javaScriptEnabled}`, phone);
      const desk = await townAsksFor(browser, reference, ['certificate', 'household_register']);

      await openTimeline(page, reference, phone.slice(-4));
      const asked = page.locator('[data-document-request]');
      await expect(asked.locator('[data-item="missing"]')).toHaveCount(2);
      await expect(asked).toContainText('户口簿');
      await expect(asked).toContainText('火灾、事故证明');
      // The request's own deadline, in plain words.
      await expect(page.locator('[data-documents-due]')).toContainText('请在');
      if (javaScriptEnabled) await expectNoAxeViolations(page);
      else await expectNoAxeViolationsWithoutJs(page, browser, baseURL!);

      // The fire certificate alone: received, the case still waits for the 户口簿.
      await page.selectOption('#kind', 'certificate');
      await page.setInputFiles('#document', { name: 'fire.pdf', mimeType: 'application/pdf', buffer: pdf('fire') });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'waiting_for_documents');
      await expect(page.locator('[data-document-request] [data-item="received"]')).toHaveCount(1);
      await expect(page.locator('[data-document-request] [data-item="missing"]')).toContainText('户口簿');
      await expect(page.locator('[data-event="investigation_resumed"]')).toHaveCount(0);
      // What the town holds is listed by kind.
      await expect(page.locator('[data-held="certificate"]')).toBeVisible();

      // The 户口簿 with no kind chosen answers what is missing: the case goes back to the town.
      await page.setInputFiles('#document', { name: 'hukou.pdf', mimeType: 'application/pdf', buffer: pdf('hukou') });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'investigating');
      await expect(page.locator('[data-held="household_register"]')).toBeVisible();

      // At the desk the request shows each paper received.
      await desk.reload();
      await expect(desk.locator('[data-request-item][data-state="in"]')).toHaveCount(2);
      await desk.context().close();
    });

    test('item 2: a request in words waits for 已全部上传', async ({ page, browser, request }) => {
      const phone = javaScriptEnabled ? '13800002403' : '13800002404';
      const reference = await applyForFire(request, `second-pass-words-${javaScriptEnabled}`, phone);
      const desk = await townAsksFor(browser, reference, [], '村委会出具的情况说明');

      await openTimeline(page, reference, phone.slice(-4));
      await expect(page.locator('[data-document-request]')).toContainText('村委会出具的情况说明');
      await page.setInputFiles('#document', { name: 'note.pdf', mimeType: 'application/pdf', buffer: pdf('note') });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'waiting_for_documents');
      await page.getByRole('button', { name: '已全部上传' }).click();
      await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'investigating');
      await desk.context().close();
    });
  });
}

test('item 6: the check offers 城市低保, 农村低保 and 特困供养, and a rural 低保 household passes the income test as 低保 does', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  const statuses = page.locator('#status-0').locator('xpath=ancestor::fieldset');
  for (const label of ['都没有', '城市低保', '农村低保', '特困供养']) {
    await expect(statuses.getByLabel(label, { exact: true })).toBeVisible();
  }
  // A large medical bill and an income above the line: unlikely for a household with no 低保…
  await page.check('#has_expense-0');
  await page.selectOption('#expense_kind', 'medical');
  await page.fill('#expense_out_of_pocket', '80000');
  await page.fill('#annual_income', '200000');
  const income = page.locator('[data-aid="expense"] [data-rule="expense.income"]');
  await expect(income).not.toHaveClass(/passed/);
  // …passed, without being computed, for a rural 低保 household.
  await statuses.getByLabel('农村低保', { exact: true }).check();
  await expect(income).toHaveClass(/passed/);
  await expectNoAxeViolations(page);
});

test('item 5: income per month or per year, full-width digits and 万 are understood, and the year is shown', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  // Per month, with a Chinese keyboard's full-width digits: the year's total is shown.
  await page.getByLabel('一个月的', { exact: true }).check();
  await page.fill('#annual_income', '８００');
  await expect(page.locator('#income-of-the-year')).toHaveText('一年合计 9,600 元。');
  await expect(page.locator('#annual_income-error')).toHaveCount(0);
  // 万 is ten thousand; per year again.
  await page.getByLabel('一年的（过去 12 个月合计）', { exact: true }).check();
  await page.fill('#annual_income', '0.96万');
  await expect(page.locator('#income-of-the-year')).toBeEmpty();
  await expect(page.locator('#annual_income-error')).toHaveCount(0);
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');
  // Still not a number: the example says what is.
  await page.fill('#annual_income', '三万');
  await expect(page.locator('#annual_income-error')).toContainText('1.2万');
  // An age gives an age-like example.
  await page.fill('#m0_age', '六十八');
  await expect(page.locator('#m0_age-error')).toContainText('68');
  await expectNoAxeViolations(page);
});

test('item 12: the confirmation asks for a screenshot and copies the reference where the phone can', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openDocumentsStep(page);
  for (const [path, form] of [
    ['/apply/step/5', { action: 'next' }],
    ['/apply/step/6', { bank_name: '重庆农商行', bank_card: '4111111111111111', account_holder: '王秀英' }],
    ['/apply/step/7', { declaration_name: '王秀英', consent: 'on', action: 'submit' }],
  ] as [string, Record<string, string>][]) {
    const response = await page.request.post(path, { form });
    expect(response.ok(), `${path}: ${response.status()}`).toBeTruthy();
  }
  await page.goto('/apply/confirmation');
  const reference = (await page.locator('[data-reference]').textContent())!;
  await expect(page.locator('main')).toContainText('截图');
  await page.getByRole('button', { name: '复制编号' }).click();
  await expect(page.locator('#copy-done')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
  await expectNoAxeViolations(page);
});

test.describe('item 12 without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('no dead copy button; the screenshot advice is there', async ({ page }) => {
    await openDocumentsStep(page);
    await page.request.post('/apply/step/5', { form: { action: 'next' } });
    await page.request.post('/apply/step/6', { form: { bank_name: '重庆农商行', bank_card: '4111111111111111', account_holder: '王秀英' } });
    await page.request.post('/apply/step/7', { form: { declaration_name: '王秀英', consent: 'on', action: 'submit' } });
    await page.goto('/apply/confirmation');
    await expect(page.locator('[data-reference]')).toBeVisible();
    await expect(page.getByRole('button', { name: '复制编号' })).toBeHidden();
    await expect(page.locator('main')).toContainText('截图');
  });
});

/** A member of 几江街道's staff at a desk, on the case's page. */
async function deskFor(browser: Browser, reference: string, username: string, password: string) {
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await desk.goto('/staff/login');
  await desk.fill('#username', username);
  await desk.fill('#password', password);
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.goto(`/staff/case/${reference}`);
  return desk;
}

async function act(desk: Page, action: string, fill: Record<string, string> = {}) {
  const form = desk.locator(`form[data-action="${action}"]`);
  for (const [name, value] of Object.entries(fill)) await form.locator(`[name="${name}"]`).fill(value);
  await form.getByRole('button').click();
  await expect(desk.locator('#case-message')).toBeVisible();
}

test('item 11: tracking says who has the case, since when, by when and what next; then how much, into which account, around when; then when it was paid; newest first', async ({ page, browser, request }) => {
  const today = daysAgoInChongqing(0);
  const reference = await applyForFire(request, 'second-pass-where-now', '13800002411');
  await openTimeline(page, reference, '2411');
  const now = page.locator('.where-now');
  await expect(now).toHaveAttribute('data-holder', 'town');
  await expect(now.locator('[data-now="who"]')).toContainText('几江街道');
  await expect(now.locator('[data-now="since"]')).toContainText(today);
  await expect(now.locator('[data-now="by"] dd')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(now.locator('[data-now="next"]')).toContainText('等待镇街受理');
  await expectNoAxeViolations(page);

  // Asked for a paper, the case is with the applicant, until the request's own deadline.
  const desk = await townAsksFor(browser, reference, ['certificate']);
  await openTimeline(page, reference, '2411');
  await expect(now).toHaveAttribute('data-holder', 'applicant');
  const due = (await page.locator('[data-documents-due]').getAttribute('data-documents-due'))!;
  await expect(now.locator('[data-now="by"] dd')).toHaveText(due);
  await page.setInputFiles('#document', { name: 'fire.pdf', mimeType: 'application/pdf', buffer: pdf('fire') });
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await expect(now).toHaveAttribute('data-holder', 'town');

  // Recommended by the caseworker, approved by the town's head.
  await desk.reload();
  await act(desk, 'recommend', { amount: '1000' });
  await desk.context().close();
  const head = await deskFor(browser, reference, 'jijiang-head', 'demo-head-2026');
  await act(head, 'approve', { amount: '1000' });
  await head.context().close();
  await openTimeline(page, reference, '2411');
  await expect(now.locator('[data-now="approved"]')).toContainText('1,000');
  await expect(now.locator('[data-now="account"]')).toContainText('1111');
  await expect(now.locator('[data-now="account"]')).not.toContainText('4111111111111111');
  await expect(now.locator('[data-now="expected"] dd')).toContainText(/\d{4}-\d{2}-\d{2}/);
  await expectNoAxeViolations(page);

  // Paid: how much and on which day; the newest step first.
  const payer = await deskFor(browser, reference, 'jijiang-caseworker', 'demo-caseworker-2026');
  await act(payer, 'pay');
  await payer.context().close();
  await openTimeline(page, reference, '2411');
  await expect(now).toHaveAttribute('data-holder', 'nobody');
  await expect(now.locator('[data-now="paid"]')).toContainText('1,000');
  await expect(now.locator('[data-now="paid-on"]')).toContainText(today);
  await expect(page.locator('.timeline li').first()).toHaveAttribute('data-event', 'paid');
  await expect(page.locator('.timeline li').last()).toHaveAttribute('data-event', 'submitted');

  // The family sees where it is, never the account.
  await page.getByRole('button', { name: '生成家人查看链接' }).click();
  const link = (await page.locator('.family-link a').getAttribute('href'))!;
  await page.goto(link);
  await expect(page.locator('.where-now')).toHaveAttribute('data-holder', 'nobody');
  await expect(page.locator('[data-now="account"]')).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('尾号');

  // Item 15: the decision on 公示 fits a 412 px phone as cards, each value with its column's name.
  await page.goto('/publicity?town=几江街道');
  const card = page.locator('table.cards tbody tr').first();
  await expect(card).toBeVisible();
  const box = (await card.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(412);
  const sideways = await page.locator('.table-scroll').evaluate((e) => e.scrollWidth - e.clientWidth);
  expect(sideways).toBeLessThanOrEqual(0);
  const label = await card.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content);
  expect(label).toContain('申请人');
  await expectNoAxeViolations(page);
});

test('item 4: a son applies for his mother, who has no mobile; his phone is the contact and tracks it, and the questions speak of her', async ({ page }) => {
  await page.goto('/apply?type=emergency');
  await page.getByRole('button', { name: '开始申请' }).click();
  // Who is applying, first.
  const first = page.locator('main fieldset').first();
  await expect(first.locator('legend')).toHaveText('您是为自己申请，还是替别人申请？');
  await expect(page.locator('#helper_name')).toBeHidden();
  await page.check('#on_behalf-1');
  await page.fill('#helper_name', '李强');
  await page.fill('#helper_relationship', '儿子');
  await page.fill('#helper_phone', '13900002424');
  await expect(page.locator('label[for="applicant_id_number"]')).toHaveText('申请人身份证号码');
  await expect(page.locator('label[for="applicant_phone"]')).toHaveText('申请人的手机号码');
  await page.fill('#applicant_name', '王秀英');
  await page.fill('#applicant_id_number', '11010519491231002X');
  // Her phone left empty: she has none.
  await page.selectOption('#town', '几江街道');
  await page.fill('#address', '几江街道某路 1 号');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '继续', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('家庭成员');

  for (const [path, form] of [
    ['/apply/step/2', { member_count: '0' }],
    ['/apply/step/3', { status: 'none', annual_income: '9600', financial_assets: '3000', extra_homes: '0', vehicles: '0' }],
  ] as [string, Record<string, string>][]) {
    expect((await page.request.post(path, { form })).ok()).toBeTruthy();
  }
  // The means questions ask about her household, not his.
  await page.goto('/apply/step/3');
  await expect(page.locator('#status legend')).toHaveText('申请人家现在是否享受低保或特困供养？');
  await expect(page.locator('main')).not.toContainText('您家');
  for (const [path, form] of [
    ['/apply/step/4', { emergency_event: 'fire', emergency_event_date: daysAgoInChongqing(3), emergency_description: '房子失火烧毁。', emergency_serious_difficulty: 'on' }],
    ['/apply/step/6', { bank_name: '重庆农村商业银行', bank_card: '4111111111111111', account_holder: '王秀英' }],
  ] as [string, Record<string, string>][]) {
    expect((await page.request.post(path, { form })).ok()).toBeTruthy();
  }
  await page.goto('/apply/step/7');
  await expect(page.locator('main')).toContainText('没有（镇街打代为申请人的电话）');
  await page.fill('#declaration_name', '王秀英');
  await page.locator('#consent').check();
  await page.getByRole('button', { name: '提交申请' }).click();
  const reference = (await page.locator('[data-reference]').textContent())!;

  // He tracks it with the last four digits of his own phone.
  await openTimeline(page, reference, '2424');
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'submitted');
});

test('item 10: an administrator sets a town office\'s contact; the applicant reads it on the confirmation\'s town, tracking and the family page; 12345 on every page', async ({ page, browser, request }) => {
  const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await desk.goto('/staff/login');
  await desk.fill('#username', 'admin');
  await desk.fill('#password', 'demo-admin-2026');
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.goto('/staff/admin#town-contacts');
  const form = desk.locator('form[action="/staff/admin/town-contact"]');
  await form.locator('#town').selectOption('石蟆镇');
  await form.locator('#phone').fill('023-4766 0000');
  await form.locator('#address').fill('石蟆镇便民服务中心');
  await form.locator('#hours').fill('周一至周五 9:00–17:00');
  await form.getByRole('button', { name: '保存联系方式' }).click();
  await expect(desk.locator('[role="status"]')).toContainText('镇街联系方式已保存');
  await expect(desk.locator('tr[data-contact-town="石蟆镇"]')).toContainText('023-4766 0000');
  await expectNoAxeViolations(desk);
  await desk.context().close();

  const response = await request.post('/api/v1/applications', {
    headers: { 'idempotency-key': `second-pass-contact-${Date.now()}` },
    data: {
      aid_type: 'emergency', applicant_name: '王秀英', applicant_id_number: '11010519491231002X',
      applicant_phone: '13800002410', address: '石蟆镇某路 1 号', town: '石蟆镇', status: 'none',
      annual_income: 9600, financial_assets: 1000, emergency_event: 'fire',
      emergency_event_date: daysAgoInChongqing(2), emergency_description: '房屋失火烧毁。',
      emergency_serious_difficulty: true, bank_name: '重庆农商行', bank_card: '4111111111111111',
      account_holder: '王秀英', declaration_name: '王秀英', consent: true,
    },
  });
  const reference = (await response.json()).reference;
  await openTimeline(page, reference, '2410');
  const office = page.locator('[data-town-office="石蟆镇"]');
  await expect(office).toContainText('有问题，请联系石蟆镇');
  await expect(office.getByRole('link', { name: '023-4766 0000' })).toHaveAttribute('href', 'tel:02347660000');
  await expect(office).toContainText('周一至周五 9:00–17:00');
  await expect(office.getByRole('link', { name: '12345' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '生成家人查看链接' }).click();
  const link = (await page.locator('.family-link a').getAttribute('href'))!;
  await page.goto(link);
  await expect(page.locator('[data-town-office="石蟆镇"]')).toContainText('023-4766 0000');
  for (const path of ['/', '/apply', '/track', '/publicity']) {
    await page.goto(path);
    await expect(page.locator('.site-footer a[href="tel:12345"]')).toBeVisible();
  }
});

test('item 14: the family link is copied, shared or scanned; the family page says what 临时救助 is, whom to call, what is missing, and takes the papers', async ({ page, browser, request }) => {
  // A phone with a share sheet: what it is asked to share is recorded.
  await page.addInitScript(() => {
    const shared: unknown[] = [];
    (window as unknown as { shared: unknown[] }).shared = shared;
    (navigator as unknown as { share: (d: unknown) => Promise<void> }).share = async (d: unknown) => { shared.push(d); };
  });
  const reference = await applyForFire(request, 'second-pass-family', '13800002414');
  const desk = await townAsksFor(browser, reference, ['certificate']);
  await desk.context().close();
  await openTimeline(page, reference, '2414');
  await page.getByRole('button', { name: '生成家人查看链接' }).click();
  const link = (await page.locator('.family-link a').getAttribute('href'))!;
  await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
  await page.getByRole('button', { name: '分享给家人' }).click();
  const shared = await page.evaluate(() => (window as unknown as { shared: { url: string }[] }).shared);
  expect(shared.map((s) => s.url)).toEqual([link]);
  await expect(page.locator('.family-qr svg')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('家属');
  await expectNoAxeViolations(page);

  // The relative's phone: what this is, whom to call, what is missing; the paper sent from here.
  const { defaultBrowserType: _, ...phone } = devices['Pixel 7'];
  const relative = await (await browser.newContext(phone)).newPage();
  await relative.goto(link);
  await expect(relative.locator('main .lead')).toContainText('临时救助是政府');
  await expect(relative.locator('[data-town-office="几江街道"]')).toBeVisible();
  await expect(relative.locator('[data-document-request] [data-item="missing"]')).toContainText('火灾、事故证明');
  await expectNoAxeViolations(relative);
  await relative.setInputFiles('#document', { name: 'fire.pdf', mimeType: 'application/pdf', buffer: pdf('fire') });
  await relative.getByRole('button', { name: '上传', exact: true }).click();
  await expect(relative.locator('#document-message')).toHaveText('已收到您的材料。');
  await expect(relative.locator('[data-status]')).toHaveAttribute('data-status', 'investigating');
  await expect(relative.locator('[data-held="certificate"]')).toBeVisible();
  // Listed by kind, never opened from here.
  await expect(relative.locator('main a[href*="/documents/"]')).toHaveCount(0);
  await expect(relative.locator('main')).not.toContainText(reference);
  await relative.context().close();
});

test('item 12: a resident who lost the reference tracks with the applicant\'s ID number and the phone ending', async ({ page, request }) => {
  const reference = await applyForFire(request, 'second-pass-by-id', '13800002412');
  await page.goto('/track');
  await expect(page.locator('label[for="reference"]')).toContainText('身份证号码');
  await page.fill('#reference', '11010519491231002x');
  await page.fill('#last4', '2412');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'submitted');
  // The reference found, to write down this time.
  await expect(page.locator('main h2').first()).toContainText(reference);
  await expectNoAxeViolations(page);
});
