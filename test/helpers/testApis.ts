import type { ApiContract, StatusContract } from '../../server/src/service/contracts/model';

const imageStatuses: StatusContract[] = [
  {
    key: '400',
    title: 'Bad Request',
    meaning: 'A value of the request is invalid.',
    action: 'fix-request',
  },
  {
    key: '401',
    title: 'Unauthorized',
    meaning: 'The API key is missing or invalid.',
    action: 're-authenticate',
  },
  { key: '404', title: 'Not Found', meaning: 'The image does not exist.', action: 'fix-request' },
  {
    key: '409',
    title: 'Conflict',
    meaning: 'The image is being processed and cannot be changed now.',
    causes: ['A processing workflow holds the image.'],
    remedy: 'Retry later.',
    action: 'retry-later',
  },
  {
    key: '500',
    title: 'Internal Server Error',
    meaning: 'An unexpected server failure.',
    action: 'back-off-and-retry',
  },
];

/**
 * Small contracts for the payload tests, independent of the built-in catalogs: an API answering
 * problem details with documented operations and a complete status list, a JSON:API one with a
 * complete reference of codes but only some of its statuses described, a Claid-style one.
 */
export const testApis: ApiContract[] = [
  {
    id: 'test-images',
    name: 'Test Images',
    docs: 'https://docs.images.test/errors',
    match: {
      hosts: ['api.images.test'],
      pathPrefixes: [],
      problemTypePrefixes: ['https://api.images.test/errors/'],
    },
    payloadFormats: ['problem-details'],
    statuses: imageStatuses,
    statusesExhaustive: true,
    operations: [
      {
        method: 'GET',
        path: '/images',
        statuses: [
          {
            key: '400',
            title: 'Bad Request',
            meaning: 'The filter is invalid.',
            action: 'fix-request',
          },
          {
            key: '401',
            title: 'Unauthorized',
            meaning: 'The API key is missing or invalid.',
            action: 're-authenticate',
          },
        ],
      },
      {
        method: 'DELETE',
        path: '/images/{id}',
        docs: 'https://docs.images.test/errors#delete',
        statuses: imageStatuses,
      },
    ],
    errorCodes: [],
    source: { kind: 'builtin' },
  },
  {
    id: 'test-tags',
    name: 'Test Tags',
    docs: 'https://docs.tags.test/errors',
    match: { hosts: ['tags.test'], pathPrefixes: [], problemTypePrefixes: [] },
    payloadFormats: ['json-api'],
    statuses: [
      {
        key: '404',
        title: 'Not Found',
        meaning: 'The record does not exist.',
        action: 'fix-request',
      },
      { key: '409', title: 'Conflict', meaning: 'The resource is in use.', action: 'fix-request' },
    ],
    operations: [],
    errorCodes: [
      {
        code: 'not-found',
        field: 'code',
        title: 'Record Not Found',
        meaning: 'The record could not be found.',
        remedy: 'Check the id.',
        status: 404,
      },
      {
        code: 'environment-in-use',
        field: 'code',
        meaning: 'An environment serves one library at a time.',
        remedy: 'Pick another environment or free this one.',
        status: 409,
        retryable: false,
      },
      { code: 'not-unique', field: 'code', meaning: 'The name is already in use.', status: 409 },
      {
        code: 'read-only',
        field: 'code',
        meaning: 'The resource cannot be modified.',
        status: 403,
      },
      { code: 'invalid-org', field: 'code', meaning: 'The active org has no access.', status: 403 },
    ],
    exhaustiveCodeFields: ['code'],
    source: { kind: 'builtin' },
  },
  {
    id: 'test-pixels',
    name: 'Test Pixels',
    docs: 'https://docs.pixels.test/errors',
    match: { hosts: ['api.pixels.test'], pathPrefixes: [], problemTypePrefixes: [] },
    payloadFormats: ['claid'],
    statuses: [
      {
        key: '400',
        title: 'Bad Request',
        meaning: 'The request could not be processed.',
        action: 'fix-request',
      },
      {
        key: '403',
        title: 'Forbidden',
        meaning: 'The key lacks a scope.',
        action: 'check-permissions',
      },
    ],
    operations: [],
    errorCodes: [
      {
        code: 'auth',
        field: 'error_type',
        meaning: 'Authentication or authorization failed.',
        remedy: 'Check the API key.',
      },
      {
        code: 'validation',
        field: 'error_type',
        meaning: 'The request did not validate.',
        remedy: 'Read error_details.',
      },
      { code: 'quota', field: 'error_type', meaning: 'The quota is used up.' },
      { code: 'storage', field: 'error_type', meaning: 'The object storage could not be read.' },
      { code: 'processing', field: 'error_type', meaning: 'The image could not be processed.' },
      { code: 'server', field: 'error_type', meaning: 'An internal failure.' },
      { code: '111', field: 'error_code', meaning: 'Authorization is required.' },
    ],
    // A complete list of error types; its one error_code is an example.
    exhaustiveCodeFields: ['error_type'],
    source: { kind: 'builtin' },
  },
];
