import type { ReactNode } from 'react';

interface EditingCardProps {
  /** The card's list item classes, e.g. `provider-card editing`. */
  readonly className: string;
  /** The name of what is edited: the item's accessible name and the heading's subject. */
  readonly name: string;
  /** The edit form. */
  readonly children: ReactNode;
}

/** A settings card while its edit form is open. */
export function EditingCard({ className, name, children }: EditingCardProps) {
  return (
    <li className={className} aria-label={name}>
      <h4>Edit {name}</h4>
      {children}
    </li>
  );
}
