import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CHROMIUM,
  hasChromium,
  loginAndCallMe,
  measuredRate,
  openConsolePage,
  takeScreenshots,
} from './console-page.ts';

/**
 * `npm run screenshots`: the console screenshots in docs/ (classroom-live.png, classroom.png,
 * classroom-ko.png), taken the way the browser test drives the page. Tests never write them.
 */
const DOCS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');

if (!hasChromium()) {
  process.stderr.write(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)\n`);
  process.exit(2);
}
const consolePage = await openConsolePage();
try {
  await consolePage.page.waitForFunction(() =>
    /✓ \d+/.test(document.querySelector('.node .ok')?.textContent ?? ''),
  );
  await loginAndCallMe(consolePage.page);
  await measuredRate(consolePage.page);
  for (const file of await takeScreenshots(consolePage.page, DOCS)) process.stdout.write(`${file}\n`);
} finally {
  await consolePage.close();
}
