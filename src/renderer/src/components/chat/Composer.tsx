import { memo, useEffect, useRef, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { AttachmentRef, McpResourceRef } from '../../../../shared/contract';
import { messageTooLong } from '../../../../shared/contract/limits';
import { COMPOSER_ID } from '../../hooks/useKeyboardShortcuts';
import { draftFilesBlock, useDraftFiles } from '../../stores/attachmentDraftStore';
import { NEW_CHAT_DRAFT, useComposerStore, type AttachedResource } from '../../stores/composerStore';
import { nextFrame } from '../../sync/frameBatch';
import { AttachFilesButton } from '../attachments/AttachFilesButton';
import { DraftAttachments } from '../attachments/DraftAttachments';
import { useAttachFiles } from '../attachments/useAttachFiles';
import { Icon } from '../common/Icon';
import { AttachedResources } from '../composer/AttachedResources';
import { PromptArgumentsForm } from '../composer/PromptArgumentsForm';
import { ResourcePicker } from '../composer/ResourcePicker';
import { SlashCommandMenu } from '../composer/SlashCommandMenu';
import { useSlashCommands } from '../composer/useSlashCommands';
import '../composer/composer.css';

const NO_RESOURCES: readonly AttachedResource[] = [];

interface ComposerProps {
  /** Undefined on the "New chat" page: sending creates the conversation. */
  readonly sessionId: string | undefined;
  readonly running: boolean;
  readonly stopping?: boolean;
  readonly onSend: (
    text: string,
    resources?: readonly McpResourceRef[],
    files?: readonly AttachmentRef[],
  ) => Promise<boolean>;
  readonly onStop?: () => void;
}

/**
 * Where a person writes. Enter sends, Shift+Enter starts a new line; Stop replaces Send while Navi replies.
 * Memoised: a streaming reply re-renders the conversation many times a second, the composer not at all.
 */
export const Composer = memo(function Composer({
  sessionId,
  running,
  stopping = false,
  onSend,
  onStop,
}: ComposerProps) {
  const key = sessionId ?? NEW_CHAT_DRAFT;
  const draft = useComposerStore((state) => state.drafts[key] ?? '');
  const sendError = useComposerStore((state) => state.sendErrors[key]);
  const setDraft = useComposerStore((state) => state.setDraft);
  const setSendError = useComposerStore((state) => state.setSendError);
  const resources = useComposerStore((state) => state.resources[key] ?? NO_RESOURCES);
  const setResources = useComposerStore((state) => state.setResources);
  const files = useDraftFiles(key);
  const attachFiles = useAttachFiles(key);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [picking, setPicking] = useState(false);
  const slash = useSlashCommands(draft, (text) => {
    setDraft(key, text);
    textarea.current?.focus();
  });

  // A conversation opens with the composer focused, once it is painted: focusing a text field is
  // the browser's work of milliseconds (its caret and selection, the focus events), which held the
  // conversation's first paint in the task that renders it. Unless focus went somewhere else in the
  // meantime. It is in view (docked under the messages): without preventScroll, focusing asks for
  // the page's layout to scroll it into view.
  useEffect(() => {
    const field = textarea.current;
    if (!field) return;
    const focused = document.activeElement;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cancelFrame = nextFrame(() => {
      timer = setTimeout(() => {
        const now = document.activeElement;
        if (now === focused || now === null || now === document.body) field.focus({ preventScroll: true });
      }, 0);
    });
    return () => {
      cancelFrame();
      clearTimeout(timer);
    };
  }, [key]);

  const ready = files.filter((file) => file.status === 'ready' && file.info);
  /** Why Send waits: a file still uploading, or one that cannot go. */
  const filesBlock = draftFilesBlock(files);
  const canSend = (draft.trim().length > 0 || ready.length > 0) && !running && !filesBlock;

  const send = async (): Promise<void> => {
    if (!canSend) return;
    // Refused here, with the limit, before a frame too large for the connection is ever built.
    const tooLong = messageTooLong(draft.length);
    if (tooLong) return setSendError(key, tooLong);
    const text = draft;
    const attached = resources;
    const refs = ready.map((file) => ({ id: file.info!.id, name: file.name }));
    setDraft(key, '');
    if (await onSend(text, attached, refs)) {
      setResources(key, NO_RESOURCES);
      attachFiles.sent();
    }
  };

  /** Images (or files) pasted into the message are attached. */
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>): void => {
    const pasted = Array.from(event.clipboardData.files);
    if (pasted.length === 0) return;
    event.preventDefault();
    attachFiles.attach(pasted);
  };

  const attach = (resource: AttachedResource): void => {
    const known = resources.some((item) => item.serverId === resource.serverId && item.uri === resource.uri);
    if (!known) setResources(key, [...resources, resource]);
    setPicking(false);
    textarea.current?.focus();
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (slash.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      {sendError && (
        <p className="composer-error" role="alert">
          {sendError}
        </p>
      )}
      {slash.chosen && (
        <PromptArgumentsForm
          key={`${slash.chosen.serverId}/${slash.chosen.name}`}
          prompt={slash.chosen}
          busy={slash.busy}
          error={slash.error}
          onInsert={slash.insert}
          onCancel={() => {
            slash.cancel();
            textarea.current?.focus();
          }}
        />
      )}
      {!slash.chosen && slash.error && (
        <p className="composer-error" role="alert">
          {slash.error}
        </p>
      )}
      {slash.menu && (
        <SlashCommandMenu
          id={slash.menu.id}
          prompts={slash.menu.prompts}
          activeIndex={slash.menu.activeIndex}
          error={slash.menu.error}
          optionId={slash.menu.optionId}
          onChoose={slash.choose}
          onHover={slash.hover}
        />
      )}
      {picking && <ResourcePicker onAttach={attach} onClose={() => setPicking(false)} />}
      <AttachedResources
        resources={resources}
        onRemove={(resource) =>
          setResources(
            key,
            resources.filter((item) => item !== resource),
          )
        }
      />
      <DraftAttachments files={files} onRemove={attachFiles.remove} />
      <div className="composer-box">
        <AttachFilesButton onFiles={attachFiles.attach} />
        <button
          type="button"
          className="composer-attach"
          aria-label="Attach a resource"
          title="Attach a resource from an MCP server"
          aria-expanded={picking}
          onClick={() => setPicking((open) => !open)}
        >
          <Icon name="plug" size={16} />
        </button>
        <textarea
          id={COMPOSER_ID}
          ref={textarea}
          aria-label="Message"
          aria-autocomplete="list"
          aria-controls={slash.menu?.id}
          aria-activedescendant={slash.menu?.prompts.length ? slash.menu.optionId(slash.menu.activeIndex) : undefined}
          placeholder={running ? 'Navi is replying… (Esc to stop)' : 'Message Navi'}
          rows={1}
          value={draft}
          onChange={(event) => setDraft(key, event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {running ? (
          <button type="button" className="button danger" onClick={onStop} disabled={stopping}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
      {filesBlock && !running && (
        <p className="composer-blocked" role="status">
          {filesBlock}
        </p>
      )}
      <p className="composer-hint muted">
        Enter to send · Shift+Enter for a new line · / for prompts{running ? ' · Esc to stop' : ''}
      </p>
    </form>
  );
});
