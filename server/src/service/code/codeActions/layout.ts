import ts from 'typescript';
import { indentationAt } from './codeStyle';
import type { CodeStyle } from './codeStyle';

/** A member of an object literal a fix writes: its text, or `key: { … }` laid out in turn. */
export type LayoutMember = string | { key: string; members: readonly LayoutMember[] };

/**
 * An argument of a generated call: text as written, or an object literal a fix writes,
 * `expanded` when its source had a line break after `{` (Prettier keeps such an object open).
 */
export type LayoutArgument = string | { members: readonly LayoutMember[]; expanded?: boolean };

/** Where a generated call sits: the text before it and after it on its line, and the line's indentation. */
export interface LineContext {
  prefix: string;
  suffix: string;
  indent: string;
}

function memberText(member: LayoutMember): string {
  return typeof member === 'string' ? member : `${member.key}: ${objectText(member.members)}`;
}

function objectText(members: readonly LayoutMember[]): string {
  return members.length > 0 ? `{ ${members.map(memberText).join(', ')} }` : '{}';
}

/** An object's members one a line at `indent`, each laid out flat when it fits, else opened in turn. */
function openMembers(members: readonly LayoutMember[], indent: string, style: CodeStyle): string[] {
  const lines: string[] = [];
  members.forEach((member, i) => {
    const comma = i < members.length - 1 || style.trailingCommas ? ',' : '';
    const flat = memberText(member);
    if (
      typeof member === 'string' ||
      (!flat.includes('\n') && width(indent + flat + comma, style) <= style.printWidth)
    ) {
      lines.push(indent + reindentBy(flat, indent, style.eol) + comma);
      return;
    }
    lines.push(
      `${indent}${member.key}: {`,
      ...openMembers(member.members, indent + style.indentUnit, style),
      `${indent}}${comma}`,
    );
  });
  return lines;
}

/** Later lines of a text moved to `indent`: the text's own later lines are relative to its first. */
function reindentBy(text: string, indent: string, eol: string): string {
  return text.split(/\r?\n/).join(eol + indent);
}

/**
 * `callee(arg, …)` laid out the way Prettier lays out a call: on one line when the whole line
 * fits the file's width; else with a last object literal of ours broken open after the other
 * arguments (when those are no object); else one argument a line. A multi-line argument keeps
 * its own lines (relative to its first), moved to its new indentation; the result starts at the
 * callee.
 */
export function layoutCall(
  callee: string,
  args: readonly LayoutArgument[],
  line: LineContext,
  style: CodeStyle,
): string {
  const { eol, indentUnit, printWidth, trailingCommas } = style;
  const texts = args.map((arg) => (typeof arg === 'string' ? arg : objectText(arg.members)));
  const flat = `${callee}(${texts.join(', ')})`;
  const singleLine =
    texts.every((text) => !text.includes('\n')) &&
    args.every((arg) => typeof arg === 'string' || !arg.expanded);
  if (singleLine && width(line.prefix + flat + line.suffix, style) <= printWidth) return flat;
  const last = args[args.length - 1];
  const others = texts.slice(0, -1);
  const inner = line.indent + indentUnit;
  if (
    last !== undefined &&
    typeof last !== 'string' &&
    last.members.length > 0 &&
    others.every((text) => !text.includes('\n') && !text.startsWith('{'))
  ) {
    const head = `${callee}(${others.map((text) => `${text}, `).join('')}{`;
    if (width(line.prefix + head, style) <= printWidth) {
      return [head, ...openMembers(last.members, inner, style), `${line.indent}})`].join(eol);
    }
  }
  const lines = args.flatMap((arg, i) => {
    const comma = i < texts.length - 1 || trailingCommas ? ',' : '';
    const text = texts[i]!;
    const fits = !text.includes('\n') && width(inner + text + comma, style) <= printWidth;
    // An arrow whose body does not fit beside it, or spans lines (a call with an object broken
    // open): Prettier puts the body on a line of its own, one level in.
    const body = /^\(\) => /.test(text) ? text.slice('() => '.length) : undefined;
    if (typeof arg === 'string' && !fits && body !== undefined) {
      const deeper = inner + indentUnit;
      if (body.includes('\n') || width(deeper + body + comma, style) <= printWidth)
        return [`${inner}() =>`, deeper + reindentBy(body, deeper, eol) + comma];
    }
    if (typeof arg === 'string' || (!arg.expanded && fits))
      return [inner + reindentBy(text, inner, eol) + comma];
    return [
      `${inner}{`,
      ...openMembers(arg.members, inner + indentUnit, style),
      `${inner}}${comma}`,
    ];
  });
  return [`${callee}(`, ...lines, `${line.indent})`].join(eol);
}

/** A `//` comment wrapped at the file's width: Prettier leaves comments as they are written. */
export function wrapComment(text: string, indent: string, style: CodeStyle): string[] {
  const room = Math.max(40, style.printWidth - width(indent, style) - 3);
  return wrapWords(text, room).map((line) => `// ${line}`);
}

/** The words of `text` in lines of at most `room` characters (a longer word alone on its line). */
export function wrapWords(text: string, room: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

/** The printed width of a line, a tab counting as one indentation level of the file. */
export function width(text: string, style: CodeStyle): number {
  const tab = style.indentUnit === '\t' ? 2 : style.indentUnit.length;
  let total = 0;
  for (const char of text) total += char === '\t' ? tab : 1;
  return total;
}

/** A node's text with its later lines relative to the indentation of the line it starts on. */
export function nodeText(node: ts.Node, sourceFile: ts.SourceFile): string {
  const own = indentationAt(sourceFile.text, node.getStart(sourceFile));
  return node
    .getText(sourceFile)
    .split(/\r?\n/)
    .map((line, i) => (i > 0 && line.startsWith(own) ? line.slice(own.length) : line))
    .join('\n');
}

/** A call's arguments as written, object literals as their members so a layout can open them. */
export function sourceArguments(
  call: ts.CallExpression,
  sourceFile: ts.SourceFile,
): LayoutArgument[] {
  return call.arguments.map((argument) =>
    ts.isObjectLiteralExpression(argument) && argument.properties.length > 0
      ? {
          members: argument.properties.map((property) => nodeText(property, sourceFile)),
          expanded: /^\{[ \t]*\r?\n/.test(argument.getText(sourceFile)),
        }
      : nodeText(argument, sourceFile),
  );
}
