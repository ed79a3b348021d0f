import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diagnosticSource } from '../../../../common/protocol';
import { getGenericStatusContract, getStatusTitle } from '../contracts/httpStatusRegistry';
import type {
  ApiContract,
  ApiMatch,
  ClientAction,
  OperationContract,
  PayloadFormat,
  StatusContract,
} from '../contracts/model';
import { exampleFromSchema } from './exampleFromSchema';
import type { LoadedOpenApiDocument } from './loadOpenApiDocument';
import { createReferenceResolver, isObject, type ReferenceResolver } from './references';
import { DiagnosticCode } from '../diagnostics';
import { uriFileName } from '../documents/uriFileName';

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'];

/** Options of {@link toOpenApiContract}. */
export interface OpenApiContractOptions {
  /** The contract id; by default the kebab-cased `info.title`, else the file name. */
  id?: string;
}

/**
 * Turns a loaded OpenAPI 2.0/3.x document into a contract: every operation with its documented
 * responses (exact codes, `4XX`-style ranges, `default`), each response's description as the
 * meaning and its error body (example, else a skeleton of its schema) as the example; `servers`
 * or `host` + `basePath` as the hosts and base paths calls are matched by.
 */
export function toOpenApiContract(
  document: LoadedOpenApiDocument,
  options: OpenApiContractOptions = {},
): ApiContract | undefined {
  const root = document.root.value;
  if (!document.version || !isObject(root)) return undefined;
  const resolver = createReferenceResolver(document.files);
  const info = isObject(root.info) ? root.info : {};
  const title =
    typeof info.title === 'string' && info.title.trim()
      ? info.title.trim()
      : fileName(document.uri);
  const formats = new Set<PayloadFormat>();
  const swagger = document.version === '2.0';
  const globalProduces =
    swagger && Array.isArray(root.produces)
      ? root.produces.filter((each): each is string => typeof each === 'string')
      : [];

  // Error schemas are shared by most operations: each is turned into an example once.
  const schemaExamples = new Map<unknown, string | undefined>();
  const schemaExample = (schema: { value: unknown; uri: string }): string | undefined => {
    const target = resolver.deref(schema.value, schema.uri);
    const key = target?.value ?? schema.value;
    if (!schemaExamples.has(key)) {
      const example = exampleFromSchema(schema.value, schema.uri, resolver);
      schemaExamples.set(key, example === undefined ? undefined : formatExample(example));
    }
    return schemaExamples.get(key);
  };
  const operations: OperationContract[] = [];
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!path.startsWith('/')) continue;
    const item = resolver.deref(rawItem, document.uri);
    if (!item || !isObject(item.value)) continue;
    for (const method of methods) {
      // An operation object may itself be a `$ref` to a file of its own (DigitalOcean's layout);
      // the `$ref`s inside it then resolve against that file.
      const operation = resolver.deref(item.value[method], item.uri);
      if (!operation || !isObject(operation.value)) continue;
      const rawOperation = operation.value;
      const statuses: StatusContract[] = [];
      const located = resolver.deref(rawOperation.responses, operation.uri);
      const responses = located && isObject(located.value) ? located.value : {};
      const responsesUri = located?.uri ?? operation.uri;
      const produces = Array.isArray(rawOperation.produces)
        ? rawOperation.produces.filter((each): each is string => typeof each === 'string')
        : globalProduces;
      for (const [rawKey, rawResponse] of Object.entries(responses)) {
        const key = normaliseResponseKey(rawKey);
        if (!key) continue;
        const response = resolver.deref(rawResponse, responsesUri);
        if (!response || !isObject(response.value)) continue;
        const body = swagger
          ? swaggerBody(response.value, response.uri, produces)
          : openApi3Body(response.value, response.uri, resolver);
        if (body.mediaType && isErrorKey(key)) addFormat(formats, body.mediaType);
        // Bodies are shown for failures only; success payloads can be large and are not this product's subject.
        const example = !isErrorKey(key)
          ? undefined
          : body.example !== undefined
            ? formatExample(body.example)
            : body.schema !== undefined
              ? schemaExample(body.schema)
              : undefined;
        statuses.push(toStatusContract(key, response.value, example, externalDocs(rawOperation)));
      }
      const summary = nonEmpty(rawOperation.operationId) ?? nonEmpty(rawOperation.summary);
      const docs = externalDocs(rawOperation);
      operations.push({
        method: method.toUpperCase(),
        path,
        ...(summary && { summary }),
        statuses,
        ...(docs && { docs }),
        location: {
          uri: operation.uri,
          pointer: toPointer(operation.pointer ?? [...(item.pointer ?? ['paths', path]), method]),
        },
      });
    }
  }
  const docs = externalDocs(root);
  return {
    id: options.id ?? (slug(title) || slug(fileName(document.uri)) || 'openapi'),
    name: title,
    ...(docs && { docs }),
    match: swagger ? swaggerMatch(root) : openApi3Match(root),
    payloadFormats: formats.size > 0 ? [...formats] : ['unknown'],
    statuses: [],
    operations,
    errorCodes: [],
    source: { kind: 'openapi', uri: document.uri },
  };
}

