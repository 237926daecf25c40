import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCrashChild, runCrashCycles, type CrashReport } from '../../tests/fixtures/crashCycles';
import { withTempDir } from '../lib/tempDir';
import type { BenchModule, BenchRow } from '../lib/types';

const here = dirname(fileURLToPath(import.meta.url));
/** At least 300 kills for Navi (NAVI_CRASH_CYCLES to change); the baseline's rates settle sooner. */
const CYCLES = Number(process.env.NAVI_CRASH_CYCLES ?? 300);
const BASELINE_CYCLES = Math.max(20, Math.round(CYCLES / 3));

const percent = (part: number, whole: number): number => (whole === 0 ? 0 : (100 * part) / whole);

function describe(side: string, report: CrashReport): string {
  return (
    `  ${side}: ${report.cycles} kills; acknowledged messages ${report.acknowledged}, lost ${report.acknowledgedLost}; ` +
    `completed replies ${report.completedReplies}, lost ${report.completedRepliesLost}; one-time recalls ${report.recalls}, ` +
    `run twice ${report.recallsRunTwice}, never run ${report.recallsNeverRun}, gave up after 3 interrupted tries ` +
    `${report.recallsGaveUp}; replies interrupted mid-stream ${report.interruptedReplies}, kept ${report.interruptedRepliesKept}`
  );
}

export const recallCrashBenchmark: BenchModule = {
  name: 'recalls/kill-9',
  description: `kill -9 at random moments (${CYCLES} times) while replies stream and recalls come due`,
  async run({ log }) {
    const navi = await withTempDir(async (dir) => {
      log(`  Navi: ${CYCLES} kills…`);
      const childFile = await buildCrashChild();
      return runCrashCycles({ childFile, dbFile: join(dir, 'navi.db'), cycles: CYCLES, seed: 11, log });
    });
    log(describe('Navi', navi));
    const naive = await withTempDir(async (dir) => {
      log(`  naive (a reply written when it completes, recalls marked done after): ${BASELINE_CYCLES} kills…`);
      const childFile = await buildCrashChild(resolve(here, 'naiveCrashChild.ts'));
      return runCrashCycles({ childFile, dbFile: join(dir, 'navi.db'), cycles: BASELINE_CYCLES, seed: 11, log });
    });
    log(describe('naive', naive));
    const name = 'recalls/kill-9';
    const row = (metric: string, better: BenchRow['better'], pick: (report: CrashReport) => number): BenchRow => ({
      benchmark: name,
      metric,
      unit: '%',
      better,
      navi: pick(navi),
      naive: pick(naive),
    });
    return [
      row('acknowledged messages lost', 'lower', (r) => percent(r.acknowledgedLost, r.acknowledged)),
      row('completed replies lost', 'lower', (r) => percent(r.completedRepliesLost, r.completedReplies)),
      row('one-time recalls run twice', 'lower', (r) => percent(r.recallsRunTwice, r.recalls)),
      row('one-time recalls never run (lost)', 'lower', (r) => percent(r.recallsNeverRun, r.recalls)),
      row('replies interrupted mid-stream that kept their text', 'higher', (r) =>
        percent(r.interruptedRepliesKept, r.interruptedReplies),
      ),
    ];
  },
};
