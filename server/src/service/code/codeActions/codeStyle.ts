import ts from 'typescript';

/** How a file writes code, so inserted code reads like the code around it. */
export interface CodeStyle {
  /** One level of indentation: a tab or some spaces. */
  indentUnit: string;
  /** The quote of string literals. */
  quote: "'" | '"';
  /** Whether statements end with `;`. */
  semicolons: boolean;
  /** The line break. */
  eol: string;
  /** Whether the file is TypeScript (type annotations allowed). */
  typescript: boolean;
  /**
   * The widest a generated line may be: the file's widest line, but never under Prettier's 80
   * (a short file says nothing about its formatter), 100 for an empty file.
   */
  printWidth: number;
  /** Whether argument lists and literals broken over lines end with a comma. */
  trailingCommas: boolean;
}

const styles = new WeakMap<ts.SourceFile, Map<boolean, CodeStyle>>();

/** Infers the style of a file from its majority: indentation unit, quotes and semicolons. */
export function getCodeStyle(sourceFile: ts.SourceFile, typescript: boolean): CodeStyle {
  // Once per parse: completion asks for each call it offers a switch for, and a walk of the whole
  // file each made it quadratic (a 147 KB file of 1,000 calls: 7.7 s).
  let known = styles.get(sourceFile);
  if (!known) styles.set(sourceFile, (known = new Map()));
  let style = known.get(typescript);
  if (!style) known.set(typescript, (style = inferCodeStyle(sourceFile, typescript)));
  return style;
}

function inferCodeStyle(sourceFile: ts.SourceFile, typescript: boolean): CodeStyle {
  const text = sourceFile.text;
  let single = 0;
  let double = 0;
  let withSemicolon = 0;
  let withoutSemicolon = 0;
  const visit = (node: ts.Node): void => {
    // JSX attributes take double quotes whatever the code around them does.
    if (ts.isStringLiteral(node) && !ts.isJsxAttribute(node.parent)) {
      if (text[node.getStart(sourceFile)] === "'") single++;
      else double++;
    }
    if (
      ts.isExpressionStatement(node) ||
      ts.isVariableStatement(node) ||
      ts.isReturnStatement(node) ||
      ts.isThrowStatement(node) ||
      ts.isImportDeclaration(node)
    ) {
      if (text[node.getEnd() - 1] === ';') withSemicolon++;
      else withoutSemicolon++;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return {
    indentUnit: detectIndentUnit(text),
    quote: double > single ? '"' : "'",
    semicolons: withSemicolon >= withoutSemicolon,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    typescript,
    printWidth: detectPrintWidth(text),
    // Prettier's default since 3.0; a file broken over lines without them says otherwise.
    trailingCommas: !/[^,{([\s]\r?\n\s*[)\]]/.test(text) || /,\r?\n\s*[)\]}]/.test(text),
  };
}

/** The leading whitespace of the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

function detectIndentUnit(text: string): string {
  let tabs = 0;
  const spaceCounts = new Map<number, number>();
  let previous = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (indent.startsWith('\t')) {
      tabs++;
      continue;
    }
    // Indentation grows by one unit at a time; the commonest growth is the unit.
    const delta = indent.length - previous;
    if (delta > 0 && delta <= 8) spaceCounts.set(delta, (spaceCounts.get(delta) ?? 0) + 1);
    previous = indent.length;
  }
  let best = 2;
  let bestCount = 0;
  for (const [size, count] of spaceCounts) {
    if (count > bestCount || (count === bestCount && size < best)) {
      best = size;
      bestCount = count;
    }
  }
  return tabs > bestCount ? '\t' : ' '.repeat(best);
}

function detectPrintWidth(text: string): number {
  if (text.trim() === '') return 100;
  let widest = 0;
  for (const line of text.split(/\r?\n/)) widest = Math.max(widest, line.length);
  return Math.max(80, widest);
}
