import type { ToolProgress } from '../../../../shared/contract';
import './interactions.css';

/** A running tool's progress as its server reports it: a bar (indeterminate without a total) and its message. */
export function ToolProgressBar({ progress }: { readonly progress: ToolProgress }) {
  const { total } = progress;
  const percent =
    total !== null && total > 0 ? Math.round((Math.min(progress.progress, total) / total) * 100) : undefined;
  const label = progress.message ?? (percent !== undefined ? `${percent}%` : `${progress.progress} so far`);
  return (
    <div className="tool-progress">
      <progress
        aria-label="Tool progress"
        aria-valuetext={label}
        max={total !== null && total > 0 ? total : undefined}
        value={total !== null && total > 0 ? Math.min(progress.progress, total) : undefined}
      />
      <span className="tool-progress-text">{label}</span>
    </div>
  );
}
