export type * from './common/api-types.js';
export { RunStore } from './server/run-store.js';
export { staticBundle, writeStaticViewer } from './server/static-export.js';
export {
  startViewerServer,
  type ViewerServer,
  type ViewerServerOptions,
} from './server/viewer-server.js';
