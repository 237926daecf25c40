import { useEffect, useState } from 'react';
import { Icon } from '../common/Icon';

interface CopyButtonProps {
  /** The accessible name (e.g. "Copy message"). */
  readonly label: string;
  /** What goes on the clipboard, worked out when clicked. */
  readonly text: () => string | Promise<string>;
  readonly className?: string;
  /** Shown beside the icon. */
  readonly caption?: string;
}

/** Copies text to the clipboard and says so (or why not) for a moment. */
export function CopyButton({ label, text, className = 'icon-button', caption }: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'failed'>();
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(undefined), 2_000);
    return () => clearTimeout(timer);
  }, [result]);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(await text());
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };
  return (
    <>
      <button type="button" className={className} aria-label={label} title={label} onClick={() => void copy()}>
        <Icon name={result === 'copied' ? 'check' : 'copy'} size={14} />
        {caption && <span>{caption}</span>}
      </button>
      {result && (
        <span className="copy-result muted" role="status">
          {result === 'copied' ? 'Copied' : 'Could not copy'}
        </span>
      )}
    </>
  );
}
