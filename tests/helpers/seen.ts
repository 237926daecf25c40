/** Values as they arrive; `waitFor` resolves with the first one a check accepts, seen already or later. */
export class Seen<T> {
  readonly values: T[] = [];
  private readonly waiters = new Set<() => boolean>();

  push = (value: T): void => {
    this.values.push(value);
    for (const waiter of [...this.waiters]) waiter();
  };

  waitFor<S extends T>(check: (value: T) => value is S): Promise<S>;
  waitFor(check: (value: T) => boolean): Promise<T>;
  waitFor(check: (value: T) => boolean): Promise<T> {
    return new Promise((resolve) => {
      const look = (): boolean => {
        const found = this.values.find(check);
        if (found === undefined) return false;
        this.waiters.delete(look);
        resolve(found);
        return true;
      };
      if (!look()) this.waiters.add(look);
    });
  }
}
