/**
 * Installs the application menu once Electron is ready (imported for this effect by `main/index.ts`): packaged
 * builds get a menu without DevTools or reload, development builds keep them (`app-menu.ts`).
 */
import { app, Menu } from 'electron';
import { appMenuTemplate } from './app-menu';

void app.whenReady().then(() => {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ isPackaged: app.isPackaged, platform: process.platform })),
  );
});
