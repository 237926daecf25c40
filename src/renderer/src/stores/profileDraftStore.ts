import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ProfileDraft } from '../components/settings/profiles/profileDraft';

/** The key of the form adding a profile (others are keyed by the profile's id). */
export const NEW_PROFILE = 'new';

export interface ProfileEditor {
  /** What the form started from: a change is unsaved while the draft differs. */
  readonly original: ProfileDraft;
  readonly draft: ProfileDraft;
}

interface ProfileDraftStore {
  readonly editors: Readonly<Record<string, ProfileEditor>>;
  open(key: string, original: ProfileDraft): void;
  change(key: string, patch: Partial<ProfileDraft>): void;
  close(key: string): void;
}

/**
 * Open profile forms and their drafts. Kept for the window's life (sessionStorage), so leaving
 * Settings or reloading the page loses nothing typed; a form closes only when saved or discarded.
 */
export const useProfileDraftStore = create<ProfileDraftStore>()(
  persist(
    (set) => ({
      editors: {},
      open: (key, original) =>
        set((state) =>
          state.editors[key] ? state : { editors: { ...state.editors, [key]: { original, draft: original } } },
        ),
      change: (key, patch) =>
        set((state) => {
          const editor = state.editors[key];
          if (!editor) return state;
          return { editors: { ...state.editors, [key]: { ...editor, draft: { ...editor.draft, ...patch } } } };
        }),
      close: (key) =>
        set((state) => {
          const { [key]: _closed, ...rest } = state.editors;
          return { editors: rest };
        }),
    }),
    { name: 'navi.profileDrafts', storage: createJSONStorage(() => sessionStorage) },
  ),
);