/** How many of a description's responses document a failure (4xx, 5xx, `4XX`/`5XX`, `default`). */
export function countErrorResponses(contract: ApiContract): number {
  let count = 0;
  for (const operation of contract.operations)
    for (const status of operation.statuses) if (isErrorKey(status.key)) count++;
  return count;
}

/**
 * A hint on a description that documents no failure at all: its calls are matched, but there is
 * nothing to hold them to, which would otherwise look like a description that works.
 */
export function getNoErrorResponsesProblem(
  document: LoadedOpenApiDocument,
  contract: ApiContract,
): Diagnostic | undefined {
  if (countErrorResponses(contract) > 0) return undefined;
  const operations = contract.operations.length;
  return {
    range: document.root.rangeAt(['paths'], true) ?? {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 0 },
    },
    severity: DiagnosticSeverity.Hint,
    code: DiagnosticCode.specNoErrorResponses,
    source: diagnosticSource,
    message:
      operations === 0
        ? 'This description has no operations, so no call is checked against it.'
        : `None of this description's ${operations} operation${operations === 1 ? '' : 's'} documents an error response (a 4xx or 5xx status, \`4XX\`/\`5XX\` or \`default\`): calls to it are matched, but there is no documented failure to hold them to.`,
  };
}

/** `"404"`, `404`, `"4xx"` → `"4XX"`, `"default"`; anything else is not a status key. */
function normaliseResponseKey(key: string): string | undefined {
  if (/^[1-5]\d\d$/.test(key)) return key;
  if (/^[1-5]xx$/i.test(key)) return key.toUpperCase();
  if (key.toLowerCase() === 'default') return 'default';
  return undefined;
}

function isErrorKey(key: string): boolean {
  return key === 'default' || key[0] === '4' || key[0] === '5';
}

function toStatusContract(
  key: string,
  response: Record<string, unknown>,
  example: string | undefined,
  docs: string | undefined,
): StatusContract {
  const code = /^\d+$/.test(key) ? Number(key) : undefined;
  const generic = code === undefined ? undefined : getGenericStatusContract(code);
  const retryAfter = hasHeader(response.headers, 'retry-after');
  const description = nonEmpty(response.description);
  return {
    key,
    title:
      code !== undefined
        ? getStatusTitle(code)
        : key === 'default'
          ? 'Any other status'
          : `Any ${key} status`,
    meaning: description ?? generic?.meaning ?? 'Documented without a description.',
    action: actionFor(key, generic?.action, retryAfter),
    ...(retryAfter && { retryAfter: true }),
    ...(docs && { docs }),
    ...(example !== undefined && { example }),
  };
}

function actionFor(
  key: string,
  registryAction: ClientAction | undefined,
  retryAfter: boolean,
): ClientAction {
  let action: ClientAction;
  if (registryAction) action = registryAction;
  else if (key === 'default' || key[0] === '4') action = 'fix-request';
  else if (key[0] === '5') action = 'back-off-and-retry';
  else action = 'none';
  // A status the API documents with Retry-After is one it expects clients to come back for.
  if (retryAfter && action === 'fix-request') return 'retry-later';
  return action;
}

function hasHeader(headers: unknown, name: string): boolean {
  return isObject(headers) && Object.keys(headers).some((header) => header.toLowerCase() === name);
}

interface ResponseBody {
  mediaType?: string;
  example?: unknown;
  schema?: { value: unknown; uri: string };
}

const jsonPreference = [/^application\/problem\+json/i, /^application\/json/i, /[/+]json\b/i];

function pickMediaType(types: readonly string[]): string | undefined {
  for (const pattern of jsonPreference) {
    const found = types.find((type) => pattern.test(type));
    if (found) return found;
  }
  return types[0];
}

