import ts from 'typescript';

/** Compiler options of client code in the tests: a modern module for the browser or Node 18+. */
const clientCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noEmit: true,
  types: [],
  skipLibCheck: true,
  allowJs: true,
};

const libCache = new Map<string, ts.SourceFile | undefined>();

/**
 * Type-checks files that exist only in memory (paths like `/virtual/a.ts`) against the real
 * TypeScript libs; returns each diagnostic as `file:line: message`, empty when the files compile.
 */
export function typeCheck(
  files: Record<string, string>,
  options: ts.CompilerOptions = clientCompilerOptions,
): string[] {
  const host = ts.createCompilerHost(options);
  const readFromDisk = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    if (fileName in files)
      return ts.createSourceFile(fileName, files[fileName], languageVersion, true);
    if (!libCache.has(fileName))
      libCache.set(fileName, readFromDisk(fileName, languageVersion, onError));
    return libCache.get(fileName);
  };
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (fileName) => fileName in files || fileExists(fileName);
  host.readFile = (fileName) => (fileName in files ? files[fileName] : readFile(fileName));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (directory) =>
    Object.keys(files).some((file) => file.startsWith(`${directory}/`)) ||
    (directoryExists?.(directory) ?? true);
  host.writeFile = () => undefined;
  const program = ts.createProgram(Object.keys(files), options, host);
  return ts.getPreEmitDiagnostics(program).map(formatDiagnostic);
}

/** Syntax errors of a file, including TypeScript-only syntax in a `.js` file. */
export function syntaxErrors(fileName: string, text: string): string[] {
  const program = ts.createProgram(
    [fileName],
    { ...clientCompilerOptions, noLib: true },
    {
      ...ts.createCompilerHost(clientCompilerOptions),
      getSourceFile: (name, languageVersion) =>
        name === fileName ? ts.createSourceFile(name, text, languageVersion, true) : undefined,
      fileExists: (name) => name === fileName,
      readFile: (name) => (name === fileName ? text : undefined),
    },
  );
  return program.getSyntacticDiagnostics().map(formatDiagnostic);
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}: ${message}`;
}
