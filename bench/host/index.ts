import { execFileSync, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fuzzCases, runFuzz, type FuzzReport } from '../../tests/fuzz/hostFuzz';
import { socketClient } from '../../tests/helpers/socketClient';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

/** The same seed as the test's, many more cases. */
const SEED = 20_261_129;
const CASES = 20_000;
const ADDRESS = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/;

interface SideResult {
  readonly report: FuzzReport;
  /** Peak resident memory above the reading taken before the fuzz. */
  readonly rssGrowthMb: number;
  readonly callsWorkAfter: boolean;
  /** Exit code after SIGTERM, or the code it died with during the fuzz. */
  readonly exitCode: number | null;
}

function rssMb(pid: number): number {
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function fuzzProcess(args: string[], cases = fuzzCases(SEED, CASES), log: (line: string) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  while (!ADDRESS.test(stdout)) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited before serving`);
    await new Promise((next) => setTimeout(next, 100));
  }
  const [, , port, token] = ADDRESS.exec(stdout)!;
  const pid = child.pid!;
  const before = rssMb(pid);
  const samples: number[] = [];
  const report = await runFuzz(Number(port), token!, cases, (done) => {
    samples.push(rssMb(pid));
    log(`    ${done.toLocaleString('en-US')} cases, ${samples.at(-1)!.toFixed(0)} MB resident`);
  });
  samples.push(rssMb(pid));
  const peak = Math.max(before, ...samples.filter(Number.isFinite));
  let callsWorkAfter = false;
  if (!report.hostGone) {
    const client = socketClient(Number(port), token!);
    try {
      const session = await client.api.sessions.create({ title: 'After the fuzz' });
      callsWorkAfter = (await client.api.sessions.get({ id: session.id })).session.title === 'After the fuzz';
    } finally {
      client.close();
    }
    child.kill('SIGTERM');
  }
  const exitCode = await exited;
  const finite = (value: number): number => (Number.isFinite(value) ? value : 0);
  return {
    report,
    rssGrowthMb: finite(peak - before),
    callsWorkAfter,
    exitCode,
  };
}

export const hostFuzzBenchmark: BenchModule = {
  name: 'host/fuzz',
  description: `${CASES.toLocaleString('en-US')} seeded fuzz cases (RPC messages, frames, HTTP) against npm run serve vs an unguarded host`,
  async run({ log }) {
    const cases = fuzzCases(SEED, CASES);
    const valid = cases.filter((item) => item.kind === 'text' || item.kind === 'binary');
    const navi: SideResult = await withTempDir((dir) => {
      log('  Navi: npm run serve…');
      return fuzzProcess([join(root, 'src', 'host', 'cli.ts'), '--port', '0', '--data-dir', dir], cases, log);
    });
    const naive: SideResult = await withTempDir((dir) => {
      log('  unguarded host, same cases…');
      return fuzzProcess([join(here, 'naiveHost.ts'), dir], cases, log);
    });
    const naiveMemory: SideResult = await withTempDir((dir) => {
      log(`  unguarded host, the ${valid.length.toLocaleString('en-US')} well-formed frames only (for memory)…`);
      return fuzzProcess([join(here, 'naiveHost.ts'), dir], valid, log);
    });
    const name = 'host/fuzz';
    const rows: BenchRow[] = [
      {
        benchmark: name,
        metric: `cases sent before the host went away, of ${CASES.toLocaleString('en-US')}`,
        unit: '',
        better: 'higher',
        navi: navi.report.survived,
        naive: naive.report.survived,
      },
      {
        benchmark: name,
        metric: 'host exits during the fuzz (goal 0)',
        unit: '',
        better: 'lower',
        navi: navi.report.hostGone ? 1 : 0,
        naive: naive.report.hostGone ? 1 : 0,
      },
      {
        benchmark: name,
        metric: 'after the fuzz: normal calls fail or no exit 0 on SIGTERM (goal 0)',
        unit: '',
        better: 'lower',
        navi: navi.callsWorkAfter && navi.exitCode === 0 ? 0 : 1,
        naive: naive.callsWorkAfter && naive.exitCode === 0 ? 0 : 1,
      },
      {
        benchmark: name,
        metric: `peak resident memory growth, ${valid.length.toLocaleString('en-US')} well-formed frames`,
        unit: 'MB',
        better: 'lower',
        navi: navi.rssGrowthMb,
        naive: naiveMemory.rssGrowthMb,
        noiseFloor: 1,
      },
    ];
    return rows;
  },
};
