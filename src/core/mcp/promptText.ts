import type { GetPromptResult } from '@modelcontextprotocol/sdk/types.js';
import { MAX_MESSAGE_CHARS } from '../../shared/contract/limits';

type PromptContent = GetPromptResult['messages'][number]['content'];

function contentText(content: PromptContent): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'resource': {
      const { resource } = content;
      if ('text' in resource && typeof resource.text === 'string') {
        return `<resource uri="${resource.uri}">\n${resource.text}\n</resource>`;
      }
      return `[The binary resource ${resource.uri} is not included.]`;
    }
    case 'resource_link':
      return content.uri;
    case 'image':
      return '[An image is not included.]';
    case 'audio':
      return '[An audio clip is not included.]';
  }
  return '';
}

/**
 * A rendered prompt as text for the composer: its messages in order, an assistant turn marked as
 * such (the person sends it as one message), embedded text resources inline. Cut at the message limit.
 */
export function promptText(result: GetPromptResult): string {
  const text = result.messages
    .map((message) => {
      const body = contentText(message.content);
      return message.role === 'assistant' ? `(Assistant) ${body}` : body;
    })
    .filter((body) => body.length > 0)
    .join('\n\n');
  return text.length > MAX_MESSAGE_CHARS ? text.slice(0, MAX_MESSAGE_CHARS) : text;
}
