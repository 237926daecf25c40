import { useUiStore } from '../stores/uiStore';
import { AppInfoPanel } from './AppInfoPanel';
import { ModalDialog } from './common/ModalDialog';

/** "About Navi": version, where it runs, where its data lives. */
export function AboutDialog() {
  const setAboutOpen = useUiStore((state) => state.setAboutOpen);
  return (
    <ModalDialog className="dialog about-dialog" aria-label="About" onCancel={() => setAboutOpen(false)}>
      <AppInfoPanel />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => setAboutOpen(false)} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
