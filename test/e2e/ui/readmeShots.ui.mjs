// The README's screenshots, taken as a person sees them: the hover on a DAM call's URL (the
// contract and this call's handling) and the quick fixes for its 409. Written to
// test-results/e2e/readme-hover.png and readme-quickfix.png; `UPDATE_README_IMAGES=1` copies them
// to images/hover.png and images/quickfix.png.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  hoverUntil,
  openFromExplorer,
  openWorkbench,
  quickFixMenuUntil,
  token,
} from './workbench.mjs';

const imagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'images');

/** The editor area only, so the images stay small and readable on the extension page. */
async function shoot(page, file, heightPx) {
  const box = await page.locator('.editor-group-container.active').first().boundingBox();
  await page.screenshot({
    path: file,
    clip: { x: box.x, y: box.y, width: Math.min(box.width, 1100), height: heightPx },
  });
}

export default async function readmeShotsCheck({ page, workbenchUrl, resultsDir, log }) {
  await openWorkbench(page, workbenchUrl);
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: /^code$/ })
    .first()
    .click();
  const editor = await openFromExplorer(page, 'deleteImageNotOk.ts', 'saleslayer');
  await editor.locator('.squiggly-warning').first().waitFor({ state: 'visible', timeout: 60_000 });
  // Close the Explorer, so the editor gets the width.
  await page.keyboard.press('Control+B');
  // The URL is one template token: hover the part of it that names the host.
  const url = editor.locator('.view-lines .view-line span span', { hasText: 'saleslayer' }).first();
  const hover = await hoverUntil(page, url, 'Client action');
  assert.match(await hover.innerText(), /409 Conflict/);
  const hoverShot = join(resultsDir, 'readme-hover.png');
  await shoot(page, hoverShot, 400);
  log('hover on the URL; screenshot test-results/e2e/readme-hover.png');

  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  const menu = await quickFixMenuUntil(
    page,
    token(editor, 'fetch'),
    'with backoff (fetchWithRetry)',
  );
  assert.match(await menu.innerText(), /Handle 409/);
  const fixShot = join(resultsDir, 'readme-quickfix.png');
  await shoot(page, fixShot, 360);
  await page.keyboard.press('Escape');
  log('quick fixes for the 409; screenshot test-results/e2e/readme-quickfix.png');
  if (process.env.UPDATE_README_IMAGES) {
    copyFileSync(hoverShot, join(imagesDir, 'hover.png'));
    copyFileSync(fixShot, join(imagesDir, 'quickfix.png'));
    log('copied to images/hover.png and images/quickfix.png');
  }
}
