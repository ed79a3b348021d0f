/** How much of a file is looked at to decide whether it is an OpenAPI document. */
export const sniffBytes = 4096;

/**
 * Whether the first kilobytes of a file look like the root of an OpenAPI document: an `openapi` or
 * `swagger` key at the top level (a YAML mapping key at column 0, or a member of the outermost JSON
 * object). The loader then parses it and confirms.
 */
export function isOpenApiHead(head: string, json: boolean): boolean {
  if (!json) return /^["']?(openapi|swagger)["']?[ \t]*:/m.test(head);
  let depth = 0;
  let inString = false;
  for (let i = 0; i < head.length; i++) {
    const char = head[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (char === '"') {
      if (depth === 1 && /^"(openapi|swagger)"\s*:/.test(head.slice(i, i + 20))) return true;
      inString = true;
    }
  }
  return false;
}
