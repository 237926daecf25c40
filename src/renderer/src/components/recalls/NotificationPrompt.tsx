import { useNotificationsPref } from '../../hooks/useNotificationsPref';
import { isBrowserHost } from '../../notifications/browserHost';
import { useNotificationPermissionStore } from '../../stores/notificationPermissionStore';
import { Icon } from '../common/Icon';

interface NotificationPromptProps {
  /**
   * The Scheduled view's variant: after "Not now" it stays as a quiet line (the way back), and a
   * browser that blocks notifications is explained.
   */
  readonly persistent?: boolean;
}

/**
 * In a browser tab, offers to turn on notifications for recalls; the browser's permission request
 * runs from the click. Hidden in the desktop app (it notifies by itself), once the browser has an
 * answer, after "Not now" (remembered), and when notifications are off in Navi's settings.
 */
export function NotificationPrompt({ persistent = false }: NotificationPromptProps) {
  const permission = useNotificationPermissionStore((state) => state.permission);
  const dismissed = useNotificationPermissionStore((state) => state.dismissed);
  const request = useNotificationPermissionStore((state) => state.request);
  const dismiss = useNotificationPermissionStore((state) => state.dismiss);
  const wanted = useNotificationsPref();
  if (!isBrowserHost || wanted !== true) return null;
  if (permission === 'denied' && persistent) {
    return (
      <p className="notification-prompt quiet" role="note">
        <Icon name="bell" /> This browser blocks notifications from Navi, so recalls that fire show only here. Allow
        them in the site’s settings to be told.
      </p>
    );
  }
  if (permission !== 'default' || (dismissed && !persistent)) return null;
  return (
    <div className={`notification-prompt${dismissed ? ' quiet' : ''}`} role="note">
      <Icon name="bell" />
      <span>Get a notification when a recall fires, even while this tab is in the background.</span>
      <span className="spacer" />
      <button
        type="button"
        className={`button small ${dismissed ? 'subtle' : 'primary'}`}
        onClick={() => void request()}
      >
        Turn on notifications
      </button>
      {!dismissed && (
        <button type="button" className="button small subtle" onClick={dismiss}>
          Not now
        </button>
      )}
    </div>
  );
}
