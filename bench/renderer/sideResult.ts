import type { MainThreadReport } from './mainThread';
import type { ProbeResult } from './probe';

/** One side's readings: from inside the page and from Chromium's view of its main thread. */
export interface SideResult {
  readonly probe: ProbeResult;
  readonly mainThread: MainThreadReport;
}
