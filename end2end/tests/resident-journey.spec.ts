// Issue 24's measure of the whole journey: a resident applying alone, from the check to the
// reference, on a Pixel 7 in Chinese. Every screen loaded, every tap and every field typed is
// counted; the totals are written in docs/resident-journey.md and may only go down. Before
// issue 24: 10 screens, about 40 taps, 12 typed fields.
import { test, expect, Page } from '@playwright/test';
import { daysAgoInChongqing, waitForHydration } from './helpers';

/** A resident's hands on the page, counted. */
class Hands {
  taps = 0;
  typed = 0;
  screens = 0;
  constructor(private page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) this.screens += 1;
    });
  }
  async tap(selector: string) { this.taps += 1; await this.page.locator(selector).click(); }
  async tick(selector: string) { this.taps += 1; await this.page.locator(selector).check(); }
  async choose(selector: string, value: string) { this.taps += 1; await this.page.selectOption(selector, value); }
  async type(selector: string, text: string) { this.typed += 1; await this.page.fill(selector, text); }
  async press(name: string) { this.taps += 1; await this.page.getByRole('button', { name, exact: true }).click(); }
}

test('a resident applying alone reaches the reference in 7 screens, 14 taps and 12 typed fields', async ({ page }) => {
  const hands = new Hands(page);
  await page.goto('/');
  await waitForHydration(page);
  // The check: where, 低保, age, work, money, what happened.
  await hands.choose('#town', '几江街道');
  await hands.tick('#status-0');
  await hands.type('#m0_age', '68');
  await hands.type('#annual_income', '9600');
  await hands.type('#financial_assets', '2000');
  await hands.tick('#has_emergency-0');
  await hands.choose('#emergency_event', 'fire');
  await hands.type('#emergency_event_date', daysAgoInChongqing(3));
  await hands.tick('#emergency_serious_difficulty');
  await hands.tick('#has_expense-1');
  await expect(page.locator('[data-aid="emergency"]')).toHaveAttribute('data-outcome', 'likely');
  await hands.press('开始申请');

  // Step 1: who; the household and the money came from the check and are not asked again.
  await expect(page.getByText('第 1 步，共 5 步')).toBeVisible();
  await hands.tick('#on_behalf-0');
  await hands.type('#applicant_name', '王秀英');
  await hands.type('#applicant_id_number', '11010519491231002X');
  await hands.type('#applicant_phone', '13800002499');
  await hands.type('#address', '几江街道某路 1 号');
  await hands.press('继续');
  // What happened, in her words.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('发生了什么');
  await hands.type('#emergency_description', '房子失火，衣物被褥都烧了。');
  await hands.press('继续');
  // No papers at hand today: the town can ask later.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('材料照片');
  await hands.press('继续');
  // The account: her own, her name already there.
  await expect(page.locator('#account_holder')).toHaveValue('王秀英');
  await hands.type('#bank_name', '重庆农村商业银行');
  await hands.type('#bank_card', '4111111111111111');
  await hands.press('继续');
  // Check your answers, sign, apply.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('核对并提交');
  await hands.type('#declaration_name', '王秀英');
  await hands.tick('#consent');
  await hands.press('提交申请');
  await expect(page.locator('[data-reference]')).toHaveText(/^LZ-/);

  const measured = { screens: hands.screens, taps: hands.taps, typed: hands.typed };
  console.log(`the journey: ${JSON.stringify(measured)}`);
  expect(measured).toEqual({ screens: 7, taps: 14, typed: 12 });
});
