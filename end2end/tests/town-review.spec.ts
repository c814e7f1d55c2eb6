import { APIRequestContext, Browser, devices, expect, Page, test } from '@playwright/test';
import { daysAgoInChongqing, expectNoAxeViolations } from './helpers';

// Town staff work at a desk: a desktop window (the resident pages stay on the phone).
test.use({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

// 白沙镇's demonstration accounts (server demo); no other journey applies in 白沙镇, so its
// queue holds only the cases made here.
const CASEWORKER = { username: 'baisha-caseworker', password: 'demo-caseworker-2026' };
const HEAD = { username: 'baisha-head', password: 'demo-head-2026' };
const REVIEWER = { username: 'mzj-reviewer', password: 'demo-reviewer-2026' };
const APPROVER = { username: 'qzf-approver', password: 'demo-approver-2026' };

type Account = { username: string; password: string };

async function apply(request: APIRequestContext, key: string, body: object): Promise<string> {
  const response = await request.post('/api/v1/applications', { headers: { 'idempotency-key': key }, data: body });
  expect(response.status()).toBe(201);
  return (await response.json()).reference;
}

function emergency(phone: string) {
  return {
    aid_type: 'emergency', applicant_name: '陈小梅', applicant_id_number: '11010519491231002X',
    applicant_phone: phone, address: '白沙镇滨江路 3 号', town: '白沙镇', status: 'none',
    annual_income: 15000, financial_assets: 1000, emergency_event: 'fire',
    emergency_event_date: daysAgoInChongqing(3), emergency_description: '房屋失火，衣物被褥全部烧毁。',
    emergency_serious_difficulty: true, bank_name: '重庆农商行', bank_card: '4111111111111111',
    account_holder: '陈小梅', declaration_name: '陈小梅', consent: true,
  };
}

function expense(phone: string) {
  return {
    aid_type: 'expense', applicant_name: '周大福', applicant_id_number: '11010519491231002X',
    applicant_phone: phone, address: '白沙镇老街 12 号', town: '白沙镇', status: 'dibao',
    annual_income: 12000, financial_assets: 500, expense_kind: 'medical', expense_spent: 90000,
    expense_reimbursed: 30000, expense_purpose: '肾移植手术', bank_name: '重庆农商行',
    bank_card: '4111111111111111', account_holder: '周大福', declaration_name: '周大福', consent: true,
  };
}

async function signIn(page: Page, account: Account) {
  await page.goto('/staff/login');
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.locator(`[data-staff="${account.username}"]`)).toBeVisible();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('工作人员登录');
}

/** Takes an action from the case page, typing `fill` into its form first. */
async function act(page: Page, action: string, fill: Record<string, string> = {}) {
  const form = page.locator(`form[data-action="${action}"]`);
  for (const [name, value] of Object.entries(fill)) {
    await form.locator(`[name="${name}"]`).fill(value);
  }
  await form.getByRole('button').click();
  await expect(page.locator('#case-message')).toBeVisible();
}

async function openCase(page: Page, reference: string) {
  await page.goto('/staff');
  await page.getByRole('link', { name: reference }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(reference);
}

/** The resident's own phone: a separate browser, as on the resident journeys. */
async function residentPhone(browser: Browser): Promise<Page> {
  const { defaultBrowserType: _, ...phone } = devices['Pixel 7'];
  return (await browser.newContext(phone)).newPage();
}

async function residentTimeline(page: Page, reference: string, last4: string) {
  await page.goto('/track');
  await page.fill('#reference', reference);
  await page.fill('#last4', last4);
  await page.getByRole('button', { name: '查询' }).click();
}

test('a caseworker takes an emergency case from the top of the queue to payment, and the resident follows each step', async ({ page, request, browser }) => {
  const expenseRef = await apply(request, 'review-e2e-expense-1', expense('13600002222'));
  const emergencyRef = await apply(request, 'review-e2e-emergency-1', emergency('13600001111'));

  // The caseworker finds the new emergency case at the top, marked urgent.
  await signIn(page, CASEWORKER);
  await expectNoAxeViolations(page);
  const firstRow = page.locator('table.queue tbody tr').first();
  await expect(firstRow).toHaveAttribute('data-reference', emergencyRef);
  await expect(firstRow).toContainText('急');
  await expect(page.locator('table.queue')).toContainText(expenseRef);
  await expect(page.locator('table.queue')).toContainText('陈*');

  await firstRow.getByRole('link').click();
  await expectNoAxeViolations(page);
  await act(page, 'accept');
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'accepted');
  await act(page, 'pay_advance', { amount: '800' });
  await expect(page.locator('#case-message')).toContainText('已记录先行救助');
  await act(page, 'investigate');
  // The town ticks the paper it needs: one item of the request (issue 24, item 2).
  await page.check('#request_documents-kind-certificate');
  await act(page, 'request_documents');
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'waiting_for_documents');
  await expectNoAxeViolations(page);

  // The resident reads the request on the tracking page and uploads the document there.
  const resident = await residentPhone(browser);
  await residentTimeline(resident, emergencyRef, '1111');
  await expect(resident.locator('[data-document-request]')).toContainText('火灾、事故证明');
  await expect(resident.locator('[data-event="advance_paid"]')).toContainText('800');
  // No kind chosen: the upload answers what the town asked for.
  await expect(resident.locator('#kind')).toHaveValue('');
  await resident.setInputFiles('#document', { name: 'proof.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await resident.getByRole('button', { name: '上传', exact: true }).click();
  await expect(resident.locator('#document-message')).toHaveText('已收到您的材料。');
  await expect(resident.locator('[data-status]')).toHaveAttribute('data-status', 'investigating');

  // Back at the desk: the document is in the case, the investigation goes on by itself.
  await page.reload();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'investigating');
  await expect(page.locator('.documents a').first()).toBeVisible();
  // Chinese words, not the stored codes (issue 11, item 7): the document's kind, who did each
  // step, what each member of staff opened.
  await expect(page.locator('.documents figcaption').first()).toHaveText('火灾、事故证明或医院诊断书');
  await expect(page.locator('tr[data-event="submitted"]')).toContainText('申请人');
  await expect(page.locator('tr[data-event="document_added"]')).toContainText('申请人');
  await expect(page.locator('.access-log')).toContainText('查看案件');
  for (const code of [/\bapplicant\b/, /\bsystem\b/, /\bcase\b/, /\bcertificate\b/]) {
    await expect(page.locator('main')).not.toContainText(code);
  }
  await act(page, 'recommend', { amount: '1000' });
  await expect(page.locator('form[data-action="approve"]')).toHaveCount(0);
  await signOut(page);

  // The head approves within the town's limit.
  await signIn(page, HEAD);
  await openCase(page, emergencyRef);
  await act(page, 'approve', { amount: '1000' });
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'approved');
  await signOut(page);

  await signIn(page, CASEWORKER);
  await openCase(page, emergencyRef);
  await act(page, 'pay');
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'paid');
  // The audit trail names who did each step, by name, not login name (issue 24, item 9).
  await expect(page.locator('tr[data-event="approved"]')).toContainText('白沙负责人 刘洋');

  // The figures and the ledger: charts of the town, and a CSV with the case in it.
  await page.getByRole('link', { name: '统计和台账' }).click();
  await expect(page.locator('#by-status svg')).toBeVisible();
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 CSV' }).click(),
  ]);
  const csv = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString('utf8')).toContain(emergencyRef);

  // The resident and the family see every step in plain words.
  await residentTimeline(resident, emergencyRef, '1111');
  await expect(resident.locator('[data-status]')).toHaveAttribute('data-status', 'paid');
  for (const kind of ['accepted', 'advance_paid', 'documents_requested', 'investigation_resumed', 'approved', 'paid']) {
    await expect(resident.locator(`[data-event="${kind}"]`)).toBeVisible();
  }
  await expect(resident.locator('[data-event="paid"]')).toContainText('200');
  await resident.getByRole('button', { name: '生成家人查看链接' }).click();
  const link = (await resident.locator('.family-link a').getAttribute('href'))!;
  await resident.goto(link);
  await expect(resident.locator('[data-status]')).toHaveAttribute('data-status', 'paid');
  await expect(resident.locator('[data-event="approved"]')).toContainText('1,000');
  await expect(resident.locator('main')).not.toContainText('baisha');

  // The decision is published (公示) with the name masked.
  await resident.goto('/publicity?town=白沙镇');
  await expect(resident.locator('main table')).toContainText('陈*');
  await expect(resident.locator('main')).not.toContainText('陈小梅');
  await expectNoAxeViolations(resident);
  await resident.close();
});

