// The dashboards in a real browser (Debian's Chromium driven by playwright-core): every page
// loads without console errors at desktop and phone width, with and without JavaScript;
// the filter form changes the figures; the language switch works and is remembered; axe-core
// finds no serious or critical accessibility violation. Screenshots of every page are saved
// in tests/artifacts/screenshots/ for people to look at.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/log.ts';
import { startServer } from '../server/serve.ts';
import { createSandbox, runSample, type Sandbox } from './helpers/pipeline.ts';

const CHROMIUM = process.env.SINERGI_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = path.join(import.meta.dirname, 'artifacts', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// CI installs Chromium (.ci/run) and must run these; elsewhere they need `apt-get install chromium`.
const available = fs.existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

// The counsellor's desk, for a welder with SMK in Jawa Barat (typed in both languages, with one unknown word).
const MATCH_QUERY = 'skills=las%2C+SMAW%2C+technical+drawing%2C+Microsoft+Excel%2C+blabla&education=SMK&region=32';
const PAGES: [string, string][] = [
  ['overview', '/'], ['skills', '/skills'], ['gaps', '/gaps'], ['regions', '/regions'], ['region-32', '/regions/32'],
  ['occupations', '/occupations'], ['occupation-72', '/occupations/72'], ['matching', '/matching'], ['training', '/training'],
  ['seekers', '/seekers'], ['methodology', '/methodology'], ['data', '/data'], ['error-400', '/?period=2025-13'],
  // The states of issue 14: emerging skills not computable yet, both gap statuses with a sector, a province whose regencies have ratio 0.
  ['skills-2024-03', '/skills?period=2024-03'], ['gaps-32-C', '/gaps?period=2025-06&region=32&sector=C'], ['region-96', '/regions/96?period=2025-12'],
  ['seekers-92', '/seekers?region=92'], ['overview-2024-06', '/?period=2024-06'],
  // Issue 16: the apprenticeship view, and a page filtered by employment type.
  ['apprenticeships', '/apprenticeships'], ['gaps-apprenticeship', '/gaps?period=2025-06&employment_type=apprenticeship'],
  // Issue 17: a skill's page, search results, regions compared.
  ['skill-welding-32', '/skills/welding?region=32'], ['search-las', '/search?q=las'], ['compare-32-35', '/compare?regions=32,35'],
  // Issue 17: a skill's page nationally, and the occupation drill-down to 4 digits in a province.
  ['skill-welding', '/skills/welding'], ['occupation-7212-32', '/occupations/7212?region=32'],
  ['match', '/match'], ['match-result', `/match?${MATCH_QUERY}`], ['match-result-en', `/match?${MATCH_QUERY}&lang=en`], ['match-print', `/match/print?${MATCH_QUERY}`],
];
const ADMIN_TOKEN = 'browser-test-admin-token-0123';
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } };

let sandbox: Sandbox;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

