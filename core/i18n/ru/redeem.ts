import type { redeem as en } from '../en/redeem';

export const redeem: typeof en = {
  account: '1. Счёт клиента',
  accountPlaceholder: 'Номер телефона / счёта',
  pin: '2. PIN-код карты',
  pinLabel: 'PIN-код карты',
  pinDigits: { one: '{n} цифра', few: '{n} цифры', many: '{n} цифр', other: '{n} цифры' },
  pinHint: 'Только цифры; пробелы и дефисы не учитываются, можно вставить.',
  serial: '3. Серийный номер (необязательно, отсканируйте штрихкод)',
  redeeming: 'Погашение…',
  locked: 'Заблокировано',
  submit: 'Погасить',
  clear: 'Очистить',
  offline: 'Офлайн: погашение встанет в очередь и будет проверено, когда терминал снова будет онлайн.',
  enterAccount: 'Сначала введите номер счёта клиента',
  typePin: (p: { min: string }) => `Введите PIN-код карты (не меньше ${p.min} цифр)`,
  recent: {
    title: 'Последние погашения',
    none: 'На этом терминале пока нет.',
    timeCustomer: 'Время · клиент',
    cardAmount: 'Карта · сумма',
    result: 'Результат',
    checkedLater: 'проверится при связи',
    state: {
      pending: 'В очереди',
      redeemed: 'Погашена',
      failed: 'Отказ',
    },
  },
  result: {
    redeemed: (p: { amount: string }) => `Погашено ${p.amount}`,
    card: 'Карта',
    creditedTo: 'зачислена на счёт',
    walletNow: 'Баланс кошелька теперь',
    queued: 'В очереди',
    queuedBody: (p: { account: string }) =>
      `Карта будет проверена, когда терминал снова будет онлайн; тогда и появится зачисление клиенту (${p.account}).`,
    notRedeemed: 'Не погашено',
    lockedTitle: 'Заблокировано: слишком много неудачных попыток',
    lockedBody: 'Погашение для этого клиента и терминала приостановлено. Повторите через',
  },
  settled: {
    redeemed: (p: { account: string; amount: string }) =>
      `Карта из очереди для ${p.account} погашена: зачислено ${p.amount}.`,
    redeemedCard: (p: { account: string; amount: string; serial: string }) =>
      `Карта из очереди для ${p.account} погашена: зачислено ${p.amount} (карта ${p.serial}).`,
    notRedeemed: (p: { account: string; why: string }) =>
      `Карта из очереди для ${p.account} не погашена: ${p.why}.`,
    defaultWhy: 'карту не удалось погасить',
  },
};
