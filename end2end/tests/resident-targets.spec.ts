// Issue 24, items 8 and 13: every target a resident taps is a finger's size, nothing to tap
// touches its neighbour, buttons line up with the form's edge, and the header never breaks a
// word, on a Pixel 7 (412 px) in Chinese and English, in normal and large text (大字).
import { test, expect, Page } from '@playwright/test';
import { daysAgoInChongqing, expectNoAxeViolations } from './helpers';

/** What the page's own layout does wrong, measured in the browser: targets under 44×44 px,
 * targets that touch, and buttons first on their line that do not start at their box's edge.
 * A link inside a sentence is not a target of its own (WCAG 2.5.8's inline exception). */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (e: Element) => {
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
    };
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).replace(/\s+/g, '.') : ''} "${(e.textContent || (e as HTMLInputElement).name || '').trim().slice(0, 20)}"`;
    const block = (e: Element): Element => {
      let b = e.parentElement!;
      while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement!;
      return b;
    };
    // A link is in a sentence when its block has words besides links and separators.
    const inSentence = (a: Element) => {
      const b = block(a);
      const clone = b.cloneNode(true) as Element;
      clone.querySelectorAll('a').forEach((x) => x.remove());
      return /[\p{L}\p{N}]/u.test(clone.textContent || '');
    };
    const targets: Element[] = [];
    for (const e of Array.from(document.querySelectorAll('a[href], button, select, input, summary, textarea'))) {
      if (!visible(e) || e.closest('.skip-link')) continue;
      const input = e as HTMLInputElement;
      if (e.tagName === 'INPUT' && input.type === 'hidden') continue;
      if (e.tagName === 'A' && inSentence(e)) continue;
      // A tick box's target is the box with its label (clicking either ticks it).
      targets.push(e.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio')
        ? (e.closest('.checkbox, .radio') ?? e) : e);
    }
    const rects = targets.map((e) => e.getBoundingClientRect());
    targets.forEach((e, i) => {
      const r = rects[i];
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
        problems.push(`${name(e)} is ${Math.round(r.width)}×${Math.round(r.height)} px`);
      }
    });
    // Targets never touch: at least 4 px between any two (one inside the other is a label and
    // its box, or a group, not two neighbours).
    for (let i = 0; i < targets.length; i++) {
      for (let j = i + 1; j < targets.length; j++) {
        if (targets[i].contains(targets[j]) || targets[j].contains(targets[i])) continue;
        const a = rects[i], b = rects[j];
        const dx = Math.max(b.left - a.right, a.left - b.right);
        const dy = Math.max(b.top - a.bottom, a.top - b.bottom);
        if (Math.max(dx, dy) < 4) problems.push(`${name(targets[i])} touches ${name(targets[j])}`);
      }
    }
    // A button that starts its line starts at its box's left edge, as the fields above it do.
    const buttons = Array.from(document.querySelectorAll('main button, main .button')).filter(visible);
    const controls = Array.from(document.querySelectorAll('main button, main .button, main input, main select, main .field')).filter(visible);
    for (const button of buttons) {
      const r = button.getBoundingClientRect();
      const firstOnLine = !controls.some((other) => {
        if (other === button) return false;
        const o = other.getBoundingClientRect();
        return o.top < r.bottom && o.bottom > r.top && o.right <= r.left;
      });
      if (!firstOnLine) continue;
      const box = block(button);
      const style = getComputedStyle(box);
      const left = box.getBoundingClientRect().left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
      if (Math.abs(r.left - left) > 1) problems.push(`${name(button)} starts ${Math.round(r.left - left)} px from its box's edge`);
    }
    return problems;
  });
}

/** An emergency application on its way: steps 1–5 answered, so every step's page has content. */
async function answerSteps(page: Page) {
  const steps: [string, Record<string, string>][] = [
    ['/apply/start', { aid_type: 'emergency' }],
    ['/apply/step/1', {
      aid_type: 'emergency', applicant_name: '王秀英', applicant_id_number: '11010519491231002X',
      applicant_phone: '13812345678', town: '几江街道', address: '几江街道某路 1 号',
    }],
    ['/apply/step/2', { member_count: '1', 'members[0].relationship': '儿子', 'members[0].name': '李强', 'members[0].age': '40' }],
    ['/apply/step/3', { status: 'none', annual_income: '9600', financial_assets: '3000', extra_homes: '0', vehicles: '0' }],
    ['/apply/step/4', {
      emergency_event: 'fire', emergency_event_date: daysAgoInChongqing(3),
      emergency_description: '房子失火烧毁。', emergency_serious_difficulty: 'on',
    }],
    ['/apply/step/6', { bank_name: '重庆农村商业银行', bank_card: '4111111111111111', account_holder: '王秀英' }],
  ];
  for (const [path, form] of steps) {
    const response = await page.request.post(path, { form });
    expect(response.ok(), `${path}: ${response.status()}`).toBeTruthy();
  }
}

