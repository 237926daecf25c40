import { useState } from 'react';
import type { McpServerStatus } from '../../../../shared/contract';

/**
 * The server's latest failure, kept while Navi tries again ("connecting" carries no error), so the
 * reason and the stderr tail do not vanish every few seconds; forgotten once it connects or is off.
 */
export function useLastFailure(status: McpServerStatus): McpServerStatus | undefined {
  const [failure, setFailure] = useState<McpServerStatus | undefined>(status.state === 'error' ? status : undefined);
  if (status.state === 'error' && failure !== status) setFailure(status);
  if ((status.state === 'connected' || status.state === 'disabled') && failure) setFailure(undefined);
  return status.state === 'error' ? status : status.state === 'connecting' ? failure : undefined;
}
