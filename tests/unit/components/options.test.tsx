import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App, downloadBlob, exportFileName } from '@/entrypoints/options/app';
import type { ExportFile } from '@/lib/db/export';

/** A stand-in background holding `stories` stories, answering as lib/messaging.ts's onMessage does. */
function fakeBackground(initial: { stories: number; teasers: number }) {
  const state = { ...initial };
  const calls: string[] = [];
  const imported: string[] = [];
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    const message = raw as { type?: string };
    if (typeof message.type !== 'string') return undefined;
    calls.push(message.type);
    switch (message.type) {
      case 'getStats':
        return Promise.resolve({ ok: true, value: { ...state } });
      case 'exportData': {
        const file: ExportFile = {
          format: 'backstory-export',
          version: 1,
          exportedAt: '2025-06-27T12:00:00.000Z',
          schema: { dbVersion: 3, tables: ['stories', 'teasers', 'settings'], derived: [], note: '' },
          stories: Array.from({ length: state.stories }, () => ({}) as ExportFile['stories'][number]),
          teasers: [],
          settings: [],
        };
        return Promise.resolve({ ok: true, value: file });
      }
      case 'importData': {
        const { text } = (raw as { data: { text: string } }).data;
        imported.push(text);
        if (!text.startsWith('{')) {
          return Promise.resolve({
            ok: false,
            error: 'The file is not JSON, so it is not a Backstory export. Nothing was imported.',
          });
        }
        state.stories += 2;
        state.teasers += 5;
        return Promise.resolve({
          ok: true,
          value: {
            stories: { added: 2, merged: 1 },
            teasers: { added: 5, kept: 0 },
            settings: { added: 0, kept: 0 },
          },
        });
      }
      case 'clearData': {
        const cleared = state.stories;
        state.stories = 0;
        state.teasers = 0;
        return Promise.resolve({ ok: true, value: { cleared } });
      }
      default:
        return Promise.resolve({ ok: false, error: `Unknown message ${message.type}` });
    }
  });
  return Object.assign(calls, { imported });
}

