/**
 * One sentence per diagnostic code (the service's `DiagnosticCode`), for reports that describe
 * their rules (SARIF's `tool.driver.rules`). A code missing here is described by its name.
 */
export const ruleDescriptions: Readonly<Record<string, string>> = {
  'unhandled-status': 'A call never handles a status its operation documents.',
  'unchecked-response':
    "A call's status is never examined and the response is not handed to a caller.",
  'undocumented-status': "An error payload's status is one the identified operation never answers.",
  'unknown-error-code': 'An error payload carries an error code its API does not document.',
  'problem-member-type': 'A problem details member has the wrong type, so consumers ignore it.',
  'problem-title-mismatch':
    "An about:blank problem's title is not the reason phrase of its status.",
  'jsonapi-errors-not-array': 'A JSON:API document whose errors member is not an array.',
  'jsonapi-data-and-errors': 'A JSON:API document with both data and errors.',
  'jsonapi-empty-error': 'A JSON:API error object with none of the members that describe it.',
  'jsonapi-status-format': 'A JSON:API error status that is not a string of a status code.',
  'jsonapi-source-pointer': 'A JSON:API error source.pointer that is not a JSON Pointer.',
  'catalog-schema': 'A catalog file does not match the catalog schema.',
  'catalog-syntax': 'A catalog file is not valid JSON.',
  'catalog-duplicate': 'A catalog file documents the same API, operation or code twice.',
  'spec-syntax-error': 'An OpenAPI document does not parse.',
  'unresolved-ref': 'A $ref in an OpenAPI document does not resolve.',
  'remote-ref': 'A remote $ref in an OpenAPI document, reported and never followed.',
  'not-openapi': 'A file the config lists under specs is not an OpenAPI document.',
  'ref-cycle': 'A $ref closes a chain of references leading back to itself.',
  'yaml-alias':
    'A YAML alias refers to the node that contains it, or expands the file past the alias budget; it is left out.',
  'spec-no-error-responses': 'No operation of an OpenAPI document documents an error response.',
  'document-too-deep':
    'A document nests deeper than the service reads; the deeper part is not checked, the rest is.',
  'document-too-long':
    'A TypeScript or JavaScript file is longer than the service reads (1 million characters); it is not checked.',
  'config-syntax-error': 'The project config is not valid JSON.',
  'config-unknown-key': 'The project config has a key it does not know.',
  'config-invalid-value': 'A value of the project config has the wrong type or form.',
  'config-no-match': 'A glob of the project config matches no file.',
  'config-missing-file': 'A file the project config names does not exist.',
};
