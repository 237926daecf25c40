import type { ConnectionTestResult } from '../../../../shared/contract';

/** The outcome of "Test connection", in the provider's own words. */
export function ConnectionTestResultView({ result }: { readonly result: ConnectionTestResult | undefined }) {
  if (!result) return null;
  return (
    <p className={`test-result ${result.ok ? 'ok' : 'failed'}`} role="status">
      <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
      {result.message}
    </p>
  );
}
