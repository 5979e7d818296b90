import { describe, expect, it, vi } from 'vitest';
import { registerShortcuts, SIDE_PANEL_COMMAND } from '@/lib/background/shortcuts';

/** A stand-in for browser.commands: the listener the module registers, called as the browser would. */
function fakeCommands() {
  const listeners: ((command: string, tab?: { windowId?: number }) => void)[] = [];
  return {
    onCommand: { addListener: (cb: (typeof listeners)[number]) => listeners.push(cb) },
    press: (command: string, tab?: { windowId?: number }) => {
      for (const cb of listeners) cb(command, tab);
    },
    listeners,
  };
}

describe('keyboard shortcuts', () => {
  it.each([
    [
      'opens the side panel of the window the shortcut was pressed in',
      SIDE_PANEL_COMMAND,
      { windowId: 9 },
      true,
    ],
    ['leaves other commands to their own listeners', 'lookup-selection', { windowId: 9 }, false],
    ['does nothing without a window', SIDE_PANEL_COMMAND, undefined, false],
  ])('%s', (_name, command, tab, opens) => {
    const commands = fakeCommands();
    const open = vi.fn(async () => undefined);
    registerShortcuts({ commands, sidePanel: { open } });
    commands.press(command, tab);
    if (opens) expect(open).toHaveBeenCalledWith({ windowId: 9 });
    else expect(open).not.toHaveBeenCalled();
  });

  it('registers nothing where the browser has no side panel API (Firefox uses its own sidebar command)', () => {
    const commands = fakeCommands();
    registerShortcuts({ commands, sidePanel: undefined });
    expect(commands.listeners).toHaveLength(0);
  });
});
