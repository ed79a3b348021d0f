import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getBuiltinContracts } from '../../server/src/service/contracts/builtinContracts';
import { createContractIndex } from '../../server/src/service/contracts/createContractIndex';
import type {
  ApiContract,
  ClientAction,
  PayloadFormat,
} from '../../server/src/service/contracts/model';

/**
 * Every fact of the five seed documents, written out as a table: each status with its title,
 * client action and every listed cause; each operation with its statuses and causes; each error
 * code with its meaning; the payload format and its members; the advice. A fact the catalogs
 * lose fails here.
 */
interface SeedStatus {
  status: number;
  title: string;
  action: ClientAction;
  /** One pattern per cause the seed lists; each must match one of the entry's causes. */
  causes?: RegExp[];
  /** Patterns the meaning or remedy must contain (configuration names, headers, advice). */
  mentions?: RegExp[];
}
interface SeedOperation {
  method: string;
  path: string;
  statuses: number[];
  causes?: Record<number, RegExp[]>;
  mentions?: Record<number, RegExp[]>;
}
interface SeedApi {
  id: string;
  hosts: string[];
  pathPrefixes?: string[];
  problemTypePrefixes?: string[];
  formats: PayloadFormat[];
  fields?: string[];
  statuses: SeedStatus[];
  /** Statuses the API documents nowhere. */
  absent?: number[];
  /**
   * Whether the seed lists every status the API answers, in its own words; otherwise the
   * statuses it describes are no promise that there are no others.
   */
  statusesExhaustive: boolean;
  /** The members whose codes the seed lists completely. */
  exhaustiveCodeFields: string[];
  operations?: SeedOperation[];
  errorCodes?: {
    field: string;
    code: string;
    meaning: RegExp;
    status?: number;
    retryable?: boolean;
  }[];
  /** Patterns the notes must contain. */
  notes?: RegExp[];
}

