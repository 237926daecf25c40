import type { RecallStatus } from '../../../../shared/contract';
import { STATUS_LABEL } from './recallLabels';

/** "Scheduled", "Running", "Paused", "Done", "Failed", "Cancelled" as a small coloured pill. */
export function RecallStatusBadge({ status }: { readonly status: RecallStatus }) {
  return <span className={`recall-status status-${status}`}>{STATUS_LABEL[status]}</span>;
}
