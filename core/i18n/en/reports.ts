/** Texts of the reports area (English, the source language): the Reports screen and the sales report. */
export const reports = {
  title: 'Reports',
  tabs: {
    label: 'Reports',
    shift: 'Shift',
    sales: 'Sales report',
    shifts: 'Past shifts',
  },
  range: {
    label: 'Range',
    today: 'Today',
    yesterday: 'Yesterday',
    week: 'Last 7 days',
    month: 'This month',
    from: 'From',
    to: 'To',
    show: 'Show',
    badRange: 'Choose a start day on or before the end day.',
  },
  loading: 'Loading the figures…',
  totals: {
    sales: 'Sales',
    offline: 'Sold offline',
    percent: (p: { n: string }) => `${p.n}%`,
    refunds: 'Refunds',
    notSold: 'Not sold',
    notSoldHint: 'rejected or refused',
  },
  chart: {
    title: 'Sales by hour',
    label: 'Sales amount by hour of the day',
    series: 'Sales',
  },
  csv: 'CSV',
  nothing: 'Nothing in this range.',
  byHour: {
    title: 'By hour',
    header: { hour: 'Hour', sales: 'Sales', amount: 'Amount' },
  },
  byPackage: {
    title: 'By package',
    header: { package: 'Package', sales: 'Sales', quantity: 'Quantity', amount: 'Amount' },
  },
  byClerk: {
    title: 'By clerk',
    header: { clerk: 'Clerk', sales: 'Sales', amount: 'Amount', refunds: 'Refunds', refunded: 'Refunded' },
  },
  topCustomers: {
    title: 'Top customers',
    header: { account: 'Account', sales: 'Sales', amount: 'Amount' },
  },
  refunds: {
    title: 'Refunds',
    header: {
      refund: 'Refund',
      sale: 'Sale',
      package: 'Package',
      time: 'Time',
      clerk: 'Clerk',
      cashBack: 'Cash back',
    },
  },
};