const residentPages = ['/', '/apply', '/apply/step/1', '/apply/step/2', '/apply/step/3', '/apply/step/4',
  '/apply/step/5', '/apply/step/6', '/apply/step/7', '/track', '/publicity'];

for (const size of ['normal', 'large']) {
  test(`item 13: targets of 44×44 px, none touching, buttons at the form's edge (${size} text)`, async ({ page }) => {
    await page.goto(`/?text=${size}`);
    await answerSteps(page);
    const found: string[] = [];
    const look = async (where: string) => found.push(...(await layoutProblems(page)).map((p) => `${where}: ${p}`));
    for (const path of residentPages) {
      await page.goto(path);
      await look(path);
    }
    // The confirmation, tracking with its upload and family links, the family page, withdrawing.
    await page.goto('/apply/step/7');
    await page.fill('#declaration_name', '王秀英');
    await page.locator('#consent').check();
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.locator('[data-reference]')).toBeVisible();
    await look('confirmation');
    await page.getByRole('link', { name: '查询进度' }).click();
    await page.fill('#last4', '5678');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect(page.locator('[data-status]')).toBeVisible();
    await look('tracking');
    await page.getByRole('button', { name: /家人/ }).first().click();
    await look('tracking, a family link made');
    const link = (await page.locator('.family-link a').getAttribute('href'))!;
    await page.getByRole('button', { name: '撤回申请' }).click();
    await look('withdrawing');
    await page.goto(link);
    await look('family page');
    expect(found).toEqual([]);
  });
}

/** Words of the header broken across lines: for each word (a run without spaces: all of a
 * Chinese label), whether its characters sit on more than one line. */
async function brokenHeaderWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const header = document.querySelector('.site-header')!;
    const walker = document.createTreeWalker(header, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent || '';
      const style = getComputedStyle(node.parentElement!);
      if (style.display === 'none' || node.parentElement!.closest('[hidden]')) continue;
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index!);
        range.setEnd(node, match.index! + match[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

for (const lang of ['zh', 'en']) {
  test(`item 8: at 412 px the header breaks no word, and in 大字 takes at most 12 % of the first screen (${lang})`, async ({ page }) => {
    expect(page.viewportSize()!.width).toBe(412);
    for (const size of ['normal', 'large']) {
      await page.goto(`/?lang=${lang}&text=${size}`);
      // As a phone that can speak shows it: 读给我听 is in the header.
      await page.evaluate(() => document.documentElement.classList.add('can-speak'));
      expect(await brokenHeaderWords(page), `${lang}, ${size} text`).toEqual([]);
      const header = (await page.locator('.site-header').boundingBox())!;
      const screen = page.viewportSize()!.height;
      if (size === 'large') expect(header.height, `${lang}, 大字: ${header.height} of ${screen} px`).toBeLessThanOrEqual(0.12 * screen);
      // Nothing sticks out of the screen's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(412);
    }
    await expectNoAxeViolations(page);
  });
}

test('item 13: step 2 asks about school and 儿童白血病 only where the age allows it', async ({ page }) => {
  await answerSteps(page);
  // The applicant is 76 (her ID number), her son 40, a grandchild 9.
  const response = await page.request.post('/apply/step/2', {
    form: {
      member_count: '2', action: 'resize',
      'members[0].relationship': '儿子', 'members[0].name': '李强', 'members[0].age': '40',
      'members[1].relationship': '孙女', 'members[1].name': '李小红', 'members[1].age': '9',
    },
  });
  expect(response.ok()).toBeTruthy();
  await page.goto('/apply/step/2');
  await expect(page.locator('select[name="applicant.student"]')).toHaveCount(0);
  await expect(page.locator('select[name="members[0].student"]')).toHaveCount(0);
  await expect(page.locator('select[name="members[1].student"]')).toHaveCount(1);
  await expect(page.locator('select[name="applicant.special_disease"] option[value="childhood_leukemia"]')).toHaveCount(0);
  await expect(page.locator('select[name="members[1].special_disease"] option[value="childhood_leukemia"]')).toHaveCount(1);
  // The other illnesses of the notice are asked of everyone.
  await expect(page.locator('select[name="applicant.special_disease"] option[value="pneumoconiosis"]')).toHaveCount(1);
  await expectNoAxeViolations(page);
});
