import type { FastifyInstance } from 'fastify';
import type { CardKeys } from '../cards/card-keys';
import type { Database } from '../db/database';
import type { FailureLimiter } from '../http/failure-limiter';
import type { Authenticate } from '../http/zod-route';
import type { KnownTerminalTokens } from '../auth/known-terminal-tokens';
import type { WalletService } from '../wallet/wallet-service';

/** What every route module is built from. */
export interface RouteDeps {
  readonly app: FastifyInstance;
  readonly db: Database;
  readonly authenticate: Authenticate;
  /** The terminal tokens `authenticate` found standing (their terminal only), for the push route to forget. */
  readonly knownTerminalTokens: KnownTerminalTokens;
  readonly version: string;
  /** Set when this server run seeded demo data: the reseller whose enrollment code GET /v1/demo reveals. */
  readonly demoEnabled: boolean;
  /** Wrong enrollment codes per source address (this process's memory). */
  readonly enrollmentFailures: FailureLimiter;
  /** The card PIN keys (`REFILL_CARD_KEYS` or `<dataDir>/card-keys.json`): minting, redemption, the PIN reserve. */
  readonly cardKeys: CardKeys;
  /** The reseller wallet: its services, and `afterDebit` that every debit path calls once committed. */
  readonly wallet: WalletService;
}
