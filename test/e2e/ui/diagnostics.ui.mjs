// A person opens a client that deletes a DAM image with only a `!res.ok` check: the call shows a
// warning squiggle, and hovering it tells that 409 (image being processed) is not retried.
// Screenshot: test-results/e2e/diagnostics.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hoverUntil, openFromExplorer, openWorkbench, token } from './workbench.mjs';

export default async function diagnosticsCheck({ page, workbenchUrl, resultsDir, log }) {
  await openWorkbench(page, workbenchUrl);
  // The file sits in the `code` folder: expand it first.
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: /^code$/ })
    .first()
    .click();
  const editor = await openFromExplorer(page, 'deleteImageNotOk.ts', 'saleslayer');
  log('deleteImageNotOk.ts is open');
  await editor.locator('.squiggly-warning').first().waitFor({ state: 'visible', timeout: 60_000 });
  const hover = await hoverUntil(page, token(editor, 'fetch'), '409 Conflict');
  const text = await hover.innerText();
  assert.match(text, /being processed/);
  assert.match(text, /does not handle it/);
  await page.screenshot({ path: join(resultsDir, 'diagnostics.png') });
  log('warning squiggle and hover show; screenshot test-results/e2e/diagnostics.png');
}
