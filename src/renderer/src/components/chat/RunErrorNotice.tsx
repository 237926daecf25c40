import { Icon } from '../common/Icon';

interface RunErrorNoticeProps {
  readonly message: string;
  /** Offered on the latest reply only, when nothing is running. */
  readonly onRetry?: () => void;
}

/** A run's error, inline where the reply stopped, with Retry (writes the reply again in its place). */
export function RunErrorNotice({ message, onRetry }: RunErrorNoticeProps) {
  return (
    <div className="run-error">
      <Icon name="warning" size={16} />
      <p className="run-error-text">{message}</p>
      {onRetry && (
        <button type="button" className="button small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
