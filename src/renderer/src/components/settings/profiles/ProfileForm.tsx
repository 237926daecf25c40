import { useState, type FormEvent } from 'react';
import { SaveProfileInput, type Profile } from '../../../../../shared/contract';
import { useApi } from '../../../lib/apiContext';
import { errorMessage } from '../../../lib/errorMessage';
import { useProfileDraftStore } from '../../../stores/profileDraftStore';
import { useSettingsStore } from '../../../stores/settingsStore';
import { ConfirmDialog } from '../../common/ConfirmDialog';
import { useMcpServers } from '../../mcp/useMcpServers';
import { Field } from '../Field';
import { fieldErrors, type FieldErrors } from '../fieldErrors';
import { ModelField } from '../ModelField';
import { EnabledChoice } from './EnabledChoice';
import { inputOf, sameDraft, type MissedDefault, type ProfileDraft } from './profileDraft';
import { useBuiltInTools } from './useBuiltInTools';

interface ProfileFormProps {
  /** The profile edited; without it the form creates one. */
  readonly profile?: Profile;
  /** The draft's key in the draft store. */
  readonly editorKey: string;
}

/**
 * Creates or edits a profile: its name, provider and model, instructions, the tools and MCP
 * servers it may use, and what new recalls do about missed runs. The draft lives in the draft store,
 * so it survives leaving Settings; Cancel asks before throwing changes away.
 */
export function ProfileForm({ profile, editorKey }: ProfileFormProps) {
  const api = useApi();
  const editor = useProfileDraftStore((state) => state.editors[editorKey]);
  const providers = useSettingsStore((state) => state.providers) ?? [];
  const builtIn = useBuiltInTools();
  const servers = useMcpServers();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const draft = editor?.draft;
  if (!editor || !draft) return null;
  const fromEnv = profile?.source === 'env';
  const dirty = !sameDraft(editor.original, draft);

  const change = (patch: Partial<ProfileDraft>): void => {
    useProfileDraftStore.getState().change(editorKey, patch);
    setErrors({});
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = SaveProfileInput.safeParse(inputOf(profile?.id, draft));
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setSaving(true);
    try {
      await api.settings.saveProfile(parsed.data);
      await useSettingsStore.getState().load(api, 'profiles');
      useProfileDraftStore.getState().close(editorKey);
    } catch (error) {
      setErrors({ '': errorMessage(error) });
      setSaving(false);
    }
  };

  const cancel = (): void => {
    if (dirty) return setDiscarding(true);
    useProfileDraftStore.getState().close(editorKey);
  };

  const knownProvider = providers.some((provider) => provider.id === draft.providerId);
  return (
    <form
      className="profile-form"
      aria-label={profile ? `Edit ${profile.name}` : 'New profile'}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !discarding) {
          event.preventDefault();
          cancel();
        }
      }}
      noValidate
    >
      <Field
        label="Name"
        error={errors.name}
        hint={fromEnv ? 'From the environment: its name, provider and model come from there.' : undefined}
      >
        {(props) => (
          <input
            {...props}
            value={draft.name}
            disabled={fromEnv}
            placeholder="e.g. Work, Terse, Research"
            autoFocus
            onChange={(event) => change({ name: event.target.value })}
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="Provider" error={errors.providerId}>
          {(props) => (
            <select
              {...props}
              value={draft.providerId}
              disabled={fromEnv}
              onChange={(event) => change({ providerId: event.target.value })}
            >
              {!knownProvider && <option value={draft.providerId}>Choose a provider</option>}
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ModelField
          providerId={draft.providerId}
          value={draft.model}
          disabled={fromEnv}
          error={errors.model}
          onChange={(model) => change({ model })}
        />
      </div>
      <Field
        label="Instructions"
        error={errors.systemPrompt}
        hint="The system prompt of every conversation using this profile (one can have its own instead)."
      >
        {(props) => (
          <textarea
            {...props}
            rows={5}
            value={draft.systemPrompt}
            onChange={(event) => change({ systemPrompt: event.target.value })}
          />
        )}
      </Field>
      <EnabledChoice
        legend="Built-in tools"
        allLabel="All built-in tools, also ones added later"
        all={draft.allTools}
        chosen={draft.tools}
        options={builtIn.tools?.map((tool) => ({ id: tool.name, label: tool.name, hint: tool.description }))}
        empty={builtIn.error ? `Could not list the tools: ${builtIn.error}` : 'Loading the tools…'}
        error={errors.enabledTools}
        onChange={({ all, chosen }) => change({ allTools: all, tools: chosen })}
      />
      <EnabledChoice
        legend="MCP servers"
        allLabel="All MCP servers, also ones added later"
        all={draft.allMcpServers}
        chosen={draft.mcpServers}
        options={servers?.map((server) => ({ id: server.id, label: server.name }))}
        empty={servers ? 'No MCP server yet; add one under MCP servers.' : 'Loading the MCP servers…'}
        error={errors.enabledMcpServers}
        onChange={({ all, chosen }) => change({ allMcpServers: all, mcpServers: chosen })}
      />
      <Field
        label="Missed runs of new recalls"
        hint="What a recall created in its conversations does about runs missed while Navi was closed (each recall can change it)."
      >
        {(props) => (
          <select
            {...props}
            value={draft.recallMissedPolicy}
            onChange={(event) => change({ recallMissedPolicy: event.target.value as MissedDefault })}
          >
            <option value="catch_up_once">Catch up once</option>
            <option value="skip">Skip them</option>
          </select>
        )}
      </Field>
      {errors[''] && (
        <p className="inline-error" role="alert">
          {errors['']}
        </p>
      )}
      <div className="form-actions">
        {dirty && (
          <span className="muted unsaved" role="status">
            Unsaved changes
          </span>
        )}
        <span className="spacer" />
        <button type="button" className="button subtle" onClick={cancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? 'Saving…' : profile ? 'Save profile' : 'Create profile'}
        </button>
      </div>
      {discarding && (
        <ConfirmDialog
          title="Discard your changes?"
          confirmLabel="Discard changes"
          danger
          onConfirm={() => useProfileDraftStore.getState().close(editorKey)}
          onCancel={() => setDiscarding(false)}
        >
          <p>{profile ? `The changes to ${profile.name} are not saved.` : 'The new profile is not saved.'}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
