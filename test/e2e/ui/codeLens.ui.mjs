// A person opens a DAM client: above the call, the code lens reads "DELETE /image/{id} · Sales
// Layer DAM · 5 documented · 409, 500 not handled"; clicking it opens the contract beside the
// code; the API Contracts view in the Explorer counts the call under the DAM's 409.
// Screenshots: test-results/e2e/code-lens.png, contract-view.png, contracts-tree.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openFromExplorer, openWorkbench } from './workbench.mjs';

const title = 'DELETE /image/{id} · Sales Layer DAM · 5 documented · 409, 500 not handled';

export default async function codeLensCheck({ page, workbenchUrl, resultsDir, log }) {
  await openWorkbench(page, workbenchUrl);
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: /^code$/ })
    .first()
    .click();
  const editor = await openFromExplorer(page, 'deleteImageNotOk.ts', 'saleslayer');
  const lens = editor.locator('.codelens-decoration', { hasText: '409' }).first();
  await lens.waitFor({ state: 'visible', timeout: 60_000 });
  assert.equal((await lens.innerText()).trim(), title);
  await page.screenshot({ path: join(resultsDir, 'code-lens.png') });
  log(`code lens reads "${title}"; screenshot test-results/e2e/code-lens.png`);

  await lens.locator('a').first().click();
  const tab = page.locator('.tabs-container .tab', { hasText: 'Contract: DELETE /image/{id}' });
  await tab.first().waitFor({ state: 'visible', timeout: 30_000 });
  // The rendered contract lives in the webview's inner frame.
  const body = page
    .frameLocator('iframe.webview.ready')
    .first()
    .frameLocator('iframe')
    .locator('body');
  await body.locator('table').waitFor({ state: 'visible', timeout: 30_000 });
  const text = await body.innerText();
  assert.match(text, /409 Conflict/);
  assert.match(text, /not handled/);
  await page.screenshot({ path: join(resultsDir, 'contract-view.png') });
  log('the lens opens the rendered contract; screenshot test-results/e2e/contract-view.png');

  // The API Contracts section of the Explorer, with the folder's section folded to give it room.
  await page
    .locator('.pane-header', { hasText: /^workspace/i })
    .first()
    .click();
  const header = page.locator('.pane-header', { hasText: 'API Contracts' }).first();
  await header.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const tree = page.locator('.pane', { has: header });
  const dam = tree.locator('.monaco-list-row', { hasText: 'Sales Layer DAM' }).first();
  await dam.waitFor({ state: 'visible', timeout: 60_000 });
  const operation = tree.locator('.monaco-list-row', { hasText: 'DELETE /image/{id}' }).first();
  await operation.click();
  const conflict = tree.locator('.monaco-list-row', { hasText: '409' }).first();
  await conflict.waitFor({ state: 'visible', timeout: 30_000 });
  // Every call of the workspace to the DAM's DELETE only has a generic failure branch.
  assert.match(await conflict.innerText(), /409 Conflict\s*\d+ not handled/);
  await page.screenshot({ path: join(resultsDir, 'contracts-tree.png') });
  log('the API Contracts view counts the call; screenshot test-results/e2e/contracts-tree.png');
}
