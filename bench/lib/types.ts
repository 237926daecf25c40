/** Which way a metric improves; ratios are always printed so that > 1 means Navi is better. */
export type Better = 'higher' | 'lower';

/** One line of the results table: the same metric measured for Navi and for the naive baseline. */
export interface BenchRow {
  readonly benchmark: string;
  readonly metric: string;
  readonly unit: string;
  readonly better: Better;
  readonly navi: number;
  readonly naive: number;
  /**
   * Readings closer to zero than this are measurement noise (heap deltas): the ratio is then taken
   * against the floor instead and shown as a lower bound ("≥ 100x better").
   */
  readonly noiseFloor?: number;
  /**
   * Every reading behind `navi` and `naive` when a side ran several times (they are then the
   * medians): the table shows the range beside each median.
   */
  readonly naviRuns?: readonly number[];
  readonly naiveRuns?: readonly number[];
  /**
   * What the baseline column holds: a measured alternative (the default), the budget the design
   * states (`naive` is that budget), or nothing (`stated`: a figure reported for the record, `naive`
   * is NaN).
   */
  readonly baseline?: 'measured' | 'budget' | 'stated';
}

export interface BenchContext {
  /** Progress notes go here (stderr), so stdout carries only the table. */
  log(message: string): void;
}

/** A benchmark module: later issues add theirs to the list in bench/run.ts. */
export interface BenchModule {
  /** `area/name`; `--only area` runs every module of the area, `--only area/name` just one. */
  readonly name: string;
  readonly description: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
