import type { RunStatus } from '../../../../shared/contract';
import { useNow } from '../../hooks/useNow';
import { replyWaitText } from './replyWaitText';

/** Under a reply that has nothing to show yet: what it waits for, counting the seconds. */
export function ReplyWaitNotice({ status }: { readonly status: RunStatus | undefined }) {
  const now = useNow('second');
  return (
    <p className="thinking" role="status">
      {replyWaitText(status, now)}
    </p>
  );
}
