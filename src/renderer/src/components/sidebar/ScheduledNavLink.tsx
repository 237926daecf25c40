import { SCHEDULED, routeHash } from '../../routing/route';
import { isActive, useRecallStore } from '../../stores/recallStore';
import { Icon } from '../common/Icon';
import '../recalls/recalls.css';

/** The sidebar's way to the Scheduled view, with how many recalls are waiting to fire. */
export function ScheduledNavLink({ current }: { readonly current: boolean }) {
  const active = useRecallStore((state) => Object.values(state.byId).filter(isActive).length);
  return (
    <a
      className={`sidebar-nav-link${current ? ' current' : ''}`}
      href={routeHash(SCHEDULED)}
      aria-current={current ? 'page' : undefined}
    >
      <Icon name="clock" />
      <span>Scheduled</span>
      {active > 0 && (
        <span className="sidebar-count" aria-label={`${active} upcoming`}>
          {active}
        </span>
      )}
    </a>
  );
}
