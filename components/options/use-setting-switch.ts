import { useEffect, useState } from 'preact/hooks';
import { messageOf, type Notice } from '../ui/notice';

export interface SettingSwitch<S> {
  /** The setting as read, null until it is. */
  value: S | null;
  /** A change is under way: the switch is disabled. */
  busy: boolean;
  notice: Notice | null;
  /**
   * Runs a change: `run` is called at once, inside the click (a permission prompt must be asked for before anything
   * is awaited); its result becomes the value, with the notice `done` gives for it, or its error becomes the notice.
   */
  change(run: () => Promise<S>, done: (value: S) => string): void;
}

/**
 * The state of one of the options page's on/off sections: the setting read from `client` when the section mounts
 * (`readFailed` words the notice when that fails, and the value becomes `fallback` when one is given), then changes
 * made through `change`.
 */
export function useSettingSwitch<C, S>(
  client: C,
  read: (client: C) => Promise<S>,
  readFailed: (message: string) => string,
  fallback?: S,
): SettingSwitch<S> {
  const [value, setValue] = useState<S | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  // Read once per client: the callbacks are inline functions, new at each render.
  useEffect(() => {
    read(client).then(setValue, (error: unknown) => {
      if (fallback !== undefined) setValue(fallback);
      setNotice({ tone: 'error', text: readFailed(messageOf(error)) });
    });
  }, [client]);

  const change = (run: () => Promise<S>, done: (value: S) => string) => {
    setNotice(null);
    setBusy(true);
    run().then(
      (next) => {
        setValue(next);
        setNotice({ tone: 'ok', text: done(next) });
        setBusy(false);
      },
      (error: unknown) => {
        setNotice({ tone: 'error', text: messageOf(error) });
        setBusy(false);
      },
    );
  };
  return { value, busy, notice, change };
}
