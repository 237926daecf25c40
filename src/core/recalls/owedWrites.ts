/** A write the engine owes: it failed (a full disk) and is done first once storage works again. */
interface OwedWrite {
  readonly recallId: string;
  readonly write: () => void;
}

/** Writes that failed during a storage fault, in order; they are done before anything else fires. */
export class OwedWrites {
  private readonly owed: OwedWrite[] = [];

  /** The recalls whose writes wait (shown as waiting in the scheduler's health). */
  get recallIds(): string[] {
    return this.owed.map((owed) => owed.recallId);
  }

  /** Does a write now; if it fails, keeps it to do first once storage works again, and rethrows. */
  owe(recallId: string, write: () => void): void {
    if (this.owed.length > 0) {
      this.owed.push({ recallId, write }); // keep the order
      return;
    }
    try {
      write();
    } catch (error) {
      this.owed.push({ recallId, write });
      throw error;
    }
  }

  /** Does the owed writes in order; one that fails again stays first and its error is thrown. */
  writeAll(): void {
    while (this.owed.length > 0) {
      this.owed[0]!.write();
      this.owed.shift();
    }
  }
}
