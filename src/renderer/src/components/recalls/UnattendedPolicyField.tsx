import { useId } from 'react';
import { UNATTENDED_POLICY_TEXT, type UnattendedPolicy } from '../../../../shared/contract';

/** What the chosen policy does, as a sentence (the core's wording without its "wait for your OK:" lead). */
function meaning(value: UnattendedPolicy): string {
  const text = UNATTENDED_POLICY_TEXT[value].replace(/^[^:]*: /, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

interface UnattendedPolicyFieldProps {
  readonly value: UnattendedPolicy;
  readonly onChange: (value: UnattendedPolicy) => void;
}

/**
 * What a recall run does when a tool asks for a person's OK (nobody may be watching): wait for it,
 * with a notification, or deny the call and carry on. The hint says what the chosen one means.
 */
export function UnattendedPolicyField({ value, onChange }: UnattendedPolicyFieldProps) {
  const hintId = useId();
  return (
    <div className="recall-unattended">
      <label className="recall-missed">
        <span>If a tool needs your OK</span>
        <select
          value={value}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.value === 'deny' ? 'deny' : 'wait')}
        >
          <option value="wait">wait for my OK</option>
          <option value="deny">deny and continue</option>
        </select>
      </label>
      <span className="muted recall-unattended-hint" id={hintId}>
        {meaning(value)}
      </span>
    </div>
  );
}
