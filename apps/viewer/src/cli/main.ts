import { resolve } from 'node:path';
import { writeStaticViewer } from '../server/static-export.js';
import { startViewerServer } from '../server/viewer-server.js';
import { parseViewArgs, usage } from './parse-args.js';

// pnpm runs root scripts from the repository root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();

async function main(): Promise<void> {
  const command = parseViewArgs(process.argv.slice(2));
  if (command.mode === 'help') {
    console.log(usage);
    return;
  }
  if (command.mode === 'static') {
    const file = resolve(cwd, command.file);
    await writeStaticViewer(
      file,
      command.folders.map((folder) => resolve(cwd, folder)),
    );
    console.log(`Wrote ${file}`);
    return;
  }
  const viewer = await startViewerServer(resolve(cwd, command.folder), {
    host: command.host,
    port: command.port,
  });
  console.log(`Trace viewer for ${resolve(cwd, command.folder)}: ${viewer.url}`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(command.host)) {
    console.warn(
      `Warning: bound to ${command.host}, so other machines can read these runs (prompts, replies, code). Use the default 127.0.0.1 unless you mean to share them.`,
    );
  }
  const stop = () => void viewer.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
