import { useAppInfoStore } from '../stores/appInfoStore';

export function AppInfoPanel() {
  const { info, error } = useAppInfoStore();
  if (error) return <p role="alert">Could not load app info: {error}</p>;
  if (!info) return <p className="muted">Loading…</p>;
  const rows: [string, string][] = [
    ['Version', info.version],
    ['Running as', info.shell === 'desktop' ? 'Desktop app' : 'Browser host'],
    ['Data directory', info.dataDir],
    ['Database file', info.databaseFile],
    ['Schema version', String(info.schemaVersion)],
  ];
  return (
    <section aria-label="About Navi" className="card">
      <h2>About this Navi</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label} className="row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
