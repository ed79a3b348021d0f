// A new user opens the walkthrough, clicks "Open the Example Project": the examples open in the
// window with the DAM client, whose call shows its code lens.
// Screenshots: test-results/e2e/walkthrough.png, walkthrough-examples.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openWorkbench } from './workbench.mjs';

export default async function walkthroughCheck({ page, workbenchUrl, resultsDir, log }) {
  await openWorkbench(page, workbenchUrl);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input').first();
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill('>Welcome: Open Walkthrough');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Open Walkthrough' })
    .first()
    .click();
  await page
    .locator('.quick-input-list .monaco-list-row', {
      hasText: 'Get Started with API Error Contracts',
    })
    .first()
    .click();
  const walkthrough = page.locator('.gettingStartedContainer').first();
  await walkthrough
    .locator('h2', { hasText: 'Get Started with API Error Contracts' })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  for (const step of [
    'Open the example project',
    'Hover a call or a status',
    'Fix the status the call does not handle',
    'Tie your calls to their APIs',
  ])
    await walkthrough
      .locator('.step-title', { hasText: step })
      .first()
      .waitFor({ state: 'visible' });
  await page.screenshot({ path: join(resultsDir, 'walkthrough.png') });
  log('walkthrough shows its four steps; screenshot test-results/e2e/walkthrough.png');

  // The hover step shows its screenshot, from the package, beside the steps.
  await page.keyboard.press('Control+B');
  await walkthrough.locator('.step-title', { hasText: 'Hover a call or a status' }).first().click();
  const media = page.locator('.getting-started-media img[alt*="DELETE /image/{id}"]').first();
  await media.waitFor({ state: 'visible', timeout: 30_000 });
  const loaded = await media
    .evaluate(
      (img) =>
        new Promise((resolve) => {
          if (img.complete) resolve(img.naturalWidth > 0);
          img.addEventListener('load', () => resolve(true));
          img.addEventListener('error', () => resolve(false));
        }),
    )
    .catch(() => false);
  assert.ok(loaded, `the hover step's image loads: ${await media.getAttribute('src')}`);
  await page.screenshot({ path: join(resultsDir, 'walkthrough-hover-step.png') });
  log('the hover step shows its image; screenshot test-results/e2e/walkthrough-hover-step.png');
  await page.keyboard.press('Control+B');
  await walkthrough.locator('.step-title', { hasText: 'Open the example project' }).first().click();

  await walkthrough
    .locator('.button-link, .monaco-button', { hasText: 'Open the Example Project' })
    .first()
    .click();
  // The window reopens on the examples' copy, and the DAM client opens there.
  await page
    .locator('.tabs-container .tab.active', { hasText: 'damImages.ts' })
    .waitFor({ state: 'visible', timeout: 90_000 });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  const lens = editor.locator('.codelens-decoration', { hasText: 'DELETE /image/{id}' }).first();
  await lens.waitFor({ state: 'visible', timeout: 60_000 });
  assert.match(await lens.innerText(), /Sales Layer DAM · \d+ documented · 409/);
  const explorer = await page.locator('.explorer-folders-view').innerText();
  assert.match(explorer, /api-error-contracts\.json/);
  await page.screenshot({ path: join(resultsDir, 'walkthrough-examples.png') });
  log(
    'the examples open with the DAM client; screenshot test-results/e2e/walkthrough-examples.png',
  );
}
