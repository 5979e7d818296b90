/**
 * Keyboard shortcuts that open Backstory (the look-up shortcut lives with the look-ups, lib/background/lookup.ts).
 * The popup has the browser's own `_execute_action` and Firefox's sidebar its `_execute_sidebar_action`; Chrome has
 * no built-in command for a side panel, so `open-side-panel` opens it here, inside the shortcut's user gesture.
 */
import { browser } from 'wxt/browser';

export const SIDE_PANEL_COMMAND = 'open-side-panel';

export interface ShortcutApis {
  commands?: { onCommand: { addListener(cb: (command: string, tab?: { windowId?: number }) => void): void } };
  /** Chrome: chrome.sidePanel. */
  sidePanel?: { open(options: { windowId: number }): Promise<void> };
}

function defaultApis(): ShortcutApis {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: ShortcutApis['sidePanel'] } }).chrome?.sidePanel;
  return {
    commands: (browser as unknown as ShortcutApis).commands,
    sidePanel: typeof sidePanel?.open === 'function' ? sidePanel : undefined,
  };
}

export function registerShortcuts({ commands, sidePanel }: ShortcutApis = defaultApis()): void {
  if (!commands?.onCommand || !sidePanel) return;
  commands.onCommand.addListener((command, tab) => {
    if (command !== SIDE_PANEL_COMMAND || tab?.windowId === undefined) return;
    // No await before open(): the browser allows it only while the shortcut's gesture lasts.
    sidePanel.open({ windowId: tab.windowId }).catch(() => undefined);
  });
}
