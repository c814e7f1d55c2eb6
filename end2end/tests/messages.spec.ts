import { Browser, expect, Page, test } from '@playwright/test';
import { answerFireQuestions, expectNoAxeViolations, waitForHydration } from './helpers';

// Messages (issue 23): the portal of the journeys sends texts through a stand-in of Alibaba
// Cloud's SMS API (tools/sms-stand-in.mjs, which checks each request's signature), with the
// demonstration's template codes and duty numbers (`server demo`).
const SMS = `http://127.0.0.1:${Number(process.env.E2E_SMS_PORT ?? 3918)}`;
const PHONE = '13712340001';
const JIJIANG_DUTY = '13900000001';

type Received = { phone: string; template: string; params: Record<string, string> };

async function received(): Promise<{ received: Received[]; refused: string[] }> {
  return (await fetch(`${SMS}/received`)).json();
}

/** Waits until the stand-in holds a text to `phone` of `template` about `reference`. */
async function expectText(phone: string, template: string, reference: string) {
  await expect
    .poll(async () => (await received()).received.some((t) => t.phone === phone && t.template === template && t.params.reference === reference), {
      message: `${template} to ${phone}`,
      timeout: 30_000,
    })
    .toBe(true);
}

/** 21:00–08:00 in Chongqing: texts about staff actions wait for the morning. */
function quietHoursNow(): boolean {
  const hour = new Date(Date.now() + 8 * 3600 * 1000).getUTCHours();
  return hour >= 21 || hour < 8;
}

async function next(page: Page) {
  await page.getByRole('button', { name: '继续' }).click();
}

async function track(page: Page, reference: string) {
  await page.goto('/track');
  await page.fill('#reference', reference);
  await page.fill('#last4', PHONE.slice(-4));
  await page.getByRole('button', { name: '查询' }).click();
}

async function staffDesk(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}

test('a resident who asked for texts hears of the submission and of the town asking for a document, and the duty phone of the emergency', async ({ page, browser }) => {
  // The resident applies from the check, on the phone, and ticks the texts at the declaration.
  await page.goto('/');
  await waitForHydration(page);
  await answerFireQuestions(page);
  await page.getByRole('button', { name: '开始申请' }).click();
  await page.fill('#applicant_name', '何秀英');
  await page.fill('#applicant_id_number', '11010519491231002X');
  await page.fill('#applicant_phone', PHONE);
  await page.fill('#address', '几江街道艾坪山路 5 号');
  await next(page);
  await next(page);
  await next(page);
  await page.fill('#emergency_description', '房屋失火，衣物被褥烧毁。');
  await next(page);
  await next(page);
  await page.fill('#bank_name', '重庆农商行');
  await page.fill('#bank_card', '4111111111111111');
  await page.fill('#account_holder', '何秀英');
  await next(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('核对并提交');
  await expect(page.locator('#sms_consent')).not.toBeChecked();
  await page.fill('#declaration_name', '何秀英');
  await page.check('#consent');
  await page.check('#sms_consent');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: '提交申请' }).click();
  const reference = (await page.locator('[data-reference]').textContent())!;

  // The confirmation goes at once, at any hour; so does the alert to 几江街道's duty phone,
  // which carries the reference and the town, never the applicant's name or numbers.
  await expectText(PHONE, 'SMS_DEMO_SUBMITTED', reference);
  await expectText(JIJIANG_DUTY, 'SMS_DEMO_DUTY_ALERT', reference);
  const alert = (await received()).received.find((t) => t.phone === JIJIANG_DUTY && t.params.reference === reference)!;
  expect(alert.params.town).toBe('几江街道');
  expect(JSON.stringify(alert.params)).not.toContain('何');
  expect((await received()).refused).toEqual([]);

  // The town accepts the case and asks for a document.
  const desk = await staffDesk(browser);
  await desk.goto('/staff/login');
  await desk.fill('#username', 'jijiang-caseworker');
  await desk.fill('#password', 'demo-caseworker-2026');
  await desk.getByRole('button', { name: '登录' }).click();
  await desk.goto(`/staff/case/${reference}`);
  for (const [action, fill] of [['accept', {}], ['request_documents', { what: '户口簿首页和本人页的照片' }]] as const) {
    const form = desk.locator(`form[data-action="${action}"]`);
    for (const [name, value] of Object.entries(fill)) await form.locator(`[name="${name}"]`).fill(value);
    await form.getByRole('button').click();
    await expect(desk.locator('#case-message')).toBeVisible();
  }

  // The tracking page lists every message, with where it reached the resident.
  await track(page, reference);
  const asked = page.locator('[data-message="documents_requested"]');
  await expect(asked).toContainText('户口簿首页和本人页');
  await expect(page.locator('[data-message="submitted"]')).toContainText(reference);
  await expectNoAxeViolations(page);
  if (quietHoursNow()) {
    // At night the request waits for 08:00, and the page says the text is still to go.
    await expect(asked).toContainText('短信等待发送');
  } else {
    await expectText(PHONE, 'SMS_DEMO_DOCUMENTS_REQUESTED', reference);
    await track(page, reference);
    // Sent, and delivered once the provider's receipt is in.
    await expect(page.locator('[data-message="documents_requested"]')).toHaveAttribute('data-message-status', /^(sent|delivered)$/);
  }

  // The resident can stop the texts; the messages stay on the page.
  await page.getByRole('button', { name: '不再接收短信' }).click();
  await expect(page.locator('[data-texts-stopped]')).toBeVisible();
  await expect(page.locator('[data-message="submitted"]')).toBeVisible();
  await expectNoAxeViolations(page);
});
