import type * as jsonc from 'jsonc-parser';

/** The property nodes of an object node. */
export function getProperties(object: jsonc.Node): jsonc.Node[] {
  return object.type === 'object' ? (object.children ?? []) : [];
}

/** The property name of a property node. */
export function getPropertyName(property: jsonc.Node): string | undefined {
  const key = property.children?.[0];
  return typeof key?.value === 'string' ? key.value : undefined;
}

/** The property node of member `name`; the last one wins, as with JSON.parse. */
export function getProperty(object: jsonc.Node, name: string): jsonc.Node | undefined {
  let found: jsonc.Node | undefined;
  for (const property of getProperties(object))
    if (getPropertyName(property) === name) found = property;
  return found;
}

/** The value node of member `name`. */
export function getMemberValue(object: jsonc.Node, name: string): jsonc.Node | undefined {
  return getProperty(object, name)?.children?.[1];
}

/** The string value of member `name`, when it is a string. */
export function getStringMember(object: jsonc.Node, name: string): string | undefined {
  const value = getMemberValue(object, name);
  return value?.type === 'string' ? (value.value as string) : undefined;
}

/** Whether the object has a member `name` (with or without a value yet). */
export function hasMember(object: jsonc.Node, name: string): boolean {
  return getProperty(object, name) !== undefined;
}

/** The names of the object's members. */
export function getMemberNames(object: jsonc.Node): string[] {
  const names: string[] = [];
  for (const property of getProperties(object)) {
    const name = getPropertyName(property);
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** An HTTP status given as a JSON number or a three-digit string, when in 100–599. */
export function toStatusCode(value: jsonc.Node | undefined): number | undefined {
  if (!value) return undefined;
  const raw =
    value.type === 'string' && /^\d{3}$/.test(value.value as string)
      ? Number(value.value)
      : value.value;
  return (value.type === 'number' || value.type === 'string') &&
    typeof raw === 'number' &&
    Number.isInteger(raw) &&
    raw >= 100 &&
    raw <= 599
    ? raw
    : undefined;
}
