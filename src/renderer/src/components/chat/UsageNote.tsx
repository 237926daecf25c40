import type { TokenUsage } from '../../../../shared/contract';
import { formatTokens } from './formatTokens';

/** A reply's token use, small and quiet; the model that wrote it in the tooltip. */
export function UsageNote({ usage, model }: { readonly usage: TokenUsage; readonly model?: string }) {
  const total = usage.inputTokens + usage.outputTokens;
  const detail = `${usage.inputTokens.toLocaleString()} in · ${usage.outputTokens.toLocaleString()} out${model ? ` · ${model}` : ''}`;
  return (
    <span className="usage-note muted" title={detail}>
      {formatTokens(total)} tokens
    </span>
  );
}
