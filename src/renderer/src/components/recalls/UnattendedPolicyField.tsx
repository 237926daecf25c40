import type { UnattendedPolicy } from '../../../../shared/contract';
import { UNATTENDED_POLICY_TEXT } from '../../../../shared/contract/display';
import { ExplainedChoice } from './ExplainedChoice';

/** What the chosen policy does, as a sentence (the core's wording without its "wait for your OK:" lead). */
function meaning(value: UnattendedPolicy): string {
  const text = UNATTENDED_POLICY_TEXT[value].replace(/^[^:]*: /, '');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const OPTIONS = [
  ['wait', 'wait for my OK'],
  ['deny', 'deny and continue'],
] as const;

interface UnattendedPolicyFieldProps {
  readonly value: UnattendedPolicy;
  readonly onChange: (value: UnattendedPolicy) => void;
}

/**
 * What a recall run does when a tool asks for a person's OK (nobody may be watching): wait for it,
 * with a notification, or deny the call and carry on. The hint says what the chosen one means.
 */
export function UnattendedPolicyField({ value, onChange }: UnattendedPolicyFieldProps) {
  return (
    <ExplainedChoice
      label="If a tool needs your OK"
      value={value}
      options={OPTIONS}
      meaning={meaning}
      onChange={onChange}
    />
  );
}
