import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { WalletService } from './wallet-service';

/**
 * The Wallet screen's handlers. Any signed-in clerk sees the balance and the notices; everything that reads the
 * reseller's money details or moves money or changes its rules is a manager's (checked here, like refunds).
 */
export function createWalletHandlers(
  wallet: WalletService,
  session: SessionManager,
  identity: TerminalIdentityStore,
): HandlerSlice<
  | 'wallet.balance'
  | 'wallet.history'
  | 'wallet.historyCsv'
  | 'wallet.balanceHistory'
  | 'wallet.packages'
  | 'wallet.buyPackage'
  | 'wallet.paymentMethods'
  | 'wallet.startCardSetup'
  | 'wallet.cardSetupStatus'
  | 'wallet.deletePaymentMethod'
  | 'wallet.autoTopUpRules'
  | 'wallet.setAutoTopUpRule'
  | 'wallet.autoTopUpAttempts'
  | 'wallet.alertSettings'
  | 'wallet.setAlertSettings'
  | 'wallet.webhookDeliveries'
  | 'wallet.affiliates'
  | 'wallet.transfer'
  | 'wallet.notices'
> {
  const manager = (): string => session.requireClerk('manager').id;
  return {
    'wallet.balance': () => {
      session.requireClerk();
      return wallet.balance();
    },
    'wallet.notices': ({ limit }) => {
      session.requireClerk();
      return wallet.notices(limit);
    },
    'wallet.history': ({ before, limit, ...filter }) => {
      manager();
      return wallet.history(filter, before, limit);
    },
    'wallet.historyCsv': ({ cursor, ...filter }) => {
      manager();
      return wallet.historyCsv(filter, cursor);
    },
    'wallet.balanceHistory': ({ days }) => {
      manager();
      return wallet.online('The balance chart', (w) => w.balanceHistory(days));
    },
    'wallet.packages': () => {
      manager();
      return wallet.packages();
    },
    'wallet.buyPackage': ({ packageId }) => wallet.buyPackage(packageId, manager()),
    'wallet.paymentMethods': () => {
      manager();
      return wallet.online('The saved card', (w) => w.paymentMethods());
    },
    'wallet.startCardSetup': () => {
      manager();
      return wallet.online('Adding a card', (w) => w.startCardSetup());
    },
    'wallet.cardSetupStatus': ({ setupId }) => {
      manager();
      return wallet.online('Adding a card', (w) => w.cardSetupStatus(setupId));
    },
    'wallet.deletePaymentMethod': ({ paymentMethodId }) => {
      manager();
      return wallet.online('Deleting the card', (w) => w.deletePaymentMethod(paymentMethodId));
    },
    'wallet.autoTopUpRules': () => {
      manager();
      return wallet.online('Auto top-up', (w) => w.autoTopUpRules());
    },
    'wallet.setAutoTopUpRule': ({ currency, ...rule }) => {
      manager();
      const own = currency ?? identity.get()?.currency;
      return wallet.online('Changing auto top-up', (w) => w.setAutoTopUpRule(own ?? 'USD', rule));
    },
    'wallet.autoTopUpAttempts': ({ limit }) => {
      manager();
      return wallet.online('Auto top-up attempts', (w) => w.autoTopUpAttempts(limit));
    },
    'wallet.alertSettings': () => {
      manager();
      return wallet.online('Balance alerts', (w) => w.alertSettings());
    },
    'wallet.setAlertSettings': (input) => {
      manager();
      return wallet.online('Changing balance alerts', (w) => w.setAlertSettings(input));
    },
    'wallet.webhookDeliveries': ({ limit }) => {
      manager();
      return wallet.online('The webhook delivery log', (w) => w.webhookDeliveries(limit));
    },
    'wallet.affiliates': () => {
      manager();
      return wallet.online('The affiliates', (w) => w.affiliates());
    },
    'wallet.transfer': ({ toResellerId, amount }) => wallet.transfer(toResellerId, amount, manager()),
  };
}
