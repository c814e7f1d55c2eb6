import { test, expect, Page } from '@playwright/test';
import {
  answerFireQuestions,
  daysAgoInChongqing,
  expectNoAxeViolations,
  expectNoAxeViolationsWithoutJs,
  noisyPng,
  waitForHydration,
} from './helpers';

async function next(page: Page) {
  await page.getByRole('button', { name: '继续' }).click();
}

test('a resident applies for emergency aid from the check result and tracks it', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  await page.getByRole('button', { name: '开始申请' }).click();

  // Step 1: the answers of the check are carried over; only the new questions are asked. The
  // household and means steps, answered in full by the check, are not shown again (issue 24's
  // journey): five steps, not seven.
  await expect(page.getByText('第 1 步，共 5 步')).toBeVisible();
  await expect(page.locator('#aid_type-0')).toBeChecked();
  await expectNoAxeViolations(page);
  await page.fill('#applicant_name', '张三');
  await page.fill('#applicant_id_number', '11010519491231002X');
  await page.fill('#applicant_phone', '13812345678');
  await expect(page.locator('#town')).toHaveValue('几江街道');
  await page.fill('#address', '几江街道某路 1 号');
  await next(page);

  // Step 4 (the second of five): the event came from the check; the story is new.
  await expect(page.getByText('第 2 步，共 5 步')).toBeVisible();
  await expect(page.locator('#emergency_event_date')).toHaveValue(daysAgoInChongqing(5));
  await expectNoAxeViolations(page);
  await page.fill('#emergency_description', '厨房起火，家具烧毁。');
  await next(page);

  // Documents: a large photo is shrunk in the browser (long side 2000 px) before it is sent.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('材料照片');
  await page.selectOption('#kind', 'id_card');
  const photo = noisyPng(2400, 1200);
  await page.setInputFiles('#document', { name: 'id.png', mimeType: 'image/png', buffer: photo });
  await expect(page.locator('#document')).toHaveAttribute('data-shrunk', /\d+/);
  const shrunk = Number(await page.locator('#document').getAttribute('data-shrunk'));
  expect(shrunk).toBeLessThan(photo.length);
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.locator('[data-document="id_card"]')).toBeVisible();
  // Removing it is a real button, as large as a finger (item 12).
  const remove = page.locator('[data-document="id_card"]').getByRole('button', { name: /删除/ });
  expect((await remove.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await expectNoAxeViolations(page);
  await next(page);

  // A reload keeps what was saved.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('收款账户');
  await expectNoAxeViolations(page);
  await page.reload();
  await page.fill('#bank_name', '重庆农商行');
  await page.fill('#bank_card', '4111111111111111');
  await page.fill('#account_holder', '张三');
  await next(page);

  // Check your answers, with a change link beside each.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('核对并提交');
  await expect(page.locator('.summary-list')).toContainText('**** 1111');
  // The photo sent on the documents step is listed too, with its own change link (item 12).
  await expect(page.locator('.summary-list')).toContainText('已上传的材料');
  await expect(page.locator('.summary-list')).toContainText('身份证');
  await expect(page.getByRole('link', { name: /修改/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The steps the check answered are here to change: the income, changed wrongly, is named at
  // its field; fixed, the journey goes on from there.
  await expect(page.locator('.summary-list')).toContainText('全家年收入（元）');
  await page.getByRole('link', { name: '修改 全家年收入（元）' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('收入和财产');
  await expect(page.locator('#annual_income')).toHaveValue('30000');
  await page.fill('#annual_income', '三万');
  await next(page);
  await expect(page.locator('.error-summary')).toContainText('数字');
  await expect(page.locator('#annual_income')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  await page.fill('#annual_income', '30000');
  await next(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('发生了什么');
  await page.goto('/apply/step/7');
  await page.fill('#declaration_name', '张三');
  await page.check('#consent');
  await page.getByRole('button', { name: '提交申请' }).click();

  const reference = page.locator('[data-reference]');
  await expect(reference).toHaveText(/^LZ-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
  await expect(page.getByText('接下来会怎样')).toBeVisible();
  await expectNoAxeViolations(page);
  const ref = (await reference.textContent())!;

  // A second press of the browser's back button and submit does not create a second one.
  await page.goto('/apply/step/6');
  await expect(page.locator('[data-reference]')).toHaveText(ref);

  // Tracking, then withdrawing. The confirmation's link carries the reference over: the
  // resident types only the phone ending (issue 11, item 6).
  await page.getByRole('link', { name: '查询进度' }).click();
  await expect(page).toHaveURL(/\/track\?reference=/);
  await expect(page.locator('#reference')).toHaveValue(ref);
  await page.fill('#last4', '5678');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'submitted');
  await expect(page.locator('main')).not.toContainText('13812345678');
  await expectNoAxeViolations(page);

  // A document sent from the tracking page joins the timeline.
  await page.setInputFiles('#document', { name: 'diagnosis.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.locator('#document-message')).toHaveText('已收到您的材料。');
  await expect(page.locator('[data-event="document_added"]')).toBeVisible();

  // A read-only link for the family: progress, a masked name, no personal numbers.
  await page.getByRole('button', { name: '生成家人查看链接' }).click();
  const link = (await page.locator('.family-link a').getAttribute('href'))!;
  const family = await page.context().newPage();
  await family.goto(link);
  await expect(family.locator('[data-status]')).toHaveAttribute('data-status', 'submitted');
  await expect(family.locator('main')).toContainText('张*');
  await expect(family.locator('main')).not.toContainText('13812345678');
  await expect(family.locator('main')).not.toContainText('11010519491231002X');
  await expect(family.getByRole('button', { name: '撤回申请' })).toHaveCount(0);
  await expectNoAxeViolations(family);
  await family.close();

  // Withdrawing asks first (issue 11, item 5).
  await page.getByRole('button', { name: '撤回申请' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('确定要撤回这个申请吗？');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '确定撤回' }).click();
  await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'withdrawn');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an expense application works as plain forms', async ({ page }) => {
    await page.goto('/apply?type=expense');
    await page.getByRole('button', { name: '开始申请' }).click();
    await expect(page.locator('#aid_type-1')).toBeChecked();
    await page.fill('#applicant_name', '李四');
    await page.fill('#applicant_id_number', '11010519491231002X');
    await page.fill('#applicant_phone', '13912345678');
    await page.selectOption('#town', '白沙镇');
    await page.fill('#address', '白沙镇某街 2 号');
    await next(page);
    await page.selectOption('#member_count', '1');
    await page.getByRole('button', { name: '更新人数' }).click();
    await page.fill('#members-0-relationship', '女儿');
    await page.fill('#members-0-name', '李小');
    await page.fill('#members-0-age', '17');
    await page.selectOption('#members-0-student', 'senior_high');
    await next(page);
    await page.check('#status-1');
    await page.fill('#annual_income', '24000');
    await page.fill('#financial_assets', '3000');
    await next(page);
    await page.selectOption('#expense_kind', 'medical');
    await page.fill('#expense_spent', '50000');
    await page.fill('#expense_reimbursed', '20000');
    await page.fill('#expense_purpose', '住院手术');
    await next(page);
    // Without JavaScript the photo goes as it is, in a multipart form.
    await page.setInputFiles('#document', { name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByRole('button', { name: '上传' }).click();
    await expect(page.locator('[data-document="id_card"]')).toBeVisible();
  // Removing it is a real button, as large as a finger (item 12).
  const remove = page.locator('[data-document="id_card"]').getByRole('button', { name: /删除/ });
  expect((await remove.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await next(page);
    await page.fill('#bank_name', '重庆农商行');
    await page.fill('#bank_card', '4111111111111111');
    await page.fill('#account_holder', '李四');
    await next(page);
    await page.fill('#declaration_name', '李四');
    await page.check('#consent');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.locator('[data-reference]')).toHaveText(/^LZ-/);
  });
});

test('answers typed but not sent survive a closed tab and a lost connection', async ({ page, context }) => {
  await page.goto('/apply?type=emergency');
  await page.getByRole('button', { name: '开始申请' }).click();
  await expect(page.getByText('第 1 步，共 7 步')).toBeVisible();
  // The keeper script runs once the page has loaded (a person does not type faster than that).
  await page.waitForLoadState('load');

  // Typed, never sent: the tab is closed.
  await page.fill('#applicant_name', '赵六');
  await page.fill('#address', '鼎山街道某路 5 号');
  await page.close();
  const again = await context.newPage();
  await again.goto('/apply/step/1');
  await expect(again.locator('#applicant_name')).toHaveValue('赵六');
  await expect(again.locator('[data-restored]')).toBeVisible();

  // The connection drops as "continue" is pressed: the answers wait on the phone.
  await context.setOffline(true);
  await again.fill('#applicant_phone', '13612345678');
  await again.getByRole('button', { name: '继续' }).click().catch(() => {});
  await context.setOffline(false);
  await again.goto('/apply/step/1');
  await expect(again.locator('#applicant_phone')).toHaveValue('13612345678');
  await expect(again.locator('#address')).toHaveValue('鼎山街道某路 5 号');
});

test('every bad answer on a step is named at its field and the good ones stay', async ({ page }) => {
  await page.goto('/apply?type=emergency');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.fill('#applicant_name', '钱七');
  await page.fill('#applicant_id_number', '11010519491231003X');
  await page.fill('#applicant_phone', '1381234');
  await page.fill('#address', '圣泉街道某路 9 号');
  await page.check('#on_behalf-1');
  await page.fill('#helper_phone', '023-4752');
  await next(page);
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('校验位不符');
  // Each phone's problem says which phone (issue 24, item 15).
  await expect(summary).toContainText('手机号码：请填写 11 位数字');
  await expect(summary).toContainText('您的手机号码：请填写 11 位数字');
  await expect(summary).toContainText('镇街');
  await expect(page.locator('#applicant_id_number-error')).toBeVisible();
  await expect(page.locator('#applicant_phone-error')).toBeVisible();
  await expect(page.locator('#town-error')).toBeVisible();
  await expect(page.locator('#helper_phone-error')).toBeVisible();
  await expect(page.locator('#helper_name-error')).toBeVisible();
  await expect(page.locator('#applicant_name')).toHaveValue('钱七');
  await expect(page.locator('#address')).toHaveValue('圣泉街道某路 9 号');
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript, from the check', () => {
  test.use({ javaScriptEnabled: false });

  test('the check answers go into an emergency application', async ({ page }) => {
    await page.goto('/');
    await answerFireQuestions(page);
    await page.getByRole('button', { name: '查看结果' }).click();
    await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');
    await page.getByRole('button', { name: '开始申请' }).click();
    await expect(page.getByText('第 1 步，共 5 步')).toBeVisible();
    await expect(page.locator('#aid_type-0')).toBeChecked();
    await expect(page.locator('#town')).toHaveValue('几江街道');
  });

  test('the tracking form answers without JavaScript', async ({ page, browser, baseURL }) => {
    await page.goto('/track');
    await page.fill('#reference', 'LZ-222-222-222');
    await page.fill('#last4', '1234');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.locator('.error-summary')).toContainText('没有找到这个申请');
    await expectNoAxeViolationsWithoutJs(page, browser, baseURL!);
  });
});

test('an expense application starts from the check result with its answers', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await page.selectOption('#town', '白沙镇');
  await page.check('#status-1');
  await page.fill('#m0_age', '52');
  await page.check('#m0_serious_illness');
  await page.fill('#annual_income', '24000');
  await page.fill('#financial_assets', '3000');
  await page.check('#has_emergency-1');
  await page.check('#has_expense-0');
  await page.selectOption('#expense_kind', 'medical');
  await page.fill('#expense_out_of_pocket', '30000');
  await expect(page.locator('[data-aid="expense"]')).toHaveAttribute('data-outcome', 'likely');
  await page.getByRole('button', { name: '开始申请' }).click();

  await expect(page.locator('#aid_type-1')).toBeChecked();
  await page.fill('#applicant_name', '孙八');
  await page.fill('#applicant_id_number', '11010519491231002X');
  await page.fill('#applicant_phone', '13512345678');
  await page.fill('#address', '白沙镇某街 6 号');
  await next(page);
  // The household and means came whole from the check: straight on to what the money is for.
  await expect(page.locator('#expense_spent')).toHaveValue('30000');
  await page.fill('#expense_purpose', '住院治疗');
  await next(page);
  await page.setInputFiles('#document', { name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.getByRole('button', { name: '上传' }).click();
  await expect(page.locator('[data-document]')).toHaveCount(1);
  await next(page);
  await page.fill('#bank_name', '重庆农商行');
  await page.fill('#bank_card', '4111111111111111');
  await page.fill('#account_holder', '孙八');
  await next(page);
  await page.fill('#declaration_name', '孙八');
  await page.check('#consent');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.locator('[data-reference]')).toHaveText(/^LZ-/);
  await expect(page.locator('main')).toContainText('调查核实');
});
