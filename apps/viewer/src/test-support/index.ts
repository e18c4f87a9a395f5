export { launchChromium } from './browser.js';
export {
  appendRunningStep,
  hostileText,
  stepEvent,
  writeFixtureRuns,
  writeGraphRun,
} from './fixture-runs.js';
