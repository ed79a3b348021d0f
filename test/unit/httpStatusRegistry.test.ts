import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  getRegisteredStatus,
  getRegisteredStatuses,
} from '../../server/src/service/contracts/httpStatusRegistry';

// The assigned codes of the IANA HTTP Status Code Registry.
const ianaCodes = [
  100, 101, 102, 103, 104, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303,
  304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413,
  414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503,
  504, 505, 506, 507, 508, 510, 511,
];

describe('HTTP status registry', () => {
  it('holds exactly the IANA-registered codes', () => {
    assert.deepEqual(
      getRegisteredStatuses().map((s) => s.code),
      ianaCodes,
    );
  });

  it('uses the RFC 9110 names', () => {
    assert.equal(getRegisteredStatus(413)?.title, 'Content Too Large');
    assert.equal(getRegisteredStatus(422)?.title, 'Unprocessable Content');
    assert.equal(getRegisteredStatus(429)?.title, 'Too Many Requests');
  });

  it('gives each error a client action and a link', () => {
    for (const status of getRegisteredStatuses()) {
      assert.ok(status.href.startsWith('https://'), `${status.code} has a link`);
      assert.ok(status.meaning.length > 10, `${status.code} has a meaning`);
      if (status.code >= 400)
        assert.notEqual(status.action, 'none', `${status.code} has an action`);
    }
    assert.equal(getRegisteredStatus(503)?.action, 'back-off-and-retry');
    assert.equal(getRegisteredStatus(401)?.action, 're-authenticate');
    assert.equal(getRegisteredStatus(400)?.action, 'fix-request');
  });
});
