import sparticuz from '@sparticuz/chromium';
import { type Browser, chromium } from 'playwright-core';

/**
 * Flags of `@sparticuz/chromium` (made for AWS Lambda) that the tests leave out:
 * `--single-process` (closing one page would close the browser) and the ones that weaken the web
 * security the tests check (`--disable-web-security`, `--allow-running-insecure-content`).
 */
const droppedFlags = new Set([
  '--single-process',
  '--disable-web-security',
  '--allow-running-insecure-content',
]);

/**
 * Launches the Chromium that ships inside `@sparticuz/chromium` (extracted to the temp folder on
 * first use; nothing is downloaded). `--no-sandbox` because CI containers often run as root.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: [...sparticuz.args.filter((flag) => !droppedFlags.has(flag)), '--no-sandbox'],
    headless: true,
  });
}
