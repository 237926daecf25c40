import type { MessagePart } from '../../shared/contract';
import type { AgentEvent } from '../agent/types';

/** Folds an agent event into the reply's parts: text deltas extend the current text part. */
export function appendAgentEvent(parts: MessagePart[], event: AgentEvent): void {
  switch (event.type) {
    case 'text-delta': {
      const last = parts[parts.length - 1];
      if (last?.type === 'text') parts[parts.length - 1] = { type: 'text', text: last.text + event.text };
      else parts.push({ type: 'text', text: event.text });
      return;
    }
    case 'tool-call':
      parts.push({ type: 'tool-call', toolCallId: event.toolCallId, toolName: event.toolName, input: event.input });
      return;
    case 'tool-result':
      parts.push({
        type: 'tool-result',
        toolCallId: event.toolCallId,
        toolName: event.toolName,
        output: event.output,
        isError: event.isError,
      });
      return;
    case 'status':
    case 'usage':
      return; // about the run, not part of the reply's content
  }
}
