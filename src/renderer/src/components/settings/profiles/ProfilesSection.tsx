import { useEffect, useRef } from 'react';
import { DEFAULT_INSTRUCTIONS } from '../../../../../shared/contract';
import { NEW_PROFILE, useProfileDraftStore } from '../../../stores/profileDraftStore';
import { useDefaultProfile, useSettingsStore } from '../../../stores/settingsStore';
import { draftOf } from './profileDraft';
import { ProfileCard } from './ProfileCard';
import { ProfileForm } from './ProfileForm';
import './profiles.css';

/** Profiles: named ways of working (instructions, model, tools, MCP servers, recall default); create, edit, delete. */
export function ProfilesSection() {
  const profiles = useSettingsStore((state) => state.profiles);
  const providers = useSettingsStore((state) => state.providers);
  const base = useDefaultProfile();
  const adding = useProfileDraftStore((state) => state.editors[NEW_PROFILE] !== undefined);
  const newButton = useRef<HTMLButtonElement>(null);
  const wasAdding = useRef(adding);

  useEffect(() => {
    if (wasAdding.current && !adding) newButton.current?.focus();
    wasAdding.current = adding;
  }, [adding]);

  return (
    <section className="settings-section" aria-labelledby="profiles-heading">
      <div className="section-head">
        <h3 id="profiles-heading">Profiles</h3>
        {!adding && (
          <button
            ref={newButton}
            type="button"
            className="button small"
            disabled={!providers || providers.length === 0}
            onClick={() =>
              useProfileDraftStore.getState().open(NEW_PROFILE, draftOf(undefined, base, DEFAULT_INSTRUCTIONS))
            }
          >
            New profile
          </button>
        )}
      </div>
      <p className="field-hint profiles-intro">
        A profile is a way of working: instructions, a model, the tools and MCP servers it may use, and what new recalls
        do about missed runs. Start a chat from one; recalls in that conversation run with it too.
      </p>
      {providers && providers.length === 0 && <p className="muted">Add a provider first, then create profiles.</p>}
      {profiles && profiles.length > 0 && (
        <ul className="provider-list" aria-label="Profiles">
          {profiles.map((profile) => (
            <ProfileCard key={profile.id} profile={profile} />
          ))}
        </ul>
      )}
      {adding && (
        <div className="card nested">
          <h4>New profile</h4>
          <ProfileForm editorKey={NEW_PROFILE} />
        </div>
      )}
    </section>
  );
}
