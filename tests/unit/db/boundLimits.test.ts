import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * SQLite (3.48 and later, Navi's 3.53) plans a `LIMIT` that is a bare bound parameter with the value
 * bound at the time, and marks the statement to be compiled again whenever that parameter is bound:
 * better-sqlite3 binds on every call, so such a statement is parsed and planned on every run (the
 * recall scheduler's due query cost about 0.1 ms per fire this way, on the event loop). `LIMIT +?`
 * is the same limit without that.
 */
describe('statements with a bound LIMIT', () => {
  it('write it as +? (or +@name), so a prepared statement stays prepared', () => {
    const offenders = sources(join(root, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, at: `${relative(root, file)}:${index + 1}` }))
        .filter(({ line }) => /\bLIMIT\s+[?@:$]/.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});
