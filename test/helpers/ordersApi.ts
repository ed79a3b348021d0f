import type { ApiContract } from '../../server/src/service/contracts/model';

/**
 * A second, made-up API for the code tests (the DAM comes from the built-in catalog): statuses
 * with every client action, a back-off 429/503 with `Retry-After`, and a generic 502.
 */
export const ordersApi: ApiContract = {
  id: 'test-orders',
  name: 'Test Orders',
  docs: 'https://docs.orders.test/errors',
  match: { hosts: ['api.orders.test'], pathPrefixes: ['/v1'], problemTypePrefixes: [] },
  payloadFormats: ['problem-details'],
  statuses: [
    {
      key: '400',
      title: 'Bad Request',
      meaning: 'A field of the order is invalid.',
      action: 'fix-request',
    },
    {
      key: '401',
      title: 'Unauthorized',
      meaning: 'The token is missing or expired.',
      action: 're-authenticate',
    },
    {
      key: '403',
      title: 'Forbidden',
      meaning: 'The token lacks the orders scope.',
      action: 'check-permissions',
    },
    {
      key: '429',
      title: 'Too Many Requests',
      meaning: 'The rate limit is exceeded.',
      action: 'back-off-and-retry',
      retryAfter: true,
      docs: 'https://docs.orders.test/errors#429',
    },
    {
      key: '502',
      title: 'Bad Gateway',
      meaning: 'An upstream service failed.',
      action: 'back-off-and-retry',
    },
    {
      key: '503',
      title: 'Service Unavailable',
      meaning: 'Orders are paused for maintenance.',
      action: 'back-off-and-retry',
      retryAfter: true,
    },
  ],
  operations: [
    {
      method: 'POST',
      path: '/orders',
      summary: 'Create an order',
      statuses: [
        {
          key: '400',
          title: 'Bad Request',
          meaning: 'A field of the order is invalid.',
          action: 'fix-request',
        },
        {
          key: '401',
          title: 'Unauthorized',
          meaning: 'The token is missing or expired.',
          action: 're-authenticate',
        },
        {
          key: '429',
          title: 'Too Many Requests',
          meaning: 'The rate limit is exceeded.',
          action: 'back-off-and-retry',
          retryAfter: true,
        },
      ],
    },
    {
      method: 'GET',
      path: '/orders/{orderId}',
      statuses: [
        {
          key: '401',
          title: 'Unauthorized',
          meaning: 'The token is missing or expired.',
          action: 're-authenticate',
        },
        {
          key: '403',
          title: 'Forbidden',
          meaning: 'The token lacks the orders scope.',
          action: 'check-permissions',
        },
        { key: '404', title: 'Not Found', meaning: 'No order has this id.', action: 'fix-request' },
        {
          key: '502',
          title: 'Bad Gateway',
          meaning: 'An upstream service failed.',
          action: 'back-off-and-retry',
        },
        {
          key: '503',
          title: 'Service Unavailable',
          meaning: 'Orders are paused for maintenance.',
          action: 'back-off-and-retry',
          retryAfter: true,
        },
      ],
    },
  ],
  errorCodes: [],
  source: { kind: 'builtin' },
};
