import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
const depcruise = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** A throwaway project beside ours (so node_modules resolves) with the real rules. */
let fixture: string;

function write(file: string, text: string): void {
  const full = join(fixture, file);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

/** Runs the check exactly as `npm test` does and reads its "error <rule>: <from> → <to>" lines. */
function cruise(): { status: number | null; violations: Violation[] } {
  const result = spawnSync(process.execPath, [depcruise, 'src', '--config', '.dependency-cruiser.cjs'], {
    cwd: fixture,
    encoding: 'utf8',
  });
  const violations = [...result.stdout.matchAll(/error (\S+): (\S+) → (\S+)/g)].map(([, name, from, to]) => ({
    rule: { name: name! },
    from: from!,
    to: to!,
  }));
  return { status: result.status, violations };
}

beforeAll(() => {
  fixture = mkdtempSync(join(root, '.layering-fixture-'));
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(fixture, '.dependency-cruiser.cjs'));
  write('tsconfig.node.json', JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'bundler' } }));
  // A well-layered skeleton every case starts from.
  write('src/shared/contract.ts', 'export const x = 1;\n');
  write('src/core/core.ts', "import { x } from '../shared/contract';\nimport 'node:fs';\nexport const y = x;\n");
  write('src/main/index.ts', "import 'electron';\nimport { y } from '../core/core';\nexport const z = y;\n");
  write('src/host/cli.ts', "import 'ws';\nimport { y } from '../core/core';\nexport const w = y;\n");
  write('src/preload/index.ts', "import 'electron';\nimport { x } from '../shared/contract';\nexport const p = x;\n");
  write('src/renderer/App.tsx', "import { x } from '../shared/contract';\nexport const r = x;\n");
});

afterAll(() => rmSync(fixture, { recursive: true, force: true }));

const cases: [string, string, string, string][] = [
  [
    'renderer imports core',
    'src/renderer/bad.ts',
    "import '../core/core';",
    'renderer-imports-core-or-main-or-preload-or-host',
  ],
  ['renderer imports node:fs', 'src/renderer/bad.ts', "import 'node:fs';", 'node-builtins-in-portable-code'],
  ['shared imports node:path', 'src/shared/bad.ts', "import 'node:path';", 'node-builtins-in-portable-code'],
  ['shared imports electron', 'src/shared/bad.ts', "import 'electron';", 'electron-outside-shell'],
  [
    'shared imports core',
    'src/shared/bad.ts',
    "import '../core/core';",
    'shared-imports-core-or-main-or-preload-or-host-or-renderer',
  ],
  ['core imports electron', 'src/core/bad.ts', "import 'electron';", 'electron-outside-shell'],
  [
    'core imports main',
    'src/core/bad.ts',
    "import '../main/index';",
    'core-imports-main-or-preload-or-host-or-renderer',
  ],
  ['host imports main', 'src/host/bad.ts', "import '../main/index';", 'host-imports-main-or-preload-or-renderer'],
  ['host imports electron', 'src/host/bad.ts', "import 'electron';", 'electron-outside-shell'],
  [
    'preload imports core',
    'src/preload/bad.ts',
    "import '../core/core';",
    'preload-imports-core-or-main-or-host-or-renderer',
  ],
  ['main imports renderer', 'src/main/bad.ts', "import '../renderer/App';", 'main-imports-preload-or-host-or-renderer'],
  [
    'renderer imports better-sqlite3',
    'src/renderer/bad.ts',
    "import 'better-sqlite3';",
    'node-packages-in-portable-code',
  ],
];

/** Each case's file gets its own name, so one run of the check judges them all at once. */
const badFile = (file: string, index: number): string => file.replace(/bad\.ts$/, `bad${index}.ts`);

let clean: ReturnType<typeof cruise>;
let broken: ReturnType<typeof cruise>;

beforeAll(() => {
  clean = cruise();
  cases.forEach(([, file, source], index) => write(badFile(file, index), `${source}\nexport {};\n`));
  broken = cruise();
});

// The real source tree is checked by `npm run check:layers`, which `npm test` runs before vitest.
describe('layering check', () => {
  it('passes a tree that follows DESIGN.md', () => {
    expect(clean.violations).toEqual([]);
    expect(clean.status).toBe(0);
  });

  it('fails the run when any layer is crossed', () => {
    expect(broken.status).not.toBe(0);
    const offenders = new Set(broken.violations.map((v) => v.from));
    expect([...offenders].sort()).toEqual(cases.map(([, file], index) => badFile(file, index)).sort());
  });

  it.each(cases.map((c, index) => [...c, index] as const))('fails when %s', (_title, file, _source, rule, index) => {
    expect(broken.violations.map((v) => `${v.rule.name} ${v.from}`)).toContain(`${rule} ${badFile(file, index)}`);
  });
});
