import type { reports as en } from '../en/reports';

export const reports: typeof en = {
  title: 'Отчёты',
  tabs: {
    label: 'Отчёты',
    shift: 'Смена',
    sales: 'Отчёт о продажах',
    shifts: 'Прошлые смены',
  },
  range: {
    label: 'Период',
    today: 'Сегодня',
    yesterday: 'Вчера',
    week: '7 дней',
    month: 'Этот месяц',
    from: 'С',
    to: 'По',
    show: 'Показать',
    badRange: 'Начальный день должен быть не позже конечного.',
  },
  loading: 'Загрузка данных…',
  totals: {
    sales: 'Продажи',
    offline: 'Продано офлайн',
    percent: (p) => `${p.n}\u00a0%`,
    refunds: 'Возвраты',
    notSold: 'Не продано',
    notSoldHint: 'отклонено или отказано',
  },
  chart: {
    title: 'Продажи по часам',
    label: 'Сумма продаж по часам дня',
    series: 'Продажи',
  },
  csv: 'CSV',
  nothing: 'За этот период ничего нет.',
  byHour: {
    title: 'По часам',
    header: { hour: 'Час', sales: 'Продажи', amount: 'Сумма' },
  },
  byPackage: {
    title: 'По пакетам',
    header: { package: 'Пакет', sales: 'Продажи', quantity: 'Количество', amount: 'Сумма' },
  },
  byClerk: {
    title: 'По кассирам',
    header: {
      clerk: 'Кассир',
      sales: 'Продажи',
      amount: 'Сумма',
      refunds: 'Возвраты',
      refunded: 'Возвращено',
    },
  },
  topCustomers: {
    title: 'Лучшие клиенты',
    header: { account: 'Счёт', sales: 'Продажи', amount: 'Сумма' },
  },
  refunds: {
    title: 'Возвраты',
    header: {
      refund: 'Возврат',
      sale: 'Продажа',
      package: 'Пакет',
      time: 'Время',
      clerk: 'Кассир',
      cashBack: 'Выдано наличными',
    },
  },
};
