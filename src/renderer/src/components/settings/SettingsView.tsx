import { useSettingsStore } from '../../stores/settingsStore';
import { AppearanceSection } from './AppearanceSection';
import { AppSection } from './AppSection';
import { DefaultModelSection } from './DefaultModelSection';
import { AgentSection } from './AgentSection';
import { McpSection } from './McpSection';
import { ProfilesSection } from './profiles/ProfilesSection';
import { ProvidersSection } from './ProvidersSection';
import { ToolPermissionsSection } from './ToolPermissionsSection';

/** Settings: where replies come from, which model, profiles, how far the agent may go, its MCP tools and their permissions, appearance, the app. */
export function SettingsView() {
  const loadError = useSettingsStore((state) => state.loadError);
  const loaded = useSettingsStore((state) => state.providers !== undefined);
  return (
    <section className="settings-view" aria-labelledby="settings-heading">
      <div className="settings-inner">
        <h2 id="settings-heading">Settings</h2>
        {loadError && (
          <p className="inline-error" role="alert">
            Could not load settings: {loadError}
          </p>
        )}
        {loaded ? (
          <>
            <ProvidersSection />
            <DefaultModelSection />
            <ProfilesSection />
            <AgentSection />
            <McpSection />
            <ToolPermissionsSection />
            <AppearanceSection />
            <AppSection />
          </>
        ) : (
          !loadError && <p className="muted">Loading settings…</p>
        )}
      </div>
    </section>
  );
}
