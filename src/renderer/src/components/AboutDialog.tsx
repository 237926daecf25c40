import { useEffect, useRef } from 'react';
import { useUiStore } from '../stores/uiStore';
import { AppInfoPanel } from './AppInfoPanel';

/** "About Navi": version, where it runs, where its data lives. */
export function AboutDialog() {
  const setAboutOpen = useUiStore((state) => state.setAboutOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="dialog about-dialog"
      aria-label="About"
      onCancel={(event) => {
        event.preventDefault();
        setAboutOpen(false);
      }}
    >
      <AppInfoPanel />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => setAboutOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
