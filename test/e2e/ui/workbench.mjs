// Helpers for the UI checks: what a person does in the workbench, with the waits that make it
// reliable (poll for a condition; never sleep a fixed time).

/** Opens the workbench on the e2e workspace and waits until the Explorer lists its files. */
export async function openWorkbench(page, workbenchUrl) {
  await page.goto(workbenchUrl);
  await page
    .locator('.explorer-folders-view .monaco-list-row')
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/** Clicks a file in the Explorer tree and waits until its editor shows `expectedText`. */
export async function openFromExplorer(page, fileName, expectedText) {
  const row = page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: fileName })
    .first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  await row.click();
  await page
    .locator('.tabs-container .tab.active', { hasText: fileName })
    .waitFor({ state: 'visible', timeout: 30_000 });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor
    .locator('.view-lines', { hasText: expectedText })
    .waitFor({ state: 'visible', timeout: 30_000 });
  return editor;
}

/** The rendered token that is exactly `text` (Monaco renders each token as a span). */
export function token(editor, text) {
  return editor
    .locator('.view-lines .view-line span span', { hasText: new RegExp(`^${escape(text)}$`) })
    .first();
}

/**
 * Moves the mouse onto `target` until a hover containing `expected` shows, and returns that hover.
 * The language server answers only once the extension has activated and the server has started,
 * so early hovers are empty: each try moves away first, so the next move is a fresh hover.
 */
export async function hoverUntil(page, target, expected, { timeoutMs = 60_000 } = {}) {
  const hover = page.locator('.monaco-hover', { hasText: expected }).first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const box = await target.boundingBox();
    if (box) {
      await page.mouse.move(5, 5);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      try {
        await hover.waitFor({
          state: 'visible',
          timeout: Math.min(3_000, Math.max(deadline - Date.now(), 1)),
        });
        return hover;
      } catch {
        // No hover yet, or one without the expected text: try again until the deadline.
      }
    }
    if (Date.now() > deadline) {
      const seen = (
        await page
          .locator('.monaco-hover')
          .allInnerTexts()
          .catch(() => [])
      ).join('\n---\n');
      throw new Error(
        `no hover containing "${expected}" after ${attempt} tries in ${timeoutMs} ms; ${seen ? `hover read:\n${seen}` : 'no hover showed'}`,
      );
    }
  }
}

/**
 * Puts the cursor on `target` and opens the quick-fix menu (Ctrl+.) until it lists `expected`,
 * and returns that menu. Code actions come from the server after its diagnostics, and a menu
 * opened before them lists none: each try closes the menu and clicks the target again.
 */
export async function quickFixMenuUntil(page, target, expected, { timeoutMs = 60_000 } = {}) {
  const menu = page.locator('.action-widget', { hasText: expected }).first();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await target.click();
    await page.keyboard.press('Control+.');
    try {
      await menu.waitFor({
        state: 'visible',
        timeout: Math.min(5_000, Math.max(deadline - Date.now(), 1)),
      });
      return menu;
    } catch {
      // No menu yet, or one without the expected action: try again until the deadline.
    }
    if (Date.now() > deadline) {
      const seen = (
        await page
          .locator('.action-widget')
          .allInnerTexts()
          .catch(() => [])
      ).join('\n---\n');
      throw new Error(
        `no quick-fix menu listing "${expected}" after ${attempt} tries in ${timeoutMs} ms; ${seen ? `menu read:\n${seen}` : 'no menu showed'}`,
      );
    }
  }
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
