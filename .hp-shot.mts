import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const [,, ...routes] = process.argv;
for (const spec of routes) {
  const [name, route, width] = spec.split('|');
  const page = await browser.newPage({ viewport: { width: Number(width ?? 1366), height: 900 } });
  await page.goto(`http://localhost:47123${route}`);
  await page.screenshot({ path: `/tmp/hp/${name}.png`, fullPage: true });
  await page.close();
}
await browser.close();
