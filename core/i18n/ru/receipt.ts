import type { receipt as en } from '../en/receipt';

export const receipt: typeof en = {
  status: {
    confirmed: 'ПОДТВЕРЖДЕНО ОНЛАЙН',
    queued: 'ОПЛАЧЕНО - ПОПОЛНЕНИЕ СКОРО ПОСТУПИТ',
  },
  refundBanner: 'ВОЗВРАТ',
  refunded: 'ВОЗВРАТ ВЫПОЛНЕН - ПАКЕТ ОТМЕНЁН',
  printerTest: 'ПРОБНАЯ ПЕЧАТЬ - НЕ ПРОДАЖА',
  copy: 'КОПИЯ',
  terminal: 'Терминал',
  clerk: 'Кассир',
  time: 'Время',
  refund: 'Возврат',
  originalSale: 'Исходная продажа',
  sold: 'Продано',
  sale: 'Продажа',
  quantityTimesPrice: (p) => `${p.quantity} × ${p.unitPrice}`,
  account: 'Счёт',
  total: 'ИТОГО',
  cashBack: 'К ВОЗВРАТУ',
  tendered: 'Получено',
  change: 'Сдача',
  testPageLine: (p) => `Пробная страница, бумага ${p.paper}: этот текст и штрихкод ниже должны быть чёткими`,
  documentTitle: (p) => `Чек ${p.number}`,
  documentTitleCopy: (p) => `Чек ${p.number} (КОПИЯ)`,
  noPrinter: 'Принтер чеков не выбран. Выберите его в настройках.',
  noRefund: 'По этой продаже на этом терминале не было возврата.',
  stillPending:
    'Продажа ещё ждёт ответа сервера; печатайте, когда она будет подтверждена или поставлена в очередь.',
  notCompleted: 'Продажа не состоялась (отклонена или отменена): чек по ней не печатается.',
};