test('an above-cap expense case climbs to the district civil-affairs bureau and the district government', async ({ page, request, browser }) => {
  const reference = await apply(request, 'review-e2e-expense-2', expense('13600003333'));

  await signIn(page, CASEWORKER);
  await openCase(page, reference);
  await act(page, 'accept');
  await act(page, 'investigate');
  // More than 3 × the cap (12 × 770 yuan, the 低保 standard since 2025-07-01) is refused at the
  // field, with the ceiling named.
  await act(page, 'recommend', { amount: '30000' });
  await expect(page.locator('#case-message')).toContainText('27,720');
  // Above the cap, the town's reasons in writing (issue 24, item 15).
  await act(page, 'recommend', { amount: '15000' });
  await expect(page.locator('#case-message')).toContainText('请写明理由');
  await act(page, 'recommend', { amount: '15000', reason: '肾移植后仍需长期服药，家中无劳动力。' });
  await signOut(page);

  await signIn(page, HEAD);
  await openCase(page, reference);
  await act(page, 'forward', { reason: '超过镇街审批权限，报区民政局。' });
  await expect(page.locator('[data-status]')).toHaveAttribute('data-level', 'bureau');
  await signOut(page);

  await signIn(page, REVIEWER);
  await expect(page.locator('table.queue')).toContainText(reference);
  await expectNoAxeViolations(page);
  await openCase(page, reference);
  // The next tier reads why, before deciding.
  await expect(page.locator('[data-reasons]')).toContainText('肾移植后仍需长期服药');
  await expect(page.locator('[data-reasons]')).toContainText('超过镇街审批权限');
  await expectNoAxeViolations(page);
  await act(page, 'forward', { reason: '超过封顶线，报区政府。' });
  await expect(page.locator('[data-status]')).toHaveAttribute('data-level', 'government');
  await signOut(page);

  await signIn(page, APPROVER);
  await openCase(page, reference);
  await act(page, 'approve', { amount: '15000' });
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'approved');
  await signOut(page);

  await signIn(page, CASEWORKER);
  await openCase(page, reference);
  await act(page, 'pay');
  await expect(page.locator('tr[data-event="forwarded"]')).toHaveCount(2);

  const resident = await residentPhone(browser);
  await residentTimeline(resident, reference, '3333');
  await expect(resident.locator('[data-status]')).toHaveAttribute('data-status', 'paid');
  await expect(resident.locator('[data-event="forwarded"]')).toHaveCount(2);
  await expect(resident.locator('[data-event="approved"]')).toContainText('15,000');
  await resident.close();
});