const seeds: SeedApi[] = [
  {
    id: 'saleslayer-dam',
    // "Endpoint summary … Possible error codes"; the cross-API page: "DAM API endpoints do not return 403".
    statusesExhaustive: true,
    exhaustiveCodeFields: [],
    hosts: ['api2.saleslayer.com'],
    problemTypePrefixes: ['https://api2.saleslayer.com/errors/'],
    formats: ['problem-details'],
    fields: ['type', 'title', 'status', 'detail', 'instance'],
    statuses: [
      {
        status: 400,
        title: 'Bad Request',
        action: 'fix-request',
        mentions: [/cannot be processed/],
      },
      {
        status: 401,
        title: 'Unauthorized',
        action: 're-authenticate',
        causes: [/`X-API-KEY` header is missing/, /empty/, /invalid/],
        mentions: [/X-API-KEY: YOUR_API_KEY/],
      },
      {
        status: 404,
        title: 'Not Found',
        action: 'fix-request',
        causes: [/identifier is wrong/, /already deleted/, /different tenant/],
      },
      {
        status: 409,
        title: 'Conflict',
        action: 'retry-later',
        causes: [/processing workflow/],
        mentions: [/being processed/, /retry later/i, /lock/],
      },
      {
        status: 500,
        title: 'Internal Server Error',
        action: 'back-off-and-retry',
        causes: [/[Nn]etwork connectivity/, /[Ss]torage service/, /[Dd]atabase/],
        mentions: [/temporary/, /bounded/],
      },
    ],
    absent: [403],
    operations: [
      {
        method: 'GET',
        path: '/image',
        statuses: [400, 401],
        causes: { 400: [/`\$filter`/, /`\$orderby`/, /`\$top`.*`\$skip`/, /API key is invalid/] },
      },
      {
        method: 'DELETE',
        path: '/image/{id}',
        statuses: [400, 401, 404, 409, 500],
        causes: { 400: [/image identifier is invalid/, /request is invalid/] },
        mentions: { 409: [/being processed/, /retry later/i] },
      },
    ],
    notes: [
      // First checks.
      /`X-API-KEY` header, the path and query parameter values, whether the target image exists, and whether it is being processed/,
      // Troubleshooting checklist.
      /`X-API-KEY` header is present and valid/,
      /endpoint path is right/,
      /image `id` is valid when deleting/,
      /query parameters are supported and correctly formatted/,
      /never answers 403/,
    ],
  },
  {
    id: 'saleslayer-catalog',
    // "The current OpenAPI specifications document these error status codes", 409 in DAM operations only.
    statusesExhaustive: true,
    exhaustiveCodeFields: [],
    hosts: ['api2.saleslayer.com'],
    pathPrefixes: ['/rest/Catalog'],
    problemTypePrefixes: ['https://api2.saleslayer.com/errors/'],
    formats: ['validation-failures', 'problem-details'],
    fields: ['validationFailures', 'type', 'title', 'status', 'detail', 'instance'],
    statuses: [
      {
        status: 400,
        title: 'Bad Request',
        action: 'fix-request',
        causes: [/query syntax/, /body/, /not support/, /[Rr]equired data/],
        mentions: [/validationFailures/],
      },
      {
        status: 401,
        title: 'Unauthorized',
        action: 're-authenticate',
        causes: [/missing/, /empty/, /invalid/],
        mentions: [/X-API-KEY/],
      },
      {
        status: 403,
        title: 'Forbidden',
        action: 'check-permissions',
        mentions: [/authenticated/, /Only Catalog operations/],
      },
      {
        status: 404,
        title: 'Not Found',
        action: 'fix-request',
        causes: [/identifier is wrong/, /deleted/, /account context/],
      },
      {
        status: 500,
        title: 'Internal Server Error',
        action: 'back-off-and-retry',
        mentions: [/bounded/, /never indefinitely/, /integration owner/],
      },
    ],
    absent: [409],
    notes: [
      /400, 401, 403 and 404 usually need a change to the request or the configuration/,
      /409 .*conflict with the resource's current state; retry only when that state is expected to pass/,
      /500 may be temporary: retry with a bound/,
      /Log the status code, the endpoint, the operation and any correlation identifiers/,
    ],
  },
  {
    id: 'imagizer',
    // "a detailed list of all possible error codes that the Image API may return".
    statusesExhaustive: true,
    exhaustiveCodeFields: [],
    hosts: [],
    formats: ['unknown'],
    statuses: [
      {
        status: 400,
        title: 'Bad Request',
        action: 'fix-request',
        causes: [
          /original image is malformed/,
          /URL parameters/,
          /backend itself answered 400/,
          /`imageParamValidations`/,
        ],
      },
      {
        status: 401,
        title: 'Unauthorized',
        action: 'check-permissions',
        causes: [
          /`origin=`.*`allowDynamicOrigin`/,
          /`allowOriginalImageRequest`/,
          /`hostsAllowed` or `bucketsAllowed`/,
          /`imageParamsAllowed`/,
          /backend itself answered 401/,
        ],
      },
      {
        status: 403,
        title: 'Forbidden',
        action: 'check-permissions',
        causes: [/backend itself answered 403/, /permission to access the image/],
        mentions: [/upload configuration/],
      },
      {
        status: 404,
        title: 'Not Found',
        action: 'fix-request',
        causes: [/does not exist on the backend/, /backend configuration/],
      },
      {
        status: 499,
        title: 'Client Closed Request',
        action: 'fix-request',
        mentions: [/timeout/, /smaller source image/],
      },
      {
        status: 500,
        title: 'Internal Server Error',
        action: 'back-off-and-retry',
        causes: [/Imagizer/, /image backend/],
        mentions: [/logs/, /Nventify support/],
      },
      {
        status: 502,
        title: 'Bad Gateway',
        action: 'back-off-and-retry',
        causes: [/Imagizer/, /image backend/],
      },
      {
        status: 503,
        title: 'Service Unavailable',
        action: 'back-off-and-retry',
        causes: [/high load/, /memory/, /backend itself answered 503/],
      },
      {
        status: 504,
        title: 'Gateway Timeout',
        action: 'back-off-and-retry',
        causes: [/`backendTimeout`/, /backend itself answered 504/],
      },
    ],
    notes: [/no host is known in advance/],
  },
  {
    id: 'adobe-reactor',
    // The status reflects "the general type of error"; the codes: "the different errors that the API can return".
    statusesExhaustive: false,
    exhaustiveCodeFields: ['code'],
    hosts: ['reactor.adobe.io'],
    formats: ['json-api'],
    fields: [
      'errors',
      'id',
      'status',
      'code',
      'title',
      'detail',
      'source',
      'source.pointer',
      'meta',
      'meta.status_details',
    ],
    statuses: [{ status: 404, title: 'Not Found', action: 'fix-request', mentions: [/not-found/] }],
    errorCodes: [
      { field: 'code', code: 'authentication-failure', meaning: /IMS access token/, status: 401 },
      { field: 'code', code: 'connection-refused', meaning: /connection/ },
      { field: 'code', code: 'decrypt-bad-passphrase', meaning: /passphrase/ },
      { field: 'code', code: 'decrypt-failed', meaning: /private key/ },
      { field: 'code', code: 'decrypt-no-data', meaning: /without a private key/ },
      { field: 'code', code: 'delegate-descriptor-unresolved', meaning: /delegate descriptor/ },
      { field: 'code', code: 'deleted-resources', meaning: /deleted/ },
      { field: 'code', code: 'environment-in-use', meaning: /only one library at a time/ },
      { field: 'code', code: 'environment-required', meaning: /environment assigned/ },
      { field: 'code', code: 'extension-not-found', meaning: /not part of the library/ },
      { field: 'code', code: 'extension-package-path-error', meaning: /`extension\.json`/ },
      {
        field: 'code',
        code: 'extension-package-transform-definition-error',
        meaning: /file transform or a function transform/,
      },
      { field: 'code', code: 'extension-package-zip-error', meaning: /[Uu]nzipping/ },
      { field: 'code', code: 'host-in-use', meaning: /environments use it/ },
      { field: 'code', code: 'host-required', meaning: /no valid host/ },
      { field: 'code', code: 'host-type-error', meaning: /SFTP hosts/ },
      { field: 'code', code: 'illegal-custom-code-transform', meaning: /`customCode`/ },
      {
        field: 'code',
        code: 'ims-not-authorized',
        meaning: /[Aa]uthorizing the account/,
        retryable: true,
      },
      { field: 'code', code: 'ims-session-error', meaning: /signed-in session/ },
      {
        field: 'code',
        code: 'internal-error',
        meaning: /internal error/,
        status: 500,
        retryable: true,
      },
      { field: 'code', code: 'invalid-data_element', meaning: /data element/ },
      { field: 'code', code: 'invalid-embed_code', meaning: /embed code/ },
      { field: 'code', code: 'invalid-extension', meaning: /invalid extension/ },
      { field: 'code', code: 'invalid-extension_package_id', meaning: /extension package/ },
      { field: 'code', code: 'invalid-new-owner-org-id', meaning: /Org ID/ },
      { field: 'code', code: 'invalid-org', meaning: /active Org/ },
      { field: 'code', code: 'invalid-rule', meaning: /invalid rule/ },
      { field: 'code', code: 'invalid-settings-syntax', meaning: /settings JSON/ },
      { field: 'code', code: 'library-file-not-found', meaning: /zip package/ },
      { field: 'code', code: 'minification-error', meaning: /compiled/ },
      { field: 'code', code: 'multiple-revisions', meaning: /one revision/ },
      { field: 'code', code: 'no-available-orgs', meaning: /product profile/ },
      { field: 'code', code: 'not-authorized', meaning: /permission/, status: 403 },
      { field: 'code', code: 'not-found', meaning: /could not be found/, status: 404 },
      { field: 'code', code: 'not-unique', meaning: /`name` must be unique/ },
      {
        field: 'code',
        code: 'public-release-not-authorized',
        meaning: /launch-ext-dev@adobe\.com/,
      },
      { field: 'code', code: 'read-only', meaning: /read-only/ },
      { field: 'code', code: 'session-timeout', meaning: /session has expired/ },
      { field: 'code', code: 'sftp-authentication-failed', meaning: /SFTP connection/ },
      { field: 'code', code: 'sftp-connection-timeout', meaning: /timed out/ },
      { field: 'code', code: 'sftp-exception', meaning: /SFTP raised an exception/ },
      { field: 'code', code: 'sftp-status-exception', meaning: /SFTP raised an exception/ },
      { field: 'code', code: 'socket-error', meaning: /socket error/ },
      { field: 'code', code: 'ssh-disconnect', meaning: /SSH session/ },
      { field: 'code', code: 'timeout-error', meaning: /timed out/ },
      { field: 'code', code: 'unknown-error', meaning: /unexpected/, retryable: true },
      { field: 'code', code: 'unsupported-custom-code-language', meaning: /custom code language/ },
      { field: 'code', code: 'upgraded-extension-required', meaning: /extension upgrade/ },
      { field: 'code', code: 'upstream-build-required', meaning: /upstream library/ },
    ],
    notes: [/Immediate errors/, /Delayed errors.*`meta\.status_details`/, /JSON:API/],
  },
  {
    id: 'claid',
    // A "summary" of statuses (its `auth` error is sent with none of them); two example payloads of codes.
    statusesExhaustive: false,
    exhaustiveCodeFields: [],
    hosts: ['api.claid.ai'],
    formats: ['claid'],
    fields: ['error_code', 'error_type', 'error_message', 'error_details'],
    statuses: [
      {
        status: 400,
        title: 'Bad Request',
        action: 'fix-request',
        causes: [/from storage/, /JSON payload is invalid/],
        mentions: [/`error_message`/],
      },
      { status: 403, title: 'Forbidden', action: 'check-permissions', mentions: [/scopes/] },
      { status: 404, title: 'Not Found', action: 'fix-request' },
      { status: 409, title: 'Conflict', action: 'fix-request', mentions: [/current state/] },
      {
        status: 422,
        title: 'Unprocessable Entity',
        action: 'fix-request',
        mentions: [/`error_message`/, /`error_details`/],
      },
      {
        status: 429,
        title: 'Too Many Requests',
        action: 'back-off-and-retry',
        mentions: [/rate limit/],
      },
      {
        status: 500,
        title: 'Internal Server Error',
        action: 'back-off-and-retry',
        mentions: [/temporary/, /`x-request-id`/],
      },
    ],
    errorCodes: [
      { field: 'error_type', code: 'validation', meaning: /validation/ },
      { field: 'error_type', code: 'auth', meaning: /authorization/ },
      { field: 'error_code', code: '9000', meaning: /validation/ },
      { field: 'error_code', code: '111', meaning: /Authorization is required/ },
    ],
    notes: [
      /2xx/,
      /always take `error_message`/,
      /`error_details`, falling back to `error_message`/,
      /`x-request-id`/,
    ],
  },
];

