import type { common as en } from '../en/common';

export const common: typeof en = {
  cancel: 'Отмена',
  close: 'Закрыть',
  save: 'Сохранить',
  saving: 'Сохранение…',
  loading: 'Загрузка…',
  back: 'Назад',
  retry: 'Повторить',
  print: 'Печать',
  savePdf: 'Сохранить PDF',
  exportCsv: 'Экспорт CSV',
  search: 'Найти',
  clear: 'Очистить',
  none: 'Нет',
  yes: 'Да',
  no: 'Нет',
};
