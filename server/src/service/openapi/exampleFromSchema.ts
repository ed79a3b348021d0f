import { isObject, type ReferenceResolver } from './references';

/**
 * The error body an operation documents, as JSON text for hovers: the response's own example
 * when it has one, else a skeleton built from its schema (each member's `example`, `default`,
 * first `enum` value or type name), the way API explorers show a body.
 */
export function exampleFromSchema(
  schema: unknown,
  uri: string,
  resolver: ReferenceResolver,
): unknown {
  const seen = new Set<unknown>();
  const build = (raw: unknown, at: string, depth: number): unknown => {
    const located = resolver.deref(raw, at);
    if (!located || !isObject(located.value) || depth > 6 || seen.has(located.value))
      return undefined;
    const node = located.value;
    if (node.example !== undefined) return node.example;
    if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
    if (node.const !== undefined) return node.const;
    if (node.default !== undefined) return node.default;
    if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
    seen.add(node);
    try {
      for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
        const parts = node[combinator];
        if (!Array.isArray(parts) || parts.length === 0) continue;
        // allOf merges its parts; for oneOf/anyOf the first alternative stands for the rest.
        const built = (combinator === 'allOf' ? parts : parts.slice(0, 1)).map((part) =>
          build(part, located.uri, depth + 1),
        );
        const objects = built.filter(isObject);
        if (objects.length > 0 && !isObject(node.properties)) return Object.assign({}, ...objects);
        if (objects.length === 0 && built[0] !== undefined && !isObject(node.properties))
          return built[0];
      }
      const type = Array.isArray(node.type) ? node.type.find((each) => each !== 'null') : node.type;
      if (type === 'object' || isObject(node.properties)) {
        const result: Record<string, unknown> = {};
        for (const [name, member] of Object.entries(
          isObject(node.properties) ? node.properties : {},
        )) {
          const value = build(member, located.uri, depth + 1);
          result[name] = value === undefined ? {} : value;
        }
        return result;
      }
      if (type === 'array') {
        const item = build(node.items, located.uri, depth + 1);
        return item === undefined ? [] : [item];
      }
      if (type === 'integer' || type === 'number') return 0;
      if (type === 'boolean') return false;
      if (type === 'string')
        return typeof node.format === 'string' ? `string (${node.format})` : 'string';
      return undefined;
    } finally {
      seen.delete(node);
    }
  };
  return build(schema, uri, 0);
}
