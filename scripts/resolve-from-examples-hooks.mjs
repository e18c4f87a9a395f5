// Module resolve hook for `pnpm example`: a bare import (`@trace/core`) that cannot be resolved from
// the importing file is resolved again as if it were imported from the examples/ workspace, which
// depends on every @trace/* package. ES modules only (`import`, not `require`).
const fallbackParent = new URL('../examples/package.json', import.meta.url).href;

function isBare(specifier) {
  return !/^(\.|\/|[a-zA-Z][a-zA-Z\d+.-]*:)/.test(specifier);
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !isBare(specifier)) throw error;
    if (context.parentURL === fallbackParent) throw error;
    return nextResolve(specifier, { ...context, parentURL: fallbackParent });
  }
}
