/** Texts of the clerks area (English, the source language): the clerk management panel in Settings. */
export const clerks = {
  title: 'Clerks',
  role: { clerk: 'Clerk', manager: 'Manager' },
  /** The role beside a name in the plain list a clerk sees. */
  roleInList: { clerk: 'clerk', manager: 'manager' },
  managerOnly: 'Only a manager can add or change clerks.',
  columns: { name: 'Name', role: 'Role', status: 'Status', change: 'Change' },
  changes: 'Changes',
  noChanges: 'No changes yet.',
  audit: {
    renamed: (p: { time: string; actor: string; clerk: string; detail: string }) =>
      `${p.time}: ${p.actor} renamed ${p.clerk} (${p.detail})`,
    roleChanged: (p: { time: string; actor: string; clerk: string; detail: string }) =>
      `${p.time}: ${p.actor} changed the role of ${p.clerk} (${p.detail})`,
    deactivated: (p: { time: string; actor: string; clerk: string; detail: string }) =>
      `${p.time}: ${p.actor} deactivated ${p.clerk} (${p.detail})`,
    reactivated: (p: { time: string; actor: string; clerk: string; detail: string }) =>
      `${p.time}: ${p.actor} reactivated ${p.clerk} (${p.detail})`,
    pinReset: (p: { time: string; actor: string; clerk: string; detail: string }) =>
      `${p.time}: ${p.actor} reset the PIN of ${p.clerk} (${p.detail})`,
  },
  saved: (p: { name: string }) => `${p.name} saved`,
  pinSet: (p: { name: string }) => `New PIN set for ${p.name}`,
  cannotSignIn: (p: { name: string }) => `${p.name} can no longer sign in`,
  canSignIn: (p: { name: string }) => `${p.name} can sign in again`,
  added: (p: { name: string }) => `Clerk ${p.name} added`,
  you: ' (you)',
  status: {
    locked: 'Locked out (wrong PINs)',
    active: 'Active',
    deactivated: 'Deactivated',
  },
  edit: 'Edit',
  resetPin: 'Reset PIN',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  name: 'Name',
  roleLabel: 'Role',
  newPin: (p: { min: string; max: string }) => `New PIN (${p.min}-${p.max} digits)`,
  setPin: 'Set PIN',
  addTitle: 'Add a clerk',
  pin: (p: { min: string; max: string }) => `PIN (${p.min}-${p.max} digits)`,
  add: 'Add clerk',
};
