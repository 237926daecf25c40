import { Fragment, useEffect, useState } from 'react';
import { KEY_JOINER, keyName, SHORTCUT_GROUPS } from '../lib/shortcuts';
import { useUiStore } from '../stores/uiStore';
import { ModalDialog } from './common/ModalDialog';

/** The keyboard shortcuts sheet: every shortcut of the app, from the one list the key handlers use. */
export function ShortcutsDialog() {
  const close = (): void => useUiStore.getState().setShortcutsOpen(false);
  // Focus goes back where it was (the button or field it was opened from) when the sheet closes.
  const [opener] = useState(() => document.activeElement);
  useEffect(
    () => () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    [opener],
  );
  return (
    <ModalDialog className="dialog shortcuts-dialog" aria-labelledby="shortcuts-heading" onCancel={close}>
      <div className="shortcuts-head">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        {/* First in the sheet, so the focus starts at its top. */}
        <button type="button" className="button small" onClick={close} autoFocus>
          Close
        </button>
      </div>
      <div className="shortcuts-groups">
        {SHORTCUT_GROUPS.map((group, groupIndex) => (
          <section key={group.where} className="shortcuts-group" aria-labelledby={`shortcuts-group-${groupIndex}`}>
            <h3 id={`shortcuts-group-${groupIndex}`}>{group.where}</h3>
            <dl>
              {group.shortcuts.map((shortcut) => (
                <div key={shortcut.does} className="shortcut-row">
                  <dt>
                    {shortcut.keys.map((combo, index) => (
                      <Fragment key={combo.join('+')}>
                        {index > 0 && <span className="muted"> or </span>}
                        <kbd className="shortcut-combo">
                          {combo.map((key, keyIndex) => (
                            <Fragment key={key}>
                              {keyIndex > 0 && KEY_JOINER}
                              <kbd>{keyName(key)}</kbd>
                            </Fragment>
                          ))}
                        </kbd>
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </ModalDialog>
  );
}
