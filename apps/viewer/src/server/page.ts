import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Escapes text for an HTML text or attribute position. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that can sit inside a `<script>` element: `<`, `>`, `&` and line separators escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

async function styles(): Promise<string> {
  return readFile(fileURLToPath(new URL('../client/styles.css', import.meta.url)), 'utf8');
}

/** The page the server sends: the shell; the script and data come from `/app.js` and `/api/…`. */
export async function servedPage(title: string): Promise<string> {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${await styles()}</style></head>
<body><main id="app" aria-live="polite">Loading…</main><script src="/app.js"></script></body></html>
`;
}

/**
 * A self-contained page: styles, data (as inert JSON) and script inlined. The script goes in as a
 * base64 `data:` URL, so no sequence inside it (`</script`, `<!--`) can end or confuse the element.
 * The graph worker's script, when given, goes in base64 in an inert `text/plain` element (the page
 * starts it from a `blob:` URL when a step with a graph is shown).
 */
export async function staticPage(
  title: string,
  data: unknown,
  script: string,
  workerScript?: string,
): Promise<string> {
  const source = `data:text/javascript;base64,${Buffer.from(script, 'utf8').toString('base64')}`;
  const worker =
    workerScript === undefined
      ? ''
      : `<script type="text/plain" id="trace-graphviz-worker">${Buffer.from(workerScript, 'utf8').toString('base64')}</script>\n`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${await styles()}</style></head>
<body><main id="app" aria-live="polite">Loading…</main>
<script type="application/json" id="trace-data">${scriptSafeJson(data)}</script>
${worker}<script src="${source}"></script></body></html>
`;
}
