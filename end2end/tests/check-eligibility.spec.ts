import { test, expect } from '@playwright/test';
import { answerFireQuestions, daysAgoInChongqing, expectNoAxeViolations, slowMobileNetwork, waitForHydration } from './helpers';

test('a resident answers the questions on a phone and sees the result', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('看看能不能申请临时救助');
  await expectNoAxeViolations(page);

  await answerFireQuestions(page);

  const emergency = page.locator('[data-aid="emergency"]');
  await expect(emergency).toHaveAttribute('data-outcome', 'likely');
  await expect(emergency.locator('[data-figure="approver"]')).toHaveText('所在镇街');
  await expect(emergency.locator('[data-rule="emergency.event_window"]')).toContainText('二(八)');
  await expect(page.locator('[data-aid="expense"]')).toHaveAttribute('data-outcome', 'not_applicable');
  await expect(page.locator('.indicative')).toContainText('仅供参考');
  await expect(page.locator('.parameters')).toContainText('低保标准');
  await expect(page.getByRole('button', { name: '开始申请' })).toHaveAttribute('formaction', '/apply/start');
  await expectNoAxeViolations(page);
});

test('the result keeps changing with the answers after the connection drops', async ({ page, context }) => {
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');

  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await context.setOffline(true);

  // An event too long ago: emergency aid becomes unlikely, worked out in the page.
  await page.fill('#emergency_event_date', daysAgoInChongqing(200));
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'unlikely');

  // A large medical bill: expense-based aid is now assessed too.
  await page.check('#has_expense-0');
  await page.selectOption('#expense_kind', 'medical');
  await page.fill('#expense_out_of_pocket', '80000');
  await page.fill('#annual_income', '8000');
  await expect(page.locator('[data-aid="expense"]')).toHaveAttribute('data-outcome', 'likely');
  await expect(page.locator('[data-aid="expense"] [data-figure="approver"]')).toHaveText('区人民政府');

  expect(requests).toEqual([]);
  await context.setOffline(false);
});

test('a bad answer is named at its field and the other answers stay', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  await page.fill('#annual_income', '三万');
  await expect(page.locator('#annual_income-error')).toContainText('数字');
  await expect(page.locator('#annual_income')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#financial_assets')).toHaveValue('5000');
  await expectNoAxeViolations(page);
});

test('a resident who has applied finds tracking from the home page (issue 11, item 6)', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: '已经申请过？查询进度' }).click();
  await expect(page).toHaveURL(/\/track$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('查询申请进度');
  // Text that is no reference is never put back into the page.
  await page.goto('/track?reference=%3Cscript%3E');
  await expect(page.locator('#reference')).toHaveValue('');
});

test('answers chosen before the page is ready count once it is (issue 11, item 1)', async ({ page }) => {
  await slowMobileNetwork(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await answerFireQuestions(page);
  // All of it typed while the island was still on its way over the slow network.
  expect(await page.locator('body').getAttribute('data-hydrated')).toBeNull();

  await waitForHydration(page, 30_000);
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');
  await expect(page.locator('#annual_income')).toHaveValue('30000');
  // "查看结果" finds every question answered: no "please answer" beside a filled field.
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');
});

test('the result follows the answers at the foot of the screen (issue 11, item 11)', async ({ page }) => {
  await page.goto('/');
  await waitForHydration(page);
  await expect(page.locator('[data-result-bar]')).toBeHidden();
  await answerFireQuestions(page);
  await page.locator('#town').scrollIntoViewIfNeeded();
  await expect(page.locator('#result')).not.toBeInViewport();
  const bar = page.locator('[data-result-bar]');
  await expect(bar).toBeInViewport();
  await expect(bar.locator('[data-outcome="likely"]')).toContainText('急难型');
  await page.fill('#emergency_event_date', daysAgoInChongqing(200));
  await expect(bar.locator('[data-outcome="likely"]')).toHaveCount(0);
  await expectNoAxeViolations(page);
});
