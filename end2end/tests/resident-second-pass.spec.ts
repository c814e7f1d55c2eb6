// Issue 24, the resident's second pass: each numbered item a defect a real resident met, each
// with the browser test that failed before it was fixed (Pixel 7, Chinese).
import { test, expect, Page } from '@playwright/test';
import { daysAgoInChongqing, expectNoAxeViolations, expectNoAxeViolationsWithoutJs } from './helpers';

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
    });
  });
}
