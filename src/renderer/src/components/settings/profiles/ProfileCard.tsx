import { useEffect, useRef, useState } from 'react';
import { DEFAULT_INSTRUCTIONS, type Profile } from '../../../../../shared/contract';
import { useApi } from '../../../lib/apiContext';
import { errorMessage } from '../../../lib/errorMessage';
import { useProfileDraftStore } from '../../../stores/profileDraftStore';
import { useSettingsStore } from '../../../stores/settingsStore';
import { AsyncConfirmDialog } from '../../common/AsyncConfirmDialog';
import { useMcpServers } from '../../mcp/useMcpServers';
import { EditingCard } from '../EditingCard';
import { draftOf } from './profileDraft';
import { ProfileForm } from './ProfileForm';
import { profileSummary } from './profileSummary';

/** One profile: what it uses, Make default, Edit and Delete (the environment's cannot be deleted). */
export function ProfileCard({ profile }: { readonly profile: Profile }) {
  const api = useApi();
  const editing = useProfileDraftStore((state) => state.editors[profile.id] !== undefined);
  const providers = useSettingsStore((state) => state.providers) ?? [];
  const servers = useMcpServers();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  const fromEnv = profile.source === 'env';

  // Back from the form: focus returns to Edit, so a keyboard user stays where they were.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const makeDefault = async (): Promise<void> => {
    setError(undefined);
    try {
      await api.settings.setDefaultProfile({ id: profile.id });
      await useSettingsStore.getState().load(api, 'profiles');
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  const remove = async (): Promise<void> => {
    await api.settings.deleteProfile({ id: profile.id });
    setDeleting(false);
    await useSettingsStore.getState().load(api, 'profiles');
  };

  if (editing) {
    return (
      <EditingCard className="provider-card profile-card editing" name={profile.name}>
        <ProfileForm profile={profile} editorKey={profile.id} />
      </EditingCard>
    );
  }

  return (
    <li className="provider-card profile-card" aria-label={profile.name}>
      <div className="provider-summary">
        <div className="profile-main">
          <div className="provider-name">
            {profile.name}
            {profile.isDefault && <span className="badge">default</span>}
            {fromEnv && <span className="badge">environment</span>}
          </div>
          <div className="provider-meta muted">{profileSummary(profile, providers, servers)}</div>
          <div className="provider-meta muted profile-instructions" title={profile.systemPrompt}>
            {profile.systemPrompt.trim() ? profile.systemPrompt : 'No instructions.'}
          </div>
        </div>
        <div className="provider-actions">
          {!profile.isDefault && (
            <button type="button" className="button small" onClick={() => void makeDefault()}>
              Make default
            </button>
          )}
          <button
            ref={editButton}
            type="button"
            className="button small"
            onClick={() =>
              useProfileDraftStore.getState().open(profile.id, draftOf(profile, undefined, DEFAULT_INSTRUCTIONS))
            }
          >
            Edit
          </button>
          {!fromEnv && (
            <button
              type="button"
              className="button small subtle"
              onClick={() => {
                setError(undefined);
                setDeleting(true);
              }}
            >
              Delete
            </button>
          )}
        </div>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {deleting && (
        <AsyncConfirmDialog
          title={`Delete ${profile.name}?`}
          confirmLabel="Delete"
          danger
          onConfirm={remove}
          onCancel={() => setDeleting(false)}
        >
          <p>
            Conversations using it switch to the default profile
            {profile.isDefault ? ' (another profile becomes the default)' : ''}. Their own model and instructions stay.
          </p>
        </AsyncConfirmDialog>
      )}
    </li>
  );
}
