/**
 * A fixed-capacity buffer of consecutively numbered items: pushing past capacity overwrites the
 * oldest in O(1) (no array shifting). Items are addressed by their sequence number. Its slots grow
 * as items come, up to the capacity: every session that runs gets one, and a recall's run of a few
 * events allocated all 4,096 slots (32 KiB each time, a third of what such a run allocates, so a
 * burst of recalls collected garbage more often on the core's thread).
 */
export class SeqRingBuffer<T> {
  private readonly slots: T[] = [];
  private start = 0;
  private count = 0;
  /** Sequence number the next pushed item gets. */
  private next: number;

  constructor(
    readonly capacity: number,
    firstSeq = 1,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('Ring buffer capacity must be a positive integer');
    this.next = firstSeq;
  }

  get size(): number {
    return this.count;
  }

  /** The sequence number of the newest item (or the one before the first push). */
  get lastSeq(): number {
    return this.next - 1;
  }

  /** The sequence number of the oldest item still held. */
  get oldestSeq(): number {
    return this.next - this.count;
  }

  push(item: T): number {
    const seq = this.next++;
    if (this.count < this.capacity) {
      // Not full yet: nothing was overwritten, so `start` is 0 and the next slot is the array's end.
      this.slots.push(item);
      this.count++;
    } else {
      this.slots[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
    }
    return seq;
  }

  /** True when every item from `fromSeq` on is still held (or nothing from there exists yet). */
  canReplayFrom(fromSeq: number): boolean {
    return fromSeq >= this.oldestSeq && fromSeq <= this.next;
  }

  /** Items with seq >= fromSeq, oldest first. Call only when `canReplayFrom(fromSeq)`. */
  *from(fromSeq: number): IterableIterator<T> {
    const skip = fromSeq - this.oldestSeq;
    for (let i = Math.max(0, skip); i < this.count; i++) yield this.slots[(this.start + i) % this.capacity]!;
  }
}
