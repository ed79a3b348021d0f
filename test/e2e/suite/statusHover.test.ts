import * as assert from 'node:assert/strict';
import { openWorkspaceFile, positionOf, waitForHover } from './helpers';

suite('status hover', () => {
  test('hovering a status in response JSON shows its RFC 9110 name and what to do', async () => {
    const { document } = await openWorkspaceFile('response.json');
    const text = await waitForHover(
      document.uri,
      positionOf(document, '503'),
      'Service Unavailable',
    );
    assert.match(text, /503/);
    assert.match(text, /Retry-After/);
    assert.match(text, /rfc-editor\.org\/rfc\/rfc9110/i, 'links to the RFC 9110 section');
  });

  test('hovering a status compared in TypeScript client code shows its name', async () => {
    const { document } = await openWorkspaceFile('client.ts');
    const text = await waitForHover(document.uri, positionOf(document, '404'), 'Not Found');
    assert.match(text, /404/);
  });
});
