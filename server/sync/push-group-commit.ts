import type { PushResponse } from '../../core/sync/protocol';
import type { Database } from '../db/database';
import { pushGroup, type PendingPush, type PushContext } from './push-service';

/** A push waiting for its reseller's current group to finish, with how to answer it. */
interface Waiter extends PendingPush {
  readonly resolve: (answer: Omit<PushResponse, 'serverTime'>) => void;
  readonly reject: (err: unknown) => void;
}

/** Commands taken into one group at most (a single bigger push still goes alone). */
const GROUP_COMMANDS = 500;

/**
 * Group commit of pushes per reseller, inside this server process. Every push of a reseller serializes on its
 * credit row anyway; instead of each online sale taking that lock and paying a durable commit of its own, the pushes
 * that arrive while one group is being decided wait and are decided together as the next group (`pushGroup`): one
 * lock, one INSERT per table, one commit. An idle reseller's push starts at once (a group of one), so grouping adds
 * no wait when there is no queue; under load a push waits at most for the group ahead of it (see `drain`). Several server
 * processes still serialize on the database lock, each grouping its own pushes.
 */
export class PushGroupCommitter {
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly db: Database) {}

  /** Decides one terminal's push, grouped with concurrent pushes of its reseller. */
  push(
    terminal: PendingPush['terminal'],
    commands: PendingPush['commands'],
    context: PushContext,
  ): Promise<Omit<PushResponse, 'serverTime'>> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(terminal.resellerId);
      const waiter: Waiter = { terminal, commands, context, resolve, reject };
      if (queue) {
        queue.push(waiter);
        return;
      }
      const fresh = [waiter];
      this.queues.set(terminal.resellerId, fresh);
      void this.drain(terminal.resellerId, fresh);
    });
  }

  /**
   * Decides the reseller's waiting pushes group after group until none waits, then forgets the reseller. The next
   * group starts as soon as the one ahead has sent its COMMIT: its lock (and the reads taken with it) waits in
   * PostgreSQL for that commit and sees its rows (READ COMMITTED, a fresh snapshot once the lock is held), so the
   * commit's round trip overlaps the next group's first one instead of adding to every group's time.
   */
  private async drain(resellerId: string, queue: Waiter[]): Promise<void> {
    while (queue.length > 0) {
      const group: Waiter[] = [];
      let count = 0;
      while (queue.length > 0) {
        const next = queue[0]!;
        if (group.length > 0 && count + next.commands.length > GROUP_COMMANDS) break;
        group.push(queue.shift()!);
        count += next.commands.length;
      }
      let handOver!: () => void;
      const committing = new Promise<void>((resolve) => (handOver = resolve));
      void pushGroup(this.db, group, handOver)
        .then(
          (results) =>
            results.forEach((r, i) =>
              r.status === 'fulfilled' ? group[i]!.resolve(r.value) : group[i]!.reject(r.reason),
            ),
          (err: unknown) => {
            for (const w of group) w.reject(err);
          },
        )
        .finally(handOver);
      await committing;
    }
    this.queues.delete(resellerId);
  }
}
