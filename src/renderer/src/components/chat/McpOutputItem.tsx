import type { McpContentItem } from '../../../../shared/contract';

const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|avif|bmp)$/i;
const AUDIO_TYPES = /^audio\/[\w.+-]+$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const isHttpUrl = (uri: string): boolean => /^https?:\/\//i.test(uri);

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One item of an MCP tool's result: text, an image, audio, a link or an embedded resource. */
export function McpOutputItem({ item, isError }: { readonly item: McpContentItem; readonly isError: boolean }) {
  switch (item.type) {
    case 'text':
      return <pre className={isError ? 'tool-error-output' : undefined}>{item.text}</pre>;
    case 'image':
      return IMAGE_TYPES.test(item.mimeType) && BASE64.test(item.data) ? (
        <img className="tool-image" src={`data:${item.mimeType};base64,${item.data}`} alt="Image from the tool" />
      ) : (
        <p className="tool-note">An image ({item.mimeType}) that cannot be shown here.</p>
      );
    case 'audio':
      return AUDIO_TYPES.test(item.mimeType) && BASE64.test(item.data) ? (
        <audio className="tool-audio" controls src={`data:${item.mimeType};base64,${item.data}`} />
      ) : (
        <p className="tool-note">Audio ({item.mimeType}) that cannot be played here.</p>
      );
    case 'resource_link':
      return (
        <p className="tool-note">
          {isHttpUrl(item.uri) ? (
            <a href={item.uri} target="_blank" rel="noreferrer noopener">
              {item.name}
            </a>
          ) : (
            <span className="tool-name">{item.name}</span>
          )}{' '}
          <span className="mono muted">{item.uri}</span>
          {item.description && <span className="muted"> — {item.description}</span>}
        </p>
      );
    case 'resource':
      return (
        <div>
          <p className="tool-note mono muted">{item.uri}</p>
          {item.text !== undefined ? (
            <pre>{item.text}</pre>
          ) : (
            <p className="tool-note">
              Binary contents{item.mimeType ? ` (${item.mimeType})` : ''}
              {item.blobBytes !== undefined ? `, ${formatBytes(item.blobBytes)}` : ''}; not kept in the conversation.
            </p>
          )}
        </div>
      );
  }
}