describe.skipIf(!available)('dashboards in Chromium', () => {
  beforeAll(async () => {
    sandbox = createSandbox();
    await runSample(sandbox);
    server = await startServer({ db: sandbox.db, port: 0, minCell: 5, adminToken: ADMIN_TOKEN, inbox: path.join(sandbox.dir, 'inbox') }, silentLogger(), async () => {});
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => { await browser?.close(); await server?.close(); sandbox?.cleanup(); });

  /** Open a page, failing on any console error or uncaught exception. */
  async function open(route: string, options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean; bypassCSP?: boolean } = {}): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
    const context = await browser.newContext({ viewport: options.viewport ?? VIEWPORTS.desktop, javaScriptEnabled: options.javaScriptEnabled ?? true, bypassCSP: options.bypassCSP ?? false });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && !(route.startsWith('/?period=2025-13') && m.text().includes('400'))) errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${route}`);
    return { page, errors, close: () => context.close() };
  }

  /** axe-core's serious and critical violations (WCAG 2.1 A/AA and best practice), with where they are. */
  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
  }

  it.each(PAGES)('%s (%s) loads without console errors; screenshots at desktop and phone width', async (name, route) => {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const { page, errors, close } = await open(route, { viewport });
      expect(await page.locator('h1').count()).toBe(1);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${size}.png`), fullPage: true });
      expect(errors, `${route} at ${size}`).toEqual([]);
      await close();
    }
  });

  /** What a phone reader would see go wrong: the page or a chart box wider than the screen, the smallest chart text drawn. */
  async function layoutProblems(page: Page): Promise<{ pageOverflow: number; chartOverflows: string[]; smallestText: number; smallestWhere: string; visibleCharts: number }> {
    return page.evaluate(() => {
      const pageOverflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      const chartOverflows = [...document.querySelectorAll('.chart')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.closest('figure')?.id ?? '?');
      let smallestText = Infinity;
      let smallestWhere = '';
      let visibleCharts = 0;
      for (const svg of document.querySelectorAll<SVGSVGElement>('svg.plot')) {
        const box = svg.getBoundingClientRect();
        if (box.width === 0) continue;
        visibleCharts += 1;
        // Drawn size = font size × how much the SVG is scaled to fit its box.
        const scale = box.width / Number(svg.getAttribute('width'));
        for (const t of svg.querySelectorAll('text')) {
          const px = parseFloat(getComputedStyle(t).fontSize) * scale;
          if (px < smallestText) { smallestText = px; smallestWhere = `${svg.closest('figure')?.id}: ${t.textContent}`; }
        }
      }
      return { pageOverflow, chartOverflows, smallestText, smallestWhere, visibleCharts };
    });
  }

  it.each(PAGES.filter(([name]) => !name.startsWith('match')))('%s at 390 px: nothing scrolls sideways, chart text at least 11 px; at 1280 px the desktop charts', async (name, route) => {
    for (const width of [390, 1280]) {
      const { page, close } = await open(route, { viewport: { width, height: 844 }, javaScriptEnabled: false });
      const layout = await layoutProblems(page);
      expect(layout.pageOverflow, `${route} at ${width}: page wider than the screen`).toBeLessThanOrEqual(0);
      expect(layout.chartOverflows, `${route} at ${width}: chart boxes that scroll`).toEqual([]);
      if (layout.visibleCharts > 0) expect(layout.smallestText, `${route} at ${width}: ${layout.smallestWhere}`).toBeGreaterThanOrEqual(11);
      // One variant of each chart is shown: the phone's below 40rem, the desktop's above.
      const shown = await page.locator(width === 390 ? '.chart-narrow svg.plot' : '.chart-wide svg.plot').evaluateAll((svgs) => svgs.filter((s) => s.getBoundingClientRect().width > 0).length);
      expect(shown).toBe(layout.visibleCharts);
      if (width === 390 && layout.visibleCharts > 0) expect(await page.locator('.chart-narrow svg.plot').first().getAttribute('width')).toBe('340');
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      await close();
    }
  });

  it('the cases of issue 17 at 390 px: both halves of /gaps, the newest months on /, the whole map, bar values on /regions/32 and /training', async () => {
    const inside = async (page: Page, selector: string) => page.locator(selector).evaluateAll((nodes) => nodes.filter((n) => n.getBoundingClientRect().width > 0 || n.getBoundingClientRect().height > 0)
      .map((n) => { const b = n.getBoundingClientRect(); return b.left >= 0 && b.right <= 390; }));
    const phone = { viewport: { width: 390, height: 844 } };
    let { page, close } = await open('/gaps', phone);
    const bars = await inside(page, '#fig-imbalance .chart-narrow g[data-mark="bar"] rect');
    expect(bars.length).toBeGreaterThan(2);
    expect(bars.every(Boolean)).toBe(true);
    await close();
    ({ page, close } = await open('/', phone));
    const months = await page.locator('#fig-ratio .chart-narrow g[data-mark="x-axis tick label"] text').allTextContents();
    expect(months.at(-1)).toBe('Des 25');
    expect((await inside(page, '#fig-ratio .chart-narrow g[data-mark="dot"] circle')).every(Boolean)).toBe(true);
    const dots = await inside(page, '#fig-map .chart-narrow g[data-mark="dot"] circle');
    expect(dots).toHaveLength(38);
    expect(dots.every(Boolean)).toBe(true);
    await close();
    for (const [route, figure] of [['/regions/32', 'regencies'], ['/training', 'programmes']]) {
      ({ page, close } = await open(route, phone));
      const values = await inside(page, `#fig-${figure} .chart-narrow g[data-mark="text"] text`);
      expect(values.length, route).toBeGreaterThan(4);
      expect(values.every(Boolean), route).toBe(true);
      await close();
    }
  });

  it.each(PAGES.filter(([name]) => name !== 'data'))('%s: axe-core finds no serious or critical violation', async (_name, route) => {
    const { page, close } = await open(route, { bypassCSP: true });
    expect(await seriousViolations(page)).toEqual([]);
    await close();
  });

  it('the filter form changes the figures, and the URL can be shared', async () => {
    const { page, close } = await open('/');
    const national = await page.locator('.headline .value').first().textContent();
    await page.selectOption('#f-region', '32');
    await Promise.all([page.waitForURL(/region=32/), page.click('form.filters button[type="submit"]')]);
    const jabar = await page.locator('.headline .value').first().textContent();
    expect(jabar).not.toBe(national);
    expect(await page.locator('#fig-ratio h2').textContent()).toContain('Jawa Barat');
    const shared = page.url();
    await close();
    const again = await open(new URL(shared).pathname + new URL(shared).search);
    expect(await again.page.locator('.headline .value').first().textContent()).toBe(jabar);
    await again.close();
  });

  it('the language switch turns the page into English and the choice is remembered', async () => {
    const { page, close } = await open('/gaps');
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await Promise.all([page.waitForURL(/lang=en/), page.click('a.lang')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Skill gaps');
    await Promise.all([page.waitForURL(/\/matching/), page.click('nav a[href="/matching"]')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Matching vacancies and job seekers');
    await close();
  });

  it('admin: sign in with the token, see the runs and the quarantine; no serious accessibility violation', async () => {
    const { page, errors, close } = await open('/admin', { bypassCSP: true });
    await page.fill('#token', ADMIN_TOKEN);
    await Promise.all([page.waitForSelector('.run-record'), page.click('form.login button')]);
    expect(await page.locator('.run-record').count()).toBeGreaterThan(0);
    expect(await page.locator('section.section table tbody tr').count()).toBeGreaterThan(10);
    await page.screenshot({ path: path.join(SHOTS, 'admin-desktop.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await close();
  });

  it("the counsellor's desk works without JavaScript: the form submits and shows matches", async () => {
    const { page, errors, close } = await open('/match', { javaScriptEnabled: false });
    expect(await page.locator('.skill-adder').isVisible()).toBe(false);
    await page.fill('#m-skills', 'las, SMAW\nmenggambar teknik');
    await page.selectOption('#m-education', 'SMK');
    await page.selectOption('#m-region', '32');
    await Promise.all([page.waitForURL(/skills=/), page.click('form.match-form button[type="submit"]')]);
    expect(await page.locator('.skill-list li').count()).toBe(3);
    expect(await page.locator('#m-near-title').count()).toBe(1);
    expect(await page.locator('section.section table').count()).toBeGreaterThan(1);
    expect(errors).toEqual([]);
    await close();
  });

  it("the counsellor's desk print view is one A4 page", async () => {
    const { page, close } = await open(`/match/print?${MATCH_QUERY}`);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await close();
  });

  it("the counsellor's desk with JavaScript: a skill chosen from the list is added to the text", async () => {
    const { page, errors, close } = await open('/match');
    await page.fill('#m-skills', 'las');
    await page.fill('#m-add', 'Gambar Teknik');
    await page.click('#m-add-button');
    expect(await page.inputValue('#m-skills')).toBe('las, Gambar Teknik');
    expect(errors).toEqual([]);
    await close();
  });

  it('search without JavaScript: the header form finds a skill and its result opens the skill page', async () => {
    const { page, errors, close } = await open('/gaps', { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    await page.fill('#site-q', 'Pengelásan');
    await Promise.all([page.waitForURL(/\/search\?/), page.click('header form.search button')]);
    expect(await page.locator('h1').textContent()).toBe('Hasil pencarian: “Pengelásan”');
    await Promise.all([page.waitForURL(/\/skills\/welding/), page.click('section.section table a[href="/skills/welding"]')]);
    expect(await page.locator('h1').textContent()).toBe('Pengelasan');
    expect(await page.locator('#fig-skill-where .chart-narrow svg.plot').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('tables sort without JavaScript, and the region switcher opens another profile', async () => {
    const { page, errors, close } = await open('/regions', { javaScriptEnabled: false });
    await Promise.all([page.waitForURL(/sort=-active_openings/), page.click('section.section th a.sort >> nth=1')]);
    expect(await page.locator('section.section th[aria-sort="descending"]').count()).toBe(1);
    // The whole table is on the page, not in a scroll box of its own.
    expect(await page.locator('section.section .table-wrap').evaluate((w) => w.scrollHeight <= w.clientHeight + 1)).toBe(true);
    await Promise.all([page.waitForURL(/\/regions\/32\?/), page.click('section.section table a >> text=Jawa Barat')]);
    await page.selectOption('#switch-region', '35');
    await Promise.all([page.waitForURL(/\/regions\/35\?/), page.click('form.switcher button')]);
    expect(await page.locator('h1').textContent()).toBe('Jawa Timur');
    expect(errors).toEqual([]);
    await close();
  });

  it('compare without JavaScript: choosing a third region in the form adds it', async () => {
    const { page, errors, close } = await open('/compare?regions=32,35', { javaScriptEnabled: false });
    await page.selectOption('#f-regions-3', '31');
    await Promise.all([page.waitForURL(/regions=31/), page.click('form.filters button[type="submit"]')]);
    expect(await page.locator('h1').textContent()).toBe('Perbandingan wilayah: Jawa Barat · Jawa Timur · DKI Jakarta');
    expect(await page.locator('#fig-compare-ratio .legend li').count()).toBe(4);
    expect(errors).toEqual([]);
    await close();
  });

  it('occupations drill down without JavaScript, 1 → 2 → 3 → 4 digits, each level linking to the ones above', async () => {
    const { page, errors, close } = await open('/occupations?region=32', { javaScriptEnabled: false });
    // Hello Work's three figures side by side for every major group, the table shown open.
    const header = await page.locator('#fig-occupation-ratio table thead th').allTextContents();
    expect(header).toEqual(['Golongan jabatan', 'Lowongan baru', 'Lowongan aktif', 'Pencari kerja aktif yang meminati', 'Lowongan aktif per pencari kerja aktif']);
    expect(await page.locator('#fig-occupation-ratio details[open]').count()).toBeGreaterThan(0);
    for (const [code, title] of [['7', '7 Pekerja Pengolahan, Kerajinan dan YBDI'], ['72', '72 Pekerja Logam, Mesin dan YBDI'], ['721', '721 Pekerja Pelat dan Konstruksi Logam, Pembuat Cetakan Logam, Tukang Las dan YBDI'], ['7212', '7212 Tukang Las dan Pemotong Logam']]) {
      await Promise.all([page.waitForURL(new RegExp(`/occupations/${code}\\?`)), page.click(`table a[href^="/occupations/${code}?"] >> nth=0`)]);
      expect(await page.locator('h1').textContent()).toBe(title);
      // The region chosen stays chosen all the way down.
      expect(page.url()).toContain('region=32');
      const up = await page.locator('.related a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
      expect(up).toEqual(['/occupations', ...[1, 2, 3].filter((n) => n < code.length).map((n) => `/occupations/${code.slice(0, n)}`)]);
    }
    // The last level has no sub-groups: its three figures are headlines, and its trend is drawn.
    expect(await page.locator('#fig-occupation-children').count()).toBe(0);
    expect(await page.locator('.headline').count()).toBe(3);
    expect(await page.locator('#fig-occupation-trend svg.plot').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('chart export: the SVG and PNG links of a figure fit at 1280 and 390 px and open as images with the title, region and source inside', async () => {
    for (const width of [1280, 390]) {
      const { page, errors, close } = await open('/occupations/72?region=32', { viewport: { width, height: 844 } });
      const links = page.locator('#fig-occupation-children .image-links a');
      expect(await links.allTextContents()).toEqual(['SVG', 'PNG']);
      // The links fit on a phone and are big enough to hit.
      for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.right).toBeLessThanOrEqual(width);
        expect(box.height).toBeGreaterThanOrEqual(16);
      }
      const [svgHref, pngHref] = await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      expect(new URL(svgHref).pathname).toBe('/occupations/72/chart/occupation-children.svg');
      expect(new URL(svgHref).searchParams.get('region')).toBe('32');
      expect(new URL(pngHref).pathname).toBe('/occupations/72/chart/occupation-children.png');
      if (width === 390) { expect(errors).toEqual([]); await close(); continue; }
      // The SVG drawn by the browser itself: the figure's title and the source line are in it.
      const svg = await browser.newPage();
      await svg.goto(svgHref);
      const text = (await svg.locator('svg text').allTextContents()).join(' ');
      expect(text).toContain('72 Pekerja Logam, Mesin dan YBDI');
      expect(text).toContain('Jawa Barat');
      expect(text).toMatch(/Sumber|Source/);
      // The PNG decoded by the browser: an image of the SVG's aspect at twice its size.
      const size = await svg.evaluate(async (href) => {
        const img = new Image();
        img.src = href;
        await img.decode();
        return { width: img.naturalWidth, height: img.naturalHeight };
      }, pngHref);
      const drawn = await svg.locator('svg').first().evaluate((s) => ({ width: Number(s.getAttribute('width')), height: Number(s.getAttribute('height')) }));
      expect(size).toEqual({ width: drawn.width * 2, height: drawn.height * 2 });
      await svg.close();
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('works with JavaScript turned off: charts are there and the filter form submits', async () => {
    const { page, errors, close } = await open('/skills', { javaScriptEnabled: false });
    expect(await page.locator('figure svg.plot').count()).toBeGreaterThan(2);
    await page.selectOption('#f-sector', 'C');
    await Promise.all([page.waitForURL(/sector=C/), page.click('form.filters button[type="submit"]')]);
    expect(await page.locator('#f-sector').inputValue()).toBe('C');
    expect(errors).toEqual([]);
    await close();
  });
});
