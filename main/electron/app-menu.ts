/**
 * The application menu. A packaged till offers no DevTools, reload or zoom: DevTools would let anyone at the counter
 * run code in the renderer, and a reload drops the clerk's sale in progress. Development builds keep Electron's tools.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu depends on. */
export interface AppMenuOptions {
  readonly isPackaged: boolean;
  /** `process.platform`: macOS needs the app menu first for Quit and the standard edit shortcuts. */
  readonly platform: NodeJS.Platform;
}

/** The menu template (pure: `Menu.buildFromTemplate` turns it into the menu in `installAppMenu`). */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  // Copy and paste (customer numbers) must keep working; on macOS they only do with an Edit menu.
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  const file: MenuItemConstructorOptions = mac
    ? { role: 'appMenu' }
    : { label: 'File', submenu: [{ role: 'quit' }] };
  if (options.isPackaged) return [file, edit];
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
  };
  return [file, edit, view];
}

/** Every menu role in a template, nested ones included (tests and the packaged-build check). */
export function menuRoles(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? menuRoles(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}
