import type { ToolPolicy } from '../../../../shared/contract';

export const POLICY_LABEL: Readonly<Record<ToolPolicy, string>> = {
  allow: 'Allow',
  ask: 'Ask',
  never: 'Never',
};

interface ToolPolicySelectProps {
  /** The accessible name, e.g. "Permission for echo". */
  readonly label: string;
  readonly rule: ToolPolicy | null;
  /** What applies without a rule, shown in the first option ("Default (Ask)"). */
  readonly inherited: ToolPolicy;
  /** How the first option names where `inherited` comes from. */
  readonly inheritedFrom: string;
  readonly onChange: (policy: ToolPolicy | null) => void;
}

/** Allow / Ask / Never for a tool or a server, or no rule of its own (what it inherits). */
export function ToolPolicySelect({ label, rule, inherited, inheritedFrom, onChange }: ToolPolicySelectProps) {
  return (
    <select
      className={`tool-policy-select policy-${rule ?? inherited}`}
      aria-label={label}
      value={rule ?? ''}
      onChange={(event) => {
        const value = event.target.value;
        onChange(value === 'allow' || value === 'ask' || value === 'never' ? value : null);
      }}
    >
      <option value="">
        {inheritedFrom} ({POLICY_LABEL[inherited]})
      </option>
      {(['allow', 'ask', 'never'] as const).map((policy) => (
        <option key={policy} value={policy}>
          {POLICY_LABEL[policy]}
        </option>
      ))}
    </select>
  );
}
