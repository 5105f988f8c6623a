/** Words many screens use. */
export const common = {
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  saving: 'Saving…',
  loading: 'Loading…',
  back: 'Back',
  retry: 'Try again',
  print: 'Print',
  savePdf: 'Save PDF',
  exportCsv: 'Export CSV',
  search: 'Search',
  clear: 'Clear',
  none: 'None',
  yes: 'Yes',
  no: 'No',
};
