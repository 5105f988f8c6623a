import { describe, expect, it } from 'vitest';
import { appMenuTemplate, menuRoles } from '../../../main/electron/app-menu';

const DEV_TOOLS = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu'];

describe('application menu', () => {
  for (const platform of ['win32', 'linux', 'darwin'] as const) {
    it(`a packaged build on ${platform} offers no DevTools or reload, but keeps quit and copy/paste`, () => {
      const roles = menuRoles(appMenuTemplate({ isPackaged: true, platform }));
      for (const role of DEV_TOOLS) expect(roles).not.toContain(role);
      expect(roles).toContain('editMenu');
      expect(roles).toContain(platform === 'darwin' ? 'appMenu' : 'quit');
    });
    it(`a development build on ${platform} keeps DevTools and reload`, () => {
      const roles = menuRoles(appMenuTemplate({ isPackaged: false, platform }));
      expect(roles).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'editMenu']));
    });
  }
});
