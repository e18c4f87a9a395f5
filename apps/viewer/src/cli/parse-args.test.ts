import { describe, expect, it } from 'vitest';
import { parseViewArgs } from './parse-args.js';

describe('parseViewArgs', () => {
  it('serves one folder on 127.0.0.1 at a free port by default', () => {
    expect(parseViewArgs(['runs/a'])).toEqual({
      mode: 'serve',
      folder: 'runs/a',
      host: '127.0.0.1',
      port: 0,
    });
    expect(parseViewArgs(['--', 'runs/a', '--port', '8080'])).toMatchObject({ port: 8080 });
  });

  it('writes a static page of one or more folders', () => {
    expect(parseViewArgs(['--static', 'out.html', 'a', 'b'])).toEqual({
      mode: 'static',
      file: 'out.html',
      folders: ['a', 'b'],
    });
  });

  it('says what is wrong', () => {
    expect(() => parseViewArgs(['a', 'b'])).toThrow(/one folder at a time/);
    expect(() => parseViewArgs(['--static', 'out.html'])).toThrow(/at least one run folder/);
    expect(() => parseViewArgs(['a', '--port', '-1'])).toThrow(/--port must be/);
    expect(() => parseViewArgs(['a', '--port'])).toThrow(/--port needs a value/);
    expect(() => parseViewArgs(['a', '--bogus'])).toThrow(/Unknown option --bogus/);
    expect(parseViewArgs([])).toEqual({ mode: 'help' });
  });
});
