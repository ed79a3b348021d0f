// A person opens the extension's page from the Extensions view (the extension installed from its
// .vsix): the user README renders, with the icon; every image the packaged README references is a
// file inside the package (nothing points at example.invalid or any host).
//
// VS Code's extension page keeps only http(s) image sources in the README of an extension
// installed from a .vsix (relative and data: sources are removed by its sanitizer), so without a
// public host for the images the page shows their alt text; GitHub and the Markdown preview show
// the images. Screenshot: test-results/e2e/extension-page.png.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorkbench } from './workbench.mjs';

/** The extension as installed from the .vsix (the runner installs into `<tmp>/extensions`). */
function installedExtension(workspaceDir) {
  const extensions = join(dirname(workspaceDir), 'extensions');
  const name = readdirSync(extensions).find((each) => each.startsWith('api-error-contracts.'));
  assert.ok(name, `the extension is installed in ${extensions}`);
  return join(extensions, name);
}

export default async function extensionPageCheck({
  page,
  workbenchUrl,
  workspaceDir,
  resultsDir,
  log,
}) {
  const installed = installedExtension(workspaceDir);
  // vsce stores it as readme.md.
  const readmeName = readdirSync(installed).find((each) => each.toLowerCase() === 'readme.md');
  assert.ok(readmeName, 'the package holds the README');
  const readmeText = readFileSync(join(installed, readmeName), 'utf8');
  const images = [...readmeText.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((each) => ({
    alt: each[1],
    src: each[2],
  }));
  assert.ok(images.length >= 2, 'the README shows the hover and the quick fix');
  for (const image of images) {
    assert.doesNotMatch(image.src, /^[a-z]+:/i, `${image.src} is a path inside the package`);
    assert.ok(existsSync(join(installed, image.src)), `${image.src} is in the package`);
  }
  assert.doesNotMatch(readmeText, /example\.invalid/);

  await openWorkbench(page, workbenchUrl);
  // The Extensions commands are registered once the workbench's extension management is up,
  // which can be after the workbench shows: ask again until the palette lists the command.
  const command = page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'Show Installed Extensions' })
    .first();
  const paletteDeadline = Date.now() + 90_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('>Extensions: Show Installed Extensions');
    const listed = await command
      .waitFor({ state: 'visible', timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (listed) break;
    if (Date.now() > paletteDeadline)
      throw new Error('the command palette never listed Extensions: Show Installed Extensions');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_000);
  }
  await command.click();
  const entry = page
    .locator('.extensions-viewlet .monaco-list-row', { hasText: 'API Error Contracts' })
    .first();
  await entry.waitFor({ state: 'visible', timeout: 60_000 });
  await entry.click();
  const editor = page.locator('.extension-editor').first();
  await editor
    .locator('.name', { hasText: 'API Error Contracts' })
    .first()
    .waitFor({ state: 'visible', timeout: 30_000 });
  const icon = editor.locator('.icon-container img').first();
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  assert.ok(await icon.evaluate((img) => img.complete && img.naturalWidth > 0), 'the icon shows');
  // The README webview: the frame whose document holds its heading.
  const deadline = Date.now() + 60_000;
  let readme;
  while (!readme) {
    for (const frame of page.frames()) {
      const headings = await frame
        .locator('h2')
        .allTextContents()
        .catch(() => []);
      if (!headings.includes('Getting started')) continue;
      readme = { text: await frame.locator('body').innerText() };
    }
    if (!readme && Date.now() > deadline) throw new Error('the README did not render');
    if (!readme) await page.waitForTimeout(200);
  }
  assert.match(readme.text, /documented error contracts of HTTP APIs/);
  assert.match(readme.text, /A code lens above each call/);
  assert.match(readme.text, /apiErrorContracts\.codeLens\.enable/);
  assert.doesNotMatch(
    readme.text,
    /npm run (build|test)/,
    'the development part is in CONTRIBUTING.md',
  );
  await page.screenshot({ path: join(resultsDir, 'extension-page.png') });
  log(
    `the extension page shows the user README; its ${images.length} images are files in the package; screenshot test-results/e2e/extension-page.png`,
  );
}
