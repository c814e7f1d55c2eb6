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

test('Chinese text is drawn with real glyphs, as a phone draws it', async ({ page }) => {
  // Without a CJK font Chromium draws every Chinese character as the same empty box, and the
  // journeys would test a page no resident sees (issue 11, item 0): .ci/setup installs one.
  await page.goto('/');
  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  const drawn = await page.evaluate((family) => {
    const draw = (text: string) => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 64;
      const context = canvas.getContext('2d')!;
      context.font = `48px ${family}`;
      context.fillText(text, 4, 52);
      return Array.from(context.getImageData(0, 0, 64, 64).data).join(',');
    };
    const missing = draw('\u0378'); // an unassigned code point: always the "no glyph" box
    return {
      distinct: new Set(['江', '津', '救', '助'].map(draw)).size,
      anyMissing: ['江', '津', '救', '助'].some((c) => draw(c) === missing),
    };
  }, family);
  expect(drawn).toEqual({ distinct: 4, anyMissing: false });
});
