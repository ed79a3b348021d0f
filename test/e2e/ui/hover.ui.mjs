// A person opens a failed response from the Explorer and hovers its status: the hover names the
// status (RFC 9110) and says what a client should do. Screenshot: test-results/e2e/hover.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { hoverUntil, openFromExplorer, openWorkbench, token } from './workbench.mjs';

export default async function hoverCheck({ page, workbenchUrl, resultsDir, log }) {
  await openWorkbench(page, workbenchUrl);
  const editor = await openFromExplorer(page, 'response.json', 'Service Unavailable');
  log('response.json is open');
  const hover = await hoverUntil(page, token(editor, '503'), 'Service Unavailable');
  const text = await hover.innerText();
  assert.match(text, /503/);
  assert.match(text, /Service Unavailable/);
  assert.match(text, /Retry-After/);
  assert.ok(
    (await hover.locator('a', { hasText: /RFC 9110/i }).count()) > 0 || /RFC 9110/i.test(text),
    'the hover links to RFC 9110',
  );
  await page.screenshot({ path: join(resultsDir, 'hover.png') });
  log('hover shows; screenshot test-results/e2e/hover.png');
}
