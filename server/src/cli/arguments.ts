/** The parsed command line of `api-error-contracts`. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; paths: string[]; format: OutputFormat }
  | { kind: 'error'; message: string };

/** Output formats of `check`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

export const usage = `Usage: api-error-contracts <command> [options]

Holds JSON and TypeScript/JavaScript files against the documented error contracts of the HTTP
APIs they talk to, and prints the same diagnostics as the editor.

Commands:
  check [paths...]      Check files and folders (default: the current folder)
    --format <format>   text (default), json or sarif

Options:
  -h, --help            Show this help
  -v, --version         Show the version

Run it from the project root: it reads api-error-contracts.json and the OpenAPI documents and\ncatalogs there, as the editor does.\n\nExit codes: 0 no errors, 1 errors found, 2 bad usage, an unreadable file, or a config, spec or\ncatalog that cannot be used (the message names the file and the problem).`;

const formats: OutputFormat[] = ['text', 'json', 'sarif'];

/** Parses `argv` (without node and the script path). */
export function parseArguments(argv: string[]): CliCommand {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { kind: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command !== 'check') return { kind: 'error', message: `unknown command '${command}'` };
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  for (let i = 0; i < rest.length; i++) {
    const argument = rest[i]!;
    if (argument === '--format' || argument.startsWith('--format=')) {
      const value = argument.includes('=') ? argument.slice('--format='.length) : rest[++i];
      if (!formats.includes(value as OutputFormat)) {
        return {
          kind: 'error',
          message: `--format must be one of ${formats.join(', ')}, not '${value ?? ''}'`,
        };
      }
      format = value as OutputFormat;
    } else if (argument.startsWith('-')) {
      return { kind: 'error', message: `unknown option '${argument}'` };
    } else {
      paths.push(argument);
    }
  }
  return { kind: 'check', paths: paths.length ? paths : ['.'], format };
}
