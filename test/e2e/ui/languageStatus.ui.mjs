// A person opens a client of a spec the workspace describes: the language status of the file
// says what was loaded ("API contracts: 2 specs, 0 catalogs, … operations"), with the error of
// the spec whose $ref does not resolve. Screenshot: test-results/e2e/language-status.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openFromExplorer, openWorkbench } from './workbench.mjs';

export default async function languageStatusCheck({ page, workbenchUrl, resultsDir, log }) {
  await openWorkbench(page, workbenchUrl);
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: /^openapi$/ })
    .first()
    .click();
  await openFromExplorer(page, 'deleteImage.ts', 'images.example.com');
  log('deleteImage.ts is open');
  const indicator = page.locator('[id="status.languageStatus"]').first();
  await indicator.waitFor({ state: 'visible', timeout: 60_000 });
  const hover = page.locator('.monaco-hover', { hasText: 'API contracts:' }).first();
  const deadline = Date.now() + 60_000;
  let text = '';
  for (;;) {
    await page.mouse.move(5, 5);
    await indicator.hover();
    try {
      await hover.waitFor({ state: 'visible', timeout: 3_000 });
      text = await hover.innerText();
      if (/operations/.test(text)) break;
    } catch {
      // Not shown yet, or still loading: hover again.
    }
    if (Date.now() > deadline)
      throw new Error(`no language status with the loaded contracts; last read: ${text}`);
  }
  assert.match(text, /API contracts: 2 specs, 0 catalogs, \d+ operations/);
  assert.match(text, /1 error · openapi\/inventory\.yaml/);
  assert.match(text, /Show Log/);
  await page.screenshot({ path: join(resultsDir, 'language-status.png') });
  log(
    'language status shows the loaded contracts; screenshot test-results/e2e/language-status.png',
  );
}
