import { z } from 'zod';

/**
 * Error codes every side understands. Protocol codes come from the RPC layer itself;
 * `not_found`, `conflict`, `busy` and `invalid_input` are thrown by services for a person to read.
 */
export const RpcErrorCode = z.enum([
  'invalid_request',
  'unknown_method',
  'cancelled',
  'disconnected',
  'internal',
  'not_found',
  'conflict',
  'busy',
  'invalid_input',
]);
export type RpcErrorCode = z.infer<typeof RpcErrorCode>;

export const RpcErrorIssue = z.object({ path: z.string(), message: z.string() });
export type RpcErrorIssue = z.infer<typeof RpcErrorIssue>;

export const RpcErrorData = z.object({
  code: RpcErrorCode,
  message: z.string(),
  issues: z.array(RpcErrorIssue).optional(),
});
export type RpcErrorData = z.infer<typeof RpcErrorData>;

export class RpcError extends Error {
  readonly code: RpcErrorCode;
  readonly issues: RpcErrorIssue[] | undefined;

  constructor(code: RpcErrorCode, message: string, issues?: RpcErrorIssue[]) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.issues = issues;
  }

  toData(): RpcErrorData {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromData(data: RpcErrorData): RpcError {
    return new RpcError(data.code, data.message, data.issues);
  }

  /** Wraps anything thrown by a handler so the caller gets a readable message and no stack. */
  static from(error: unknown): RpcError {
    if (error instanceof RpcError) return error;
    if (error instanceof z.ZodError) return RpcError.fromZod('Invalid input', error);
    const message = error instanceof Error ? error.message : String(error);
    return new RpcError('internal', message || 'Internal error');
  }

  static fromZod(prefix: string, error: z.ZodError): RpcError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return new RpcError('invalid_request', `${prefix}: ${summary}`, issues);
  }
}
