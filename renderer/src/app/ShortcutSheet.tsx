import { Modal } from '../screens/cards/Modal';

/** Every keyboard shortcut of the app, by where it works. */
const SHORTCUTS: readonly { readonly where: string; readonly keys: readonly [string, string][] }[] = [
  {
    where: 'Anywhere',
    keys: [
      ['Alt+1 … Alt+8', 'Sell, Redeem, Cards, Sales, Wallet, Reports, Sync, Settings'],
      ['?', 'This list of shortcuts'],
      ['Esc', 'Close a dialog'],
    ],
  },
  {
    where: 'Sell',
    keys: [
      ['F1 … F12', 'Choose the package shown on its tile (keys stay with their package)'],
      ['Type letters', 'Filter the packages; Enter takes the first match'],
      ['Scan / type digits', 'The customer account'],
      ['Enter', 'Confirm the sale, then Enter again once the number is checked with the customer'],
      ['Esc', 'Cancel the sale (on the number check: back to the number)'],
    ],
  },
  {
    where: 'Cards',
    keys: [
      ['F2', 'New series'],
      ['F3', 'Search'],
      ['F4', 'Edit the selected cards'],
      ['F6', 'Print a voucher sheet'],
      ['F8', 'Delete the selected cards'],
      ['F9', 'Export CSV'],
      ['Shift+click', 'Select a range of rows'],
    ],
  },
  {
    where: 'Reports: Shift',
    keys: [
      ['F2', 'Close the shift (count the drawer)'],
      ['F3', 'X-report as PDF'],
      ['F4', 'Cash in or out'],
      ['Enter', 'Open or close with the count typed'],
      ['Esc', 'Back from the close or cash form'],
    ],
  },
];

/** The keyboard shortcut sheet, opened with `?` from anywhere but a text field. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} testId="shortcut-sheet" wide>
      <div className="shortcut-sheet">
        {SHORTCUTS.map((group) => (
          <section key={group.where}>
            <h3>{group.where}</h3>
            <dl>
              {group.keys.map(([keys, what]) => (
                <div key={keys} className="shortcut-row">
                  <dt>
                    <kbd>{keys}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
