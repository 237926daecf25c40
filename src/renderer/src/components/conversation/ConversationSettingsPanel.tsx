import { useState } from 'react';
import type { Session } from '../../../../shared/contract';
import { useSettingsStore } from '../../stores/settingsStore';
import { Field } from '../settings/Field';
import { profileOf } from './conversationProfile';
import type { SessionChange } from './useSessionSettings';

interface ConversationSettingsPanelProps {
  readonly session: Session;
  readonly saving: boolean;
  readonly error: string | undefined;
  readonly onSave: (change: SessionChange) => Promise<boolean>;
}

/**
 * This conversation's profile and its own instructions (the system prompt). Left empty, the
 * profile's instructions apply; a change applies from the next reply, in every window.
 */
export function ConversationSettingsPanel({ session, saving, error, onSave }: ConversationSettingsPanelProps) {
  const profiles = useSettingsStore((state) => state.profiles) ?? [];
  const profile = profileOf(session, profiles);
  const stored = session.instructions ?? '';
  // Undefined until edited here: until then it shows what is stored (also after another window's change).
  const [edited, setEdited] = useState<string>();
  const draft = edited ?? stored;
  const dirty = draft !== stored;

  const saveInstructions = async (instructions: string | null): Promise<void> => {
    if (await onSave({ instructions })) setEdited(undefined);
  };

  return (
    <section className="conversation-settings" aria-label="Conversation settings">
      <Field label="Profile" hint="Its instructions, model, tools and recall defaults apply here.">
        {(props) => (
          <select
            {...props}
            value={profile?.id ?? ''}
            disabled={saving || profiles.length === 0}
            onChange={(event) => void onSave({ profileId: event.target.value })}
          >
            {profiles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
                {candidate.isDefault ? ' (default)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Instructions"
        hint={
          session.instructions === null
            ? `Empty: the profile "${profile?.name ?? 'Default'}" gives the instructions (shown greyed).`
            : 'This conversation’s own instructions, sent to the model with every message.'
        }
        error={error}
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            value={draft}
            placeholder={profile?.systemPrompt ?? ''}
            onChange={(event) => setEdited(event.target.value)}
          />
        )}
      </Field>
      <div className="conversation-settings-actions">
        <button
          type="button"
          className="button primary"
          disabled={saving || !dirty}
          onClick={() => void saveInstructions(draft.trim() ? draft : null)}
        >
          Save instructions
        </button>
        <button
          type="button"
          className="button subtle"
          disabled={saving || session.instructions === null}
          onClick={() => void saveInstructions(null)}
        >
          Use the profile’s
        </button>
      </div>
    </section>
  );
}
