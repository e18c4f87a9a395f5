/** The views and their hash routes: `#/`, `#/run/<id>[/step/<n>]`, `#/compare/<a>/<b>`. */
export type Route =
  | { readonly view: 'runs' }
  | { readonly view: 'run'; readonly id: string; readonly step: number | undefined }
  | { readonly view: 'compare'; readonly a: string; readonly b: string };

/** Parses `location.hash` (ids are percent-encoded). */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const decode = (part: string | undefined) => {
    try {
      return decodeURIComponent(part ?? '');
    } catch {
      return '';
    }
  };
  if (parts[0] === 'run' && parts[1]) {
    const step = parts[2] === 'step' ? Number(parts[3]) : Number.NaN;
    return { view: 'run', id: decode(parts[1]), step: Number.isInteger(step) ? step : undefined };
  }
  if (parts[0] === 'compare' && parts[1] && parts[2]) {
    return { view: 'compare', a: decode(parts[1]), b: decode(parts[2]) };
  }
  return { view: 'runs' };
}

/** The link to a run (and a step). */
export function runHref(id: string, step?: number): string {
  return `#/run/${encodeURIComponent(id)}${step === undefined ? '' : `/step/${step}`}`;
}
