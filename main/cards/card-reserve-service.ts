import { DEFAULT_PIN_LENGTH } from '../../core/cards/card-pin';
import type { CardReserveState } from '../../core/contract/types/cards';
import type { TerminalApiClient } from '../api-client/terminal-api-client';
import type { Clock } from '../ledger/ledger-types';
import type { LocalLedger } from '../ledger/local-ledger';
import { readNumberSetting, writeSetting } from '../settings/terminal-settings';
import type { SecretBox } from '../terminal/secret-box';
import type { CardStore } from './card-store';

/** `app_settings` key of the reserve size. */
export const RESERVE_SIZE_KEY = 'cards.reserveSize';
/** The reserve a terminal keeps unless a manager changes it. */
export const DEFAULT_RESERVE_SIZE = 1_000;
/** The series prefix of reserve pairs (offline series take their serials from it). */
export const RESERVE_PREFIX = '9';

/** What the reserve needs. */
export interface CardReserveDeps {
  readonly store: CardStore;
  readonly ledger: LocalLedger;
  readonly box: SecretBox;
  readonly clock: Clock;
}

/**
 * The PIN reserve: while online, the terminal keeps `size` server-minted serial + PIN pairs (sealed with its secret
 * box) so a series can be drawn offline. Topped up after each successful sync round; pairs of a rejected batch are
 * released on the server at the same call.
 */
export class CardReserveService {
  constructor(private readonly d: CardReserveDeps) {}

  /** The size the reserve is kept at. */
  size(): number {
    return readNumberSetting(this.d.ledger.db, RESERVE_SIZE_KEY, DEFAULT_RESERVE_SIZE);
  }

  /** Sets the size (0 stops topping up; pairs held stay usable). */
  setSize(size: number): CardReserveState {
    writeSetting(this.d.ledger.db, RESERVE_SIZE_KEY, size, new Date(this.d.clock()).toISOString());
    return this.state();
  }

  /** What the reserve holds now. */
  state(): CardReserveState {
    const free = this.d.store.reserveFree();
    const last = this.d.ledger.db.prepare('SELECT max(received_at) AS at FROM card_reserve').get() as {
      at: string | null;
    };
    return {
      free: free.count,
      target: this.size(),
      prefix: free.firstSerial ? free.firstSerial.split('-')[0]! : null,
      pinLength: free.pinLength,
      lastFilledAt: last.at,
    };
  }

  /**
   * Tops the reserve up to its size and releases given-up pairs, in one call; the answer lists every pair the server
   * holds for this terminal, and the ones not known here are stored (a lost answer is recovered by the next call).
   */
  async topUp(api: TerminalApiClient): Promise<number> {
    const { store, ledger, box } = this.d;
    const free = store.reserveFree().count;
    const release = store.releasedPairs();
    const add = Math.max(0, this.size() - free);
    if (add === 0 && release.length === 0) return 0;
    const { pairs } = await api.fillReserve({
      add,
      prefix: RESERVE_PREFIX,
      pinLength: DEFAULT_PIN_LENGTH,
      release,
    });
    const now = new Date(this.d.clock()).toISOString();
    return ledger.transaction(() => {
      const added = store.addReservePairs(
        pairs.map((p) => ({ id: p.id, serial: p.serial, pinLength: p.pinLength, pin: p.pin })),
        (pin) => box.encrypt(pin),
        now,
      );
      const held = new Set(pairs.map((p) => p.id));
      store.forgetReleased(release.filter((id) => !held.has(id)));
      return added;
    });
  }
}
