import type { Recall } from '../../../../shared/contract';
import { Icon, type IconName } from '../common/Icon';
import type { RecallCommands } from './useRecallCommands';

interface RecallActionsProps {
  readonly recall: Recall;
  readonly commands: RecallCommands;
  /** The id of the element that names the recall (its instructions), to describe each button. */
  readonly describedBy: string;
  readonly onEdit: () => void;
  readonly onDelete: () => void;
}

interface Action {
  readonly label: string;
  readonly title: string;
  readonly icon: IconName;
  readonly onClick: () => void;
}

/** Edit, snooze, pause or resume, run now, delete: what a recall in its current state allows. */
export function RecallActions({ recall, commands, describedBy, onEdit, onDelete }: RecallActionsProps) {
  const { status } = recall;
  const actions: Action[] = [];
  if (status !== 'running') actions.push({ label: 'Edit recall', title: 'Edit', icon: 'pencil', onClick: onEdit });
  if (status === 'pending' && recall.nextRunAt !== null) {
    actions.push({
      label: 'Snooze recall for 1 hour',
      title: 'Snooze 1 hour',
      icon: 'clock',
      onClick: commands.snooze,
    });
  }
  if (status === 'pending' || status === 'running') {
    actions.push({ label: 'Pause recall', title: 'Pause', icon: 'pause', onClick: commands.pause });
  }
  if (status === 'paused') {
    actions.push({ label: 'Resume recall', title: 'Resume', icon: 'play', onClick: commands.resume });
  }
  if (status !== 'running' && status !== 'paused') {
    actions.push({ label: 'Run recall now', title: 'Run now', icon: 'bolt', onClick: commands.runNow });
  }
  actions.push({ label: 'Delete recall', title: 'Delete', icon: 'trash', onClick: onDelete });
  return (
    <div className="recall-actions">
      {actions.map((action) => (
        <button
          key={action.label}
          type="button"
          className="icon-button"
          aria-label={action.label}
          aria-describedby={describedBy}
          title={action.title}
          disabled={commands.busy}
          onClick={action.onClick}
        >
          <Icon name={action.icon} />
        </button>
      ))}
    </div>
  );
}