test('the queue is usable on a tablet: the table scrolls inside its box, not the page', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, CASEWORKER);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: '筛选' })).toBeVisible();
});

test('the administrator sees the accounts and the parameters in force, and no case', async ({ page }) => {
  await signIn(page, { username: 'admin', password: 'demo-admin-2026' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('账户和参数');
  await expect(page.locator('main')).toContainText('baisha-caseworker');
  await expect(page.locator('main')).toContainText('above_cap.max_multiple_of_cap');
  await expectNoAxeViolations(page);
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/admin$/);
});

test('a parameter change is proposed by one administrator and in force once a second approves it', async ({ page }) => {
  // Effective in 2030: the standard today, and so every other journey, stays as it is.
  await signIn(page, { username: 'admin', password: 'demo-admin-2026' });
  const form = page.locator('form[action="/staff/admin/proposals"]');
  await form.getByLabel('参数').selectOption('dibao_monthly');
  await form.getByLabel('新值').fill('abc');
  await form.getByLabel('生效日期').fill('2030-01-01');
  await form.getByLabel('依据').fill('渝民规〔2029〕1号');
  await form.getByRole('button', { name: '提出变更' }).click();
  // Refused at the field, with everything typed kept.
  await expect(page.locator('.error-summary')).toContainText('新值：请填写金额');
  await expect(page.locator('#value-error')).toBeVisible();
  await expect(page.locator('#source')).toHaveValue('渝民规〔2029〕1号');
  await expectNoAxeViolations(page);
  await page.fill('#value', '800');
  await page.locator('form[action="/staff/admin/proposals"]').getByRole('button', { name: '提出变更' }).click();
  const pending = page.locator('tr[data-proposal]', { hasText: '渝民规〔2029〕1号' });
  await expect(pending).toContainText('等待另一位管理员审核');
  await expect(pending.getByRole('button', { name: '批准', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await signOut(page);

  await signIn(page, { username: 'admin-2', password: 'demo-admin-2026' });
  await page.locator('tr[data-proposal]', { hasText: '渝民规〔2029〕1号' }).getByRole('button', { name: '批准', exact: true }).click();
  await expect(page.locator('main')).toContainText('批准：系统管理员（复核）');
  await expect(page.locator('tr[data-parameter="dibao_monthly"]')).toContainText('2030-01-01：800');
  await expectNoAxeViolations(page);
  // The check page carries the new entry at once, without a restart.
  await page.goto('/');
  await expect(page.locator('#check-start')).toHaveAttribute('data-parameters', /dibao_monthly=[^ ]*2030-01-01:80000:0/);
});

test('a wrong password is named on the sign-in page and nothing else is said', async ({ page }) => {
  await page.goto('/staff/login');
  await page.fill('#username', 'baisha-head');
  await page.fill('#password', 'not the password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.locator('#login-error')).toHaveText('用户名或密码不正确。');
  await expect(page.locator('#username')).toHaveValue('baisha-head');
  await expectNoAxeViolations(page);
});
