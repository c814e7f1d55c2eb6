import { test, expect } from '@playwright/test';
import { answerFireQuestions, expectNoAxeViolations, waitForHydration } from './helpers';

test('the English switch shows the check in English', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'English' }).click();
  await waitForHydration(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check if you can get temporary assistance');
  await answerFireQuestions(page);
  await expect(page.locator('[data-aid="emergency"] .outcome')).toHaveText('Likely');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
