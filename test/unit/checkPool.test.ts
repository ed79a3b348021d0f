import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { threadsFor } from '../../server/src/node/checkPool';

describe('check --concurrency: the threads a run checks on', () => {
  it('auto uses half the cores, as ESLint does: one thread on 2 cores, four on 8', () => {
    assert.equal(threadsFor('auto', 2000, 2), 1);
    assert.equal(threadsFor('auto', 2000, 3), 1);
    assert.equal(threadsFor('auto', 2000, 8), 4);
  });

  it('auto starts no more threads than the files are worth (32 each)', () => {
    assert.equal(threadsFor('auto', 40, 8), 1);
    assert.equal(threadsFor('auto', 64, 8), 2);
    assert.equal(threadsFor('auto', 0, 8), 1);
  });

  it('off is the main thread alone; a number is taken as given, up to the files', () => {
    assert.equal(threadsFor('off', 2000, 8), 1);
    assert.equal(threadsFor(2, 2000, 2), 2);
    assert.equal(threadsFor(6, 3, 8), 3);
  });
});
