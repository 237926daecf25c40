import type { Message } from '../../../../shared/contract';
import { messageText } from '../../../../shared/contract/display';
import { Icon } from '../common/Icon';

/** A line Navi wrote itself (a recall was missed, skipped or interrupted): a note, not a reply. */
export function SystemNote({ message }: { readonly message: Message }) {
  return (
    <aside className="system-note" aria-label="Note from Navi">
      <Icon name="clock" size={12} />
      <p>{messageText(message)}</p>
    </aside>
  );
}