function openApi3Body(
  response: Record<string, unknown>,
  uri: string,
  resolver: ReferenceResolver,
): ResponseBody {
  const content = isObject(response.content) ? response.content : {};
  const mediaType = pickMediaType(Object.keys(content));
  const media = mediaType === undefined ? undefined : content[mediaType];
  if (!isObject(media)) return { ...(mediaType && { mediaType }) };
  let example: unknown = media.example;
  if (example === undefined && isObject(media.examples)) {
    for (const raw of Object.values(media.examples)) {
      const located = resolver.deref(raw, uri);
      if (located && isObject(located.value) && located.value.value !== undefined) {
        example = located.value.value;
        break;
      }
    }
  }
  return {
    mediaType,
    ...(example !== undefined && { example }),
    ...(media.schema !== undefined && { schema: { value: media.schema, uri } }),
  };
}

function swaggerBody(
  response: Record<string, unknown>,
  uri: string,
  produces: readonly string[],
): ResponseBody {
  const examples = isObject(response.examples) ? response.examples : {};
  const exampleType = pickMediaType(Object.keys(examples));
  const mediaType = pickMediaType(produces) ?? exampleType;
  return {
    ...(mediaType && { mediaType }),
    ...(exampleType !== undefined && { example: examples[exampleType] }),
    ...(response.schema !== undefined && { schema: { value: response.schema, uri } }),
  };
}

function addFormat(formats: Set<PayloadFormat>, mediaType: string): void {
  if (/^application\/problem\+json/i.test(mediaType)) formats.add('problem-details');
  else if (/^application\/vnd\.api\+json/i.test(mediaType)) formats.add('json-api');
}

function formatExample(example: unknown): string {
  if (typeof example === 'string') {
    // An example given as JSON text is shown as the body it is.
    try {
      return JSON.stringify(JSON.parse(example), null, 2);
    } catch {
      return example;
    }
  }
  return JSON.stringify(example, null, 2);
}

function openApi3Match(root: Record<string, unknown>): ApiMatch {
  const hosts = new Set<string>();
  const prefixes = new Set<string>();
  const servers = Array.isArray(root.servers) ? root.servers : [];
  // Without servers, OpenAPI's server is `/`: relative to wherever the description is served.
  let relativeUrls = servers.length === 0;
  for (const server of servers) {
    if (!isObject(server) || typeof server.url !== 'string') continue;
    const variables = isObject(server.variables) ? server.variables : {};
    const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
    });
    if (!addServerUrl(url, hosts, prefixes)) relativeUrls = true;
  }
  return {
    hosts: [...hosts],
    pathPrefixes: [...prefixes],
    problemTypePrefixes: [],
    ...(relativeUrls && { relativeUrls }),
  };
}

function swaggerMatch(root: Record<string, unknown>): ApiMatch {
  const hosts =
    typeof root.host === 'string' && root.host
      ? [root.host.toLowerCase().replace(/:\d+$/, '')]
      : [];
  const basePath = typeof root.basePath === 'string' ? trimPrefix(root.basePath) : undefined;
  return {
    hosts,
    pathPrefixes: basePath ? [basePath] : [],
    problemTypePrefixes: [],
    // Without `host`, Swagger's host is the one serving the description.
    ...(hosts.length === 0 && { relativeUrls: true }),
  };
}

/** Adds a server's host and base path; false for a relative server URL. */
function addServerUrl(url: string, hosts: Set<string>, prefixes: Set<string>): boolean {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) || url.startsWith('//');
  if (!absolute) {
    const prefix = trimPrefix(url.startsWith('/') ? url : `/${url}`);
    if (prefix) prefixes.add(prefix);
    return false;
  }
  let parsed: URL;
  try {
    parsed = new URL(url.startsWith('//') ? `https:${url}` : url);
  } catch {
    return true;
  }
  // A host still holding a `{variable}` without a default names no host a call could use.
  if (!parsed.hostname.includes('%7b') && !parsed.hostname.includes('{'))
    hosts.add(parsed.hostname.toLowerCase());
  const prefix = trimPrefix(decodeURI(parsed.pathname));
  if (prefix) prefixes.add(prefix);
  return true;
}

function trimPrefix(path: string): string | undefined {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? undefined : trimmed;
}

function externalDocs(owner: Record<string, unknown>): string | undefined {
  const docs = owner.externalDocs;
  return isObject(docs) && typeof docs.url === 'string' && /^https?:\/\//.test(docs.url)
    ? docs.url
    : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function fileName(uri: string): string {
  return uriFileName(uri).replace(/\.(ya?ml|json)$/i, '');
}

/** A JSON pointer from its segments: `/` and `~` escaped. */
function toPointer(segments: readonly string[]): string {
  return segments.map((each) => `/${each.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `Swagger Petstore` → `swagger-petstore`. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
