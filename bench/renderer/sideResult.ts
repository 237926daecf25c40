import type { MainThreadReport } from './mainThread';
import type { ProbeResult } from './probe';

/** One side's readings: from inside the page and from Chromium's view of its main thread. */
export interface SideResult {
  readonly probe: ProbeResult;
  readonly mainThread: MainThreadReport;
  /** False when the page had not shown the whole reply by the cut-off (readings are lower bounds). */
  readonly finished: boolean;
}