const builtins = getBuiltinContracts();
const index = createContractIndex(builtins);
const api = (id: string): ApiContract => {
  const found = builtins.find((each) => each.id === id);
  assert.ok(found, `no built-in catalog ${id}`);
  return found;
};
const text = (...parts: (string | string[] | undefined)[]): string =>
  parts.flat().filter(Boolean).join('\n');

describe('built-in catalogs hold every fact of the seeds', () => {
  it('has exactly the five seeded APIs', () => {
    assert.deepEqual(builtins.map((each) => each.id).sort(), seeds.map((seed) => seed.id).sort());
  });

  for (const seed of seeds) {
    describe(seed.id, () => {
      it('matches by the documented hosts, base paths and problem type prefixes, in the documented formats', () => {
        const contract = api(seed.id);
        assert.deepEqual(contract.match.hosts, seed.hosts);
        for (const prefix of seed.pathPrefixes ?? [])
          assert.ok(contract.match.pathPrefixes.includes(prefix), prefix);
        assert.deepEqual(contract.match.problemTypePrefixes, seed.problemTypePrefixes ?? []);
        for (const format of seed.formats)
          assert.ok(contract.payloadFormats.includes(format), format);
        for (const field of seed.fields ?? [])
          assert.ok(
            contract.payloadFields?.some((each) => each.name === field),
            `payload field ${field}`,
          );
      });

      for (const expected of seed.statuses) {
        it(`documents ${expected.status} ${expected.title}`, () => {
          const contract = api(seed.id);
          const status = index.resolveStatus(contract, undefined, expected.status);
          assert.ok(status, `${expected.status} missing`);
          assert.equal(status.key, String(expected.status));
          assert.equal(status.title, expected.title);
          assert.equal(status.action, expected.action);
          assert.ok(status.meaning.length > 10);
          for (const cause of expected.causes ?? [])
            assert.ok(
              status.causes?.some((each) => cause.test(each)),
              `${expected.status}: no cause matching ${cause}`,
            );
          const prose = text(status.meaning, status.remedy, status.example);
          for (const mention of expected.mentions ?? []) assert.match(prose, mention);
        });
      }

      it(
        seed.statusesExhaustive
          ? 'lists every status the API answers'
          : 'lists the statuses it describes, not every status the API answers',
        () => {
          const contract = api(seed.id);
          assert.equal(contract.statusesExhaustive === true, seed.statusesExhaustive);
          assert.deepEqual(contract.exhaustiveCodeFields ?? [], seed.exhaustiveCodeFields);
        },
      );

      if (seed.absent) {
        it(`does not document ${seed.absent.join(', ')}`, () => {
          for (const status of seed.absent!)
            assert.equal(index.resolveStatus(api(seed.id), undefined, status), undefined);
        });
      }

      for (const operation of seed.operations ?? []) {
        it(`documents ${operation.method} ${operation.path} with ${operation.statuses.join(', ')}`, () => {
          const contract = api(seed.id);
          const found = contract.operations.find(
            (each) => each.method === operation.method && each.path === operation.path,
          );
          assert.ok(found, `operation ${operation.method} ${operation.path} missing`);
          const documented = index.documentedStatuses(contract, found);
          assert.deepEqual(
            documented.map((status) => Number(status.key)),
            operation.statuses,
          );
          for (const [status, causes] of Object.entries(operation.causes ?? {})) {
            const entry = documented.find((each) => each.key === status)!;
            for (const cause of causes)
              assert.ok(
                entry.causes?.some((each) => cause.test(each)),
                `${status}: no cause matching ${cause}`,
              );
          }
          for (const [status, mentions] of Object.entries(operation.mentions ?? {})) {
            const entry = documented.find((each) => each.key === status)!;
            for (const mention of mentions)
              assert.match(text(entry.meaning, entry.remedy), mention);
          }
        });
      }

      if (seed.errorCodes) {
        it(`documents all ${seed.errorCodes.length} error codes with their meaning`, () => {
          const contract = api(seed.id);
          assert.equal(
            contract.errorCodes.length,
            seed.errorCodes!.length,
            'no more and no fewer codes than the seed',
          );
          for (const expected of seed.errorCodes!) {
            const code = contract.errorCodes.find(
              (each) => each.field === expected.field && each.code === expected.code,
            );
            assert.ok(code, `code ${expected.code} missing`);
            assert.match(text(code.meaning, code.remedy), expected.meaning, expected.code);
            assert.equal(code.status, expected.status, `${expected.code} status`);
            assert.equal(code.retryable, expected.retryable, `${expected.code} retryable`);
          }
        });
      }

      if (seed.notes) {
        it('carries the advice of the seed', () => {
          const notes = text(api(seed.id).notes);
          for (const note of seed.notes!) assert.match(notes, note);
        });
      }
    });
  }
});
