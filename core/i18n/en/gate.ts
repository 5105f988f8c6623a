/** Texts of the gate area (English, the source language): enrollment, first manager, sign-in, session token. */
export const gate = {
  enroll: {
    title: 'Set up this terminal',
    intro: 'Enroll it with your reseller’s central API using a one-time enrollment code.',
    demoAvailable: 'Demo available',
    demoReseller: 'Demo reseller',
    demoWhere: (p: { reseller: string; url: string }) => `${p.reseller} on the central API at ${p.url}`,
    useDemo: 'Use the demo terminal',
    apiAddress: 'Central API address',
    apiPlaceholder: 'https://api.example.com',
    code: 'Enrollment code',
    terminalName: 'Terminal name',
    defaultTerminalName: 'Front counter',
    enrolling: 'Enrolling…',
    submit: 'Enroll',
  },
  firstManager: {
    title: 'Create the first manager',
    intro: (p: { min: string }) =>
      `This person manages clerks on this terminal. The PIN is ${p.min} to 8 digits.`,
    name: 'Name',
    pin: 'PIN',
    submit: 'Create manager and sign in',
  },
  signIn: {
    title: 'Sign in',
    lockedTitle: 'Locked — sign in to continue',
    clerk: 'Clerk',
    tooManyPins: (p: { wait: string }) => `Too many wrong PINs. Try again in ${p.wait}.`,
    pinFor: (p: { name: string }) => `PIN for ${p.name}`,
    submit: 'Sign in',
    chooseName: 'Choose your name.',
  },
  /** A wait as the sign-in lockout says it: "1 h 5 min", "2 min 30 s", "45 s". */
  wait: {
    hoursMinutes: (p: { h: string; m: string }) => `${p.h} h ${p.m} min`,
    hours: (p: { h: string }) => `${p.h} h`,
    minutesSeconds: (p: { m: string; s: string }) => `${p.m} min ${p.s} s`,
    minutes: (p: { m: string }) => `${p.m} min`,
    seconds: (p: { s: string }) => `${p.s} s`,
  },
  token: {
    missingTitle: 'This page needs its session token',
    oldTitle: 'This session token is old',
    missingBody:
      'The address was opened without the token that lets this page use Refill Desk (a new tab, or a bookmark).',
    oldBody: 'The token in this page’s address is from an earlier start of Refill Desk, or mistyped.',
    /** "Open the address that <code>npm run web</code> printed when it started (it ends with <code>#token=…</code>). …" */
    openBefore: 'Open the address that',
    openMiddle: 'printed when it started (it ends with',
    openAfter: '). You can paste it into this tab.',
  },
};
