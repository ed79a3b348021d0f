import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/catalog.schema.json';
import type { CatalogFile } from './catalogFile';

/** One schema violation, located by a JSON Pointer into the catalog. */
export interface CatalogSchemaError {
  /** JSON Pointer of the offending value, e.g. `/statuses/409/action`. */
  pointer: string;
  /** The member the error is about when it is a key (an unknown or misspelt property, a bad status key). */
  key?: string;
  /** True when a required member is missing from the object at `pointer`. */
  missing?: boolean;
  /** What is wrong and what is expected, in one sentence. */
  message: string;
}

// Compiled once, on the first catalog to check: compiling costs tens of milliseconds, which a
// server start that may never see a catalog should not pay. Ajv generates the validator with
// `new Function`, which the Node bundles allow.
let validator: ValidateFunction<CatalogFile> | undefined;

function getValidator(): ValidateFunction<CatalogFile> {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, validateFormats: false });
    // VS Code's JSON support reads these; the validator has nothing to do with them.
    ajv.addVocabulary(['markdownEnumDescriptions', 'enumDescriptions']);
    validator = ajv.compile<CatalogFile>(schema);
  }
  return validator;
}

/** Validates a parsed catalog value against `schemas/catalog.schema.json`. */
export function validateCatalogValue(value: unknown): {
  catalog?: CatalogFile;
  errors: CatalogSchemaError[];
} {
  const validate = getValidator();
  if (validate(value)) return { catalog: value, errors: [] };
  return { errors: toSchemaErrors(validate.errors ?? []) };
}

function toSchemaErrors(errors: readonly ErrorObject[]): CatalogSchemaError[] {
  const result: CatalogSchemaError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // `propertyNames` repeats the error of its `pattern` for the same key.
    if (error.keyword === 'propertyNames') continue;
    const converted = toSchemaError(error);
    const id = `${converted.pointer}\u0000${converted.key ?? ''}\u0000${converted.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      result.push(converted);
    }
  }
  return result;
}

function toSchemaError(error: ErrorObject): CatalogSchemaError {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        pointer,
        missing: true,
        message: `Missing required property "${String(params.missingProperty)}".`,
      };
    case 'additionalProperties':
      return {
        pointer,
        key: String(params.additionalProperty),
        message: `Property "${String(params.additionalProperty)}" is not allowed here.`,
      };
    case 'enum':
      return {
        pointer,
        message: `Value is not accepted; expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'type':
      return { pointer, message: `Incorrect type; expected ${String(params.type)}.` };
    case 'minLength':
      return { pointer, message: 'Must not be empty.' };
    case 'uniqueItems':
      return {
        pointer,
        message: `Duplicate entries (items ${String(params.j)} and ${String(params.i)}); each must appear once.`,
      };
    case 'minimum':
    case 'maximum':
      return { pointer, message: 'A status code must lie between 100 and 599.' };
    case 'pattern':
      if (params.propertyName !== undefined || error.propertyName !== undefined) {
        const key = String(error.propertyName ?? params.propertyName);
        return {
          pointer,
          key,
          message: `"${key}" is not a status key; use a three-digit code ("409"), a class range ("4XX") or "default".`,
        };
      }
      return { pointer, message: patternMessage(pointer) };
    default:
      return { pointer, message: `${capitalise(error.message ?? 'Invalid value')}.` };
  }
}

function patternMessage(pointer: string): string {
  if (pointer === '/id') return 'The id must be lower-case kebab-case, such as "my-api".';
  if (pointer.startsWith('/match/hosts/'))
    return 'A host is a bare host name (no scheme, port or path), optionally starting with "*." for subdomains.';
  if (pointer.endsWith('/method'))
    return 'Expected an HTTP method: GET, PUT, POST, DELETE, PATCH, HEAD, OPTIONS or TRACE.';
  return 'A path must start with "/".';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
