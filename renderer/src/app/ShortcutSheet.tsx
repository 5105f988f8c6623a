import type { Catalog } from '../../../core/i18n/catalog';
import { useL10n } from '../i18n/locale-store';
import { Modal } from '../screens/cards/Modal';

/** One group of shortcuts: where they work, and each key (or gesture) with what it does. */
interface ShortcutGroup {
  readonly where: string;
  readonly keys: readonly (readonly [string, string])[];
}

/** Every keyboard shortcut of the app, by where it works, in the window's language. */
function shortcutGroups(t: Catalog['app']['shortcuts']): readonly ShortcutGroup[] {
  return [
    {
      where: t.anywhere,
      keys: [
        ['Alt+1 … Alt+8', t.goToScreen],
        ['?', t.thisList],
        ['Alt+L', t.lockTill],
        ['Esc', t.closeDialog],
      ],
    },
    {
      where: t.sell,
      keys: [
        ['F1 … F12', t.choosePackage],
        [t.typeLetters, t.filterPackages],
        [t.scanDigits, t.customerAccount],
        ['Enter', t.confirmSale],
        ['Esc', t.cancelSale],
      ],
    },
    {
      where: t.cards,
      keys: [
        ['F2', t.newSeries],
        ['F3', t.search],
        ['F4', t.editCards],
        ['F6', t.printSheet],
        ['F8', t.deleteCards],
        ['F9', t.exportCsv],
        [t.shiftClick, t.selectRange],
      ],
    },
    {
      where: t.shift,
      keys: [
        ['F2', t.closeShift],
        ['F3', t.xReport],
        ['F4', t.cashInOut],
        ['Enter', t.openOrClose],
        ['Esc', t.backFromForm],
      ],
    },
  ];
}

/** The keyboard shortcut sheet, opened with `?` from anywhere but a text field. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { m } = useL10n();
  return (
    <Modal title={m.app.shortcuts.title} onClose={onClose} testId="shortcut-sheet" wide>
      <div className="shortcut-sheet">
        {shortcutGroups(m.app.shortcuts).map((group) => (
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