function chooseFile(file: File) {
  const input = screen.getByLabelText('Backstory export file to import') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
  return input;
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function statValue(label: string): string | null | undefined {
  return screen.getByText(label).nextElementSibling?.textContent;
}

describe('options page', () => {
  it('shows the counts and the privacy paragraph', async () => {
    fakeBackground({ stories: 12, teasers: 30 });
    render(<App />);
    await waitFor(() => expect(statValue('Stories read')).toBe('12'));
    expect(statValue('Headlines seen')).toBe('30');
    expect(screen.getByRole('heading', { name: 'Your data' })).toBeTruthy();
    expect(screen.getByText(/stays on this device/)).toBeTruthy();
    expect(screen.getByText(/no network requests/)).toBeTruthy();
  });

  it('exports everything as backstory-export-YYYY-MM-DD.json', async () => {
    fakeBackground({ stories: 2, teasers: 0 });
    const saveFile = vi.fn((_name: string, _blob: Blob) => {});
    render(<App saveFile={saveFile} now={() => new Date(2025, 5, 7, 23, 59)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export all data' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledOnce());
    const [name, blob] = saveFile.mock.calls[0] ?? [];
    expect(name).toBe('backstory-export-2025-06-07.json');
    expect(blob?.type).toBe('application/json');
    const parsed = JSON.parse((await blob?.text()) ?? '') as ExportFile;
    expect(parsed.format).toBe('backstory-export');
    expect(parsed.stories).toHaveLength(2);
    expect(await screen.findByText('Exported 2 stories to backstory-export-2025-06-07.json.')).toBeTruthy();
  });

  it('downloads through a Blob URL and an <a download>', () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:backstory/1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.useFakeTimers();
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
    downloadBlob('backstory-export-2025-06-07.json', new Blob(['{}'], { type: 'application/json' }));
    expect(clicked).toEqual([{ href: 'blob:backstory/1', download: 'backstory-export-2025-06-07.json' }]);
    expect(document.querySelector('a[download]')).toBeNull();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:backstory/1');
    vi.useRealTimers();
  });

  it('asks for confirmation in the page before deleting, and can cancel', async () => {
    const calls = fakeBackground({ stories: 3, teasers: 4 });
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    render(<App />);
    await waitFor(() => expect(statValue('Stories read')).toBe('3'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete all data…' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(screen.getByText(/This deletes 3 stories and 4 headlines from this device/)).toBeTruthy();
    await waitFor(() => expect(document.activeElement?.classList.contains('confirm')).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Delete everything' })).toBeNull();
    expect(calls).not.toContain('clearData');
  });

  it('deletes after confirmation and shows the result', async () => {
    const calls = fakeBackground({ stories: 3, teasers: 4 });
    render(<App />);
    await waitFor(() => expect(statValue('Stories read')).toBe('3'));
    fireEvent.click(screen.getByRole('button', { name: 'Delete all data…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete everything' }));
    expect(await screen.findByText('Deleted 3 stories and everything read with them.')).toBeTruthy();
    await waitFor(() => expect(statValue('Stories read')).toBe('0'));
    expect(statValue('Headlines seen')).toBe('0');
    expect(calls.filter((c) => c === 'clearData')).toHaveLength(1);
    // The settings sections read their (now deleted) settings again instead of showing the old ones.
    await waitFor(() => expect(calls.filter((c) => c === 'getCardSettings')).toHaveLength(2));
  });

  it('shows errors from the background', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: false, error: 'Database closed' }));
    render(<App />);
    expect(await screen.findByText('Could not count your data: Database closed')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export all data' }));
    expect(await screen.findByText('Export failed: Database closed')).toBeTruthy();
  });

  it('imports a chosen file through the background and shows what it did', async () => {
    const calls = fakeBackground({ stories: 1, teasers: 0 });
    render(<App />);
    await waitFor(() => expect(statValue('Stories read')).toBe('1'));
    const picker = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(screen.getByRole('button', { name: 'Import from a file…' }));
    expect(picker).toHaveBeenCalledOnce();
    chooseFile(new File(['{"format":"backstory-export"}'], 'backup.json', { type: 'application/json' }));
    expect(
      await screen.findByText(
        'Imported backup.json: 2 new stories, 1 story already here (kept, reading history merged), 5 new headlines.',
      ),
    ).toBeTruthy();
    expect(calls.imported).toEqual(['{"format":"backstory-export"}']);
    await waitFor(() => expect(statValue('Stories read')).toBe('3'));
    expect(statValue('Headlines seen')).toBe('5');
  });

  it('shows why a file was refused, as text', async () => {
    const calls = fakeBackground({ stories: 1, teasers: 0 });
    render(<App />);
    await waitFor(() => expect(statValue('Stories read')).toBe('1'));
    const input = chooseFile(new File(['<img src=x onerror=alert(1)>'], 'evil.html'));
    const notice = await screen.findByText(
      'Import failed: The file is not JSON, so it is not a Backstory export. Nothing was imported.',
    );
    expect(notice.className).toContain('notice-error');
    expect(document.querySelector('img')).toBeNull();
    expect(calls.imported).toEqual(['<img src=x onerror=alert(1)>']);
    expect(input.value).toBe('');
    expect(statValue('Stories read')).toBe('1');
  });

  it('refuses a file too large to be an export without reading it or asking the background', async () => {
    const calls = fakeBackground({ stories: 1, teasers: 0 });
    render(<App />);
    await waitFor(() => expect(statValue('Stories read')).toBe('1'));
    const file = new File(['{}'], 'huge.json');
    Object.defineProperty(file, 'size', { value: 200_000_000 });
    const read = vi.spyOn(file, 'text');
    chooseFile(file);
    expect(
      await screen.findByText(
        'Import failed: The file is too large (over 60,000,000 characters). Nothing was imported.',
      ),
    ).toBeTruthy();
    expect(read).not.toHaveBeenCalled();
    expect(calls).not.toContain('importData');
  });

  it('renders an error message from the background as text, never as markup', async () => {
    fakeBrowser.runtime.onMessage.addListener((raw: unknown) =>
      Promise.resolve(
        (raw as { type: string }).type === 'getStats'
          ? { ok: true, value: { stories: 0, teasers: 0 } }
          : { ok: false, error: '<b id="injected">stories[0].title</b>: Invalid type' },
      ),
    );
    render(<App />);
    chooseFile(new File(['{}'], 'x.json'));
    expect(
      await screen.findByText('Import failed: <b id="injected">stories[0].title</b>: Invalid type'),
    ).toBeTruthy();
    expect(document.getElementById('injected')).toBeNull();
  });

  it('names the file by the local date', () => {
    expect(exportFileName(new Date(2025, 0, 2, 0, 5))).toBe('backstory-export-2025-01-02.json');
  });
});
