import { RpcError } from '../../../shared/rpc';

/** What to show a person for anything a call threw: the service's own words, field issues first. */
export function errorMessage(error: unknown): string {
  if (error instanceof RpcError) {
    if (error.code === 'disconnected') return 'Not connected to Navi right now. Try again once it is back.';
    if (error.issues && error.issues.length > 0) return error.issues.map((issue) => issue.message).join(' ');
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
