import { PNG } from 'pngjs';

/**
 * Whether a PNG image has any content: decodes it and reports whether at least two pixels differ.
 * Throws when `bytes` is not a PNG.
 */
export function pngHasContent(bytes: Buffer): boolean {
  const image = PNG.sync.read(bytes);
  const data = image.data;
  for (let offset = 4; offset < data.length; offset += 4) {
    if (
      data[offset] !== data[0] ||
      data[offset + 1] !== data[1] ||
      data[offset + 2] !== data[2] ||
      data[offset + 3] !== data[3]
    ) {
      return true;
    }
  }
  return false;
}
