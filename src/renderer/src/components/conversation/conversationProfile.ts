import type { Profile, Session } from '../../../../shared/contract';

/** The profile a conversation uses: its own while it exists, else the default one (as the core picks it). */
export function profileOf(session: Session, profiles: readonly Profile[] | undefined): Profile | undefined {
  return (
    profiles?.find((profile) => profile.id === session.profileId) ?? profiles?.find((profile) => profile.isDefault)
  );
}
