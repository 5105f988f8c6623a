import type { gate as en } from '../en/gate';

export const gate: typeof en = {
  enroll: {
    title: 'Настройка терминала',
    intro: 'Подключите его к центральному API реселлера с помощью одноразового кода подключения.',
    demoAvailable: 'Доступно демо',
    demoReseller: 'Демо-реселлер',
    demoWhere: (p: { reseller: string; url: string }) => `${p.reseller}, центральный API: ${p.url}`,
    useDemo: 'Демо-терминал',
    apiAddress: 'Адрес центрального API',
    apiPlaceholder: 'https://api.example.com',
    code: 'Код подключения',
    terminalName: 'Название терминала',
    defaultTerminalName: 'Касса 1',
    enrolling: 'Подключение…',
    submit: 'Подключить',
  },
  firstManager: {
    title: 'Первый менеджер',
    intro: (p: { min: string }) =>
      `Этот сотрудник управляет кассирами на терминале. PIN-код — от ${p.min} до 8 цифр.`,
    name: 'Имя',
    pin: 'PIN-код',
    submit: 'Создать менеджера и войти',
  },
  signIn: {
    title: 'Вход',
    lockedTitle: 'Заблокировано — войдите, чтобы продолжить',
    clerk: 'Кассир',
    tooManyPins: (p: { wait: string }) => `Слишком много неверных PIN-кодов. Повторите через ${p.wait}.`,
    pinFor: (p: { name: string }) => `PIN-код: ${p.name}`,
    submit: 'Войти',
    chooseName: 'Выберите своё имя.',
  },
  wait: {
    hoursMinutes: (p: { h: string; m: string }) => `${p.h} ч ${p.m} мин`,
    hours: (p: { h: string }) => `${p.h} ч`,
    minutesSeconds: (p: { m: string; s: string }) => `${p.m} мин ${p.s} с`,
    minutes: (p: { m: string }) => `${p.m} мин`,
    seconds: (p: { s: string }) => `${p.s} с`,
  },
  token: {
    missingTitle: 'Странице нужен токен сеанса',
    oldTitle: 'Токен сеанса устарел',
    missingBody:
      'Адрес открыт без токена, который даёт странице доступ к Refill Desk (новая вкладка или закладка).',
    oldBody: 'Токен в адресе страницы остался от прошлого запуска Refill Desk или набран с ошибкой.',
    openBefore: 'Откройте адрес, который команда',
    openMiddle: 'вывела при запуске (он заканчивается на',
    openAfter: '). Его можно вставить в эту вкладку.',
  },
};
