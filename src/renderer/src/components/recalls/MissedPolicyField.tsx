import type { MissedRunPolicy } from '../../../../shared/contract';
import { MISSED_RUN_GRACE_MS } from '../../../../shared/contract/limits';
import { ExplainedChoice } from './ExplainedChoice';

const GRACE_MINUTES = Math.round(MISSED_RUN_GRACE_MS / 60_000);

/** What counts as missed, and what the chosen policy then does, as sentences. */
function meaning(value: MissedRunPolicy): string {
  const missed = `A run is missed when Navi was closed or asleep and it would start more than ${GRACE_MINUTES} minutes late.`;
  return value === 'skip'
    ? `${missed} Skip: it does not run; a note in the conversation says so and when it runs next.`
    : `${missed} Catch up once: it runs once when Navi is back, however many runs were missed, with a note saying how many.`;
}

const OPTIONS = [
  ['catch_up_once', 'catch up once'],
  ['skip', 'skip it'],
] as const;

interface MissedPolicyFieldProps {
  readonly value: MissedRunPolicy;
  readonly onChange: (value: MissedRunPolicy) => void;
}

/** The missed-run policy, explained where it is chosen (the grace period and its default stated). */
export function MissedPolicyField({ value, onChange }: MissedPolicyFieldProps) {
  return (
    <ExplainedChoice
      label="If Navi was closed when it was due"
      value={value}
      options={OPTIONS}
      meaning={meaning}
      onChange={onChange}
    />
  );
}
