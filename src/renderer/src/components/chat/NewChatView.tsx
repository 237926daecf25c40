import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { COMPOSER_ID } from '../../hooks/useKeyboardShortcuts';
import { useSendMessage } from '../../hooks/useSendMessage';
import { focusField } from '../../lib/focusField';
import { NEW_CHAT_DRAFT } from '../../stores/composerStore';
import { useSettingsStore } from '../../stores/settingsStore';
import { useAttachFiles } from '../attachments/useAttachFiles';
import { useFileDrop } from '../attachments/useFileDrop';
import { useGuidedSetup } from '../settings/useGuidedSetup';
import { Composer } from './Composer';
import '../conversation/conversationSettings.css';

// With its own chunk: its forms check input against the settings schemas, which a page that opens
// on a conversation (every start but the first) need not build before it paints.
const GuidedSetup = lazy(() => import('../settings/GuidedSetup').then((module) => ({ default: module.GuidedSetup })));

/** The "New chat" page: the conversation is created when its first message is sent. */
export function NewChatView() {
  const profiles = useSettingsStore((state) => state.profiles) ?? [];
  const [chosenProfile, setProfile] = useState<string>();
  // The choice while it exists; else the default profile (the core's choice too).
  const profileId = profiles.some((profile) => profile.id === chosenProfile) ? chosenProfile : undefined;
  const send = useSendMessage(undefined, profileId);
  const setup = useGuidedSetup();
  // When the setup finishes (or is skipped) its button leaves the page: the cursor goes where the first message is typed.
  const setupWasVisible = useRef(setup.visible);
  useEffect(() => {
    if (setupWasVisible.current && !setup.visible) focusField(COMPOSER_ID);
    setupWasVisible.current = setup.visible;
  }, [setup.visible]);
  const drop = useFileDrop(useAttachFiles(NEW_CHAT_DRAFT).attach);
  return (
    <section className="chat-view new-chat" aria-label="New chat" {...drop.handlers}>
      {drop.overlay}
      <div className="message-scroller">
        <div className="message-column">
          {setup.visible ? (
            <Suspense fallback={null}>
              <GuidedSetup step={setup.step} onDismiss={setup.dismiss} />
            </Suspense>
          ) : (
            <div className="welcome">
              <h2>What can Navi do for you?</h2>
              <p className="muted">
                Ask anything. Navi can use tools, and can come back to a conversation later when you ask it to (“remind
                me in two hours to check the deploy”).
              </p>
            </div>
          )}
        </div>
      </div>
      <div className="composer-dock">
        {profiles.length > 1 && (
          <label className="new-chat-profile">
            <span className="muted">Profile</span>
            <select
              className="model-picker"
              value={profileId ?? profiles.find((profile) => profile.isDefault)?.id ?? ''}
              onChange={(event) => setProfile(event.target.value)}
            >
              {profiles.map((profile) => (
                <option key={profile.id} value={profile.id}>
                  {profile.name}
                  {profile.isDefault ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </label>
        )}
        <Composer sessionId={undefined} running={false} onSend={send} />
      </div>
    </section>
  );
}
