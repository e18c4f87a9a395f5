/** What `trace-view` was asked to do. */
export type ViewCommand =
  | {
      readonly mode: 'serve';
      readonly folder: string;
      readonly host: string;
      readonly port: number;
    }
  | { readonly mode: 'static'; readonly file: string; readonly folders: readonly string[] }
  | { readonly mode: 'help' };

/** How to call `trace-view`. */
export const usage = `Usage:
  trace-view <run-dir or folder of runs> [--host 127.0.0.1] [--port 0]
      Serves the viewer on 127.0.0.1 at a free port and prints the URL (Ctrl-C stops it).
  trace-view --static <file.html> <run-dir or folder> [more folders...]
      Writes one self-contained HTML file (data and script inlined; opens without a server).`;

/** Parses `trace-view`'s arguments; throws an error naming the mistake and the usage. */
export function parseViewArgs(args: readonly string[]): ViewCommand {
  const rest = args.filter((arg) => arg !== '--');
  if (rest.length === 0 || rest.includes('--help') || rest.includes('-h')) return { mode: 'help' };
  let host = '127.0.0.1';
  let port = 0;
  let staticFile: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.\n${usage}`);
      return next;
    };
    if (arg === '--static') staticFile = value();
    else if (arg === '--host') host = value();
    else if (arg === '--port') {
      port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be an integer from 0 to 65535 (0: a free port).\n${usage}`);
      }
    } else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}.\n${usage}`);
    else positional.push(arg);
  }
  if (staticFile !== undefined) {
    if (positional.length === 0)
      throw new Error(`--static needs at least one run folder.\n${usage}`);
    return { mode: 'static', file: staticFile, folders: positional };
  }
  if (positional.length !== 1) {
    throw new Error(
      `Serve one folder at a time (put runs under one folder, or use --static).\n${usage}`,
    );
  }
  return { mode: 'serve', folder: positional[0]!, host, port };
}
