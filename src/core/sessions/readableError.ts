import { RpcError } from '../../shared/rpc';
import { AgentError } from '../agent/types';

const MAX_ERROR_CHARS = 1000;

/** A message a person can read, whatever was thrown (also `undefined` or an object without a prototype). */
export function readableError(error: unknown): string {
  if (error instanceof AgentError || error instanceof RpcError) {
    if (error.message.trim()) return error.message;
  }
  const details = errorDetails(error).trim().slice(0, MAX_ERROR_CHARS);
  return `Something went wrong inside Navi: ${details || 'the agent failed without saying why.'}`;
}

function errorDetails(error: unknown): string {
  try {
    if (error instanceof Error) return error.message || error.name;
    if (typeof error === 'string') return error;
    if (typeof error === 'object' && error !== null) {
      const message = (error as { message?: unknown }).message;
      return typeof message === 'string' ? message : '';
    }
    if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') return String(error);
    return '';
  } catch {
    return ''; // a getter that throws, a revoked proxy
  }
}
