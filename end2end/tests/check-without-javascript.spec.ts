import { test, expect } from '@playwright/test';
import { answerFireQuestions, expectNoAxeViolationsWithoutJs } from './helpers';

test.use({ javaScriptEnabled: false });

test('without JavaScript the form posts and the server renders the same result', async ({ page, browser, baseURL }) => {
  await page.goto('/');
  await answerFireQuestions(page);
  await page.getByRole('button', { name: '查看结果' }).click();
  await page.waitForURL('/');
  const emergency = page.locator('[data-aid="emergency"]');
  await expect(emergency).toHaveAttribute('data-outcome', 'likely');
  await expect(emergency.locator('[data-figure="approver"]')).toHaveText('所在镇街');
  await expect(page.locator('#annual_income')).toHaveValue('30000');
  await expectNoAxeViolationsWithoutJs(page, browser, baseURL!);
});

test('without JavaScript a household of three gets a row per person after posting', async ({ page }) => {
  await page.goto('/');
  await page.selectOption('#size', '3');
  await page.getByRole('button', { name: '查看结果' }).click();
  await expect(page.locator('fieldset.member')).toHaveCount(3);
  await expect(page.locator('#m2_age-error')).toBeVisible();
});

test('without JavaScript, changing the household size asks nothing yet and says no jargon (issue 11, item 11)', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main')).not.toContainText('JavaScript');
  await page.selectOption('#size', '3');
  await page.getByRole('button', { name: '更新人数' }).click();
  await expect(page.locator('fieldset.member')).toHaveCount(3);
  // Nothing else was answered yet, and nothing is called missing.
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page).toHaveURL(/#q-who$/);
});
