import { useId } from 'react';
import { MISSED_RUN_GRACE_MS, type MissedRunPolicy } from '../../../../shared/contract';

const GRACE_MINUTES = Math.round(MISSED_RUN_GRACE_MS / 60_000);

/** What counts as missed, and what the chosen policy then does, as sentences. */
function meaning(value: MissedRunPolicy): string {
  const missed = `A run is missed when Navi was closed or asleep and it would start more than ${GRACE_MINUTES} minutes late.`;
  return value === 'skip'
    ? `${missed} Skip: it does not run; a note in the conversation says so and when it runs next.`
    : `${missed} Catch up once: it runs once when Navi is back, however many runs were missed, with a note saying how many.`;
}

interface MissedPolicyFieldProps {
  readonly value: MissedRunPolicy;
  readonly onChange: (value: MissedRunPolicy) => void;
}

/** The missed-run policy, explained where it is chosen (the grace period and its default stated). */
export function MissedPolicyField({ value, onChange }: MissedPolicyFieldProps) {
  const hintId = useId();
  return (
    <div className="recall-unattended">
      <label className="recall-missed">
        <span>If Navi was closed when it was due</span>
        <select
          value={value}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.value === 'skip' ? 'skip' : 'catch_up_once')}
        >
          <option value="catch_up_once">catch up once</option>
          <option value="skip">skip it</option>
        </select>
      </label>
      <span className="muted recall-unattended-hint" id={hintId}>
        {meaning(value)}
      </span>
    </div>
  );
}
