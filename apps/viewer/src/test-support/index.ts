export { launchChromium } from './browser.js';
export { appendRunningStep, hostileText, stepEvent, writeFixtureRuns } from './fixture-runs.js';
