import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type RetentionClient, RetentionSection } from '@/components/options/retention-section';
import { BackstoryDB } from '@/lib/db/schema';
import {
  DEFAULT_RETENTION,
  RETENTION_POLICY_KEY,
  type RetentionPolicy,
  retentionSettings,
  setRetentionPolicy,
} from '@/lib/feeds/retention';

afterEach(cleanup);

let db: BackstoryDB;
let client: RetentionClient & {
  set: ReturnType<typeof vi.fn<(p: RetentionPolicy) => ReturnType<RetentionClient['set']>>>;
};

beforeEach(() => {
  fakeBrowser.reset();
  db = new BackstoryDB(`retention-section-${Math.random()}`);
  // The background's own functions on fake-indexeddb, as the getRetention / setRetention handlers call them.
  client = { get: () => retentionSettings(db), set: vi.fn((policy) => setRetentionPolicy(db, policy)) };
});

const days = () =>
  screen.getByLabelText(/Keep headlines and feed items you did not open for/) as HTMLInputElement;
const stories = () => screen.getByLabelText(/Keep at most/) as HTMLInputElement;
const status = () => screen.getByRole('status');
const stored = async () => (await db.settings.get(RETENTION_POLICY_KEY))?.value;

async function loaded() {
  await waitFor(() => expect(days().disabled).toBe(false));
}

describe('the retention section', () => {
  it('shows the stored values as labelled number fields with their units, what goes first and the usage', async () => {
    await db.settings.put({ key: RETENTION_POLICY_KEY, value: { stubMaxAgeDays: 30, maxStories: 5000 } });
    render(<RetentionSection client={client} stories={1234} />);
    await loaded();
    expect(days().type).toBe('number');
    expect(days().value).toBe('30');
    expect(stories().value).toBe('5000');
    expect([days().min, days().max, stories().min, stories().max]).toEqual(['1', '3650', '500', '1000000']);
    // The unit describes each field.
    const unit = (input: HTMLInputElement) =>
      document.getElementById(input.getAttribute('aria-describedby')!);
    expect(unit(days())?.textContent).toBe('days');
    expect(unit(stories())?.textContent).toBe('stories in all');
    expect(screen.getByRole('heading', { name: 'Retention' })).toBeTruthy();
    expect(
      screen.getByText(/headlines and feed items you never opened go first, before the articles you read/),
    ).toBeTruthy();
    expect(screen.getByText(/threads you follow and of open tabs are always kept/)).toBeTruthy();
    expect(screen.getByText('Stored now: 1,234 stories.')).toBeTruthy();
    expect(screen.getByText('Defaults: 60 days, at most 20,000 stories.')).toBeTruthy();
  });

  it('shows no usage line when the count is not known', async () => {
    render(<RetentionSection client={client} stories={null} />);
    await loaded();
    expect(screen.queryByText(/Stored now/)).toBeNull();
    expect(days().value).toBe(String(DEFAULT_RETENTION.stubMaxAgeDays));
    expect(stories().value).toBe(String(DEFAULT_RETENTION.maxStories));
  });

  it('saves the typed values and says what was saved', async () => {
    render(<RetentionSection client={client} />);
    await loaded();
    fireEvent.input(days(), { target: { value: '90' } });
    fireEvent.input(stories(), { target: { value: '50000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(status().textContent).toBe(
        'Saved: headlines and feed items you did not open are kept for 90 days, and at most 50,000 stories in all.',
      ),
    );
    expect(client.set).toHaveBeenCalledWith({ stubMaxAgeDays: 90, maxStories: 50_000 });
    expect(await stored()).toEqual({ stubMaxAgeDays: 90, maxStories: 50_000 });
  });

  it.each<[string, string, string, string]>([
    ['0 days', '0', '20000', 'Not saved: The number of days must be a whole number from 1 to 3,650.'],
    ['half a day', '1.5', '20000', 'Not saved: The number of days must be a whole number from 1 to 3,650.'],
    ['no days', '', '20000', 'Not saved: The number of days must be a whole number from 1 to 3,650.'],
    [
      'too few stories',
      '60',
      '499',
      'Not saved: The number of stories must be a whole number from 500 to 1,000,000.',
    ],
    [
      'both wrong',
      '4000',
      '2000000',
      'Not saved: The number of days must be a whole number from 1 to 3,650. The number of stories must be a whole number from 500 to 1,000,000.',
    ],
  ])('refuses %s, says why and stores nothing', async (_, dayText, storyText, error) => {
    await setRetentionPolicy(db, { stubMaxAgeDays: 30, maxStories: 5000 });
    render(<RetentionSection client={client} />);
    await loaded();
    fireEvent.input(days(), { target: { value: dayText } });
    fireEvent.input(stories(), { target: { value: storyText } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status().textContent).toBe(error));
    expect(status().querySelector('.notice-error')).toBeTruthy();
    expect(days().getAttribute('aria-invalid')).toBe(error.includes('days') ? 'true' : null);
    expect(stories().getAttribute('aria-invalid')).toBe(error.includes('stories must') ? 'true' : null);
    expect(client.set).not.toHaveBeenCalled();
    expect(await stored()).toEqual({ stubMaxAgeDays: 30, maxStories: 5000 });
  });

  it('shows the background’s refusal when it refuses', async () => {
    client.set.mockRejectedValueOnce(
      new Error('setRetention: invalid message: days: expected a whole number'),
    );
    render(<RetentionSection client={client} />);
    await loaded();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(status().textContent).toBe(
        'Not saved: setRetention: invalid message: days: expected a whole number',
      ),
    );
  });

  it('restores the defaults', async () => {
    await setRetentionPolicy(db, { stubMaxAgeDays: 7, maxStories: 600 });
    render(<RetentionSection client={client} />);
    await loaded();
    expect(days().value).toBe('7');
    // Typed but not saved: restoring ignores it.
    fireEvent.input(days(), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Restore defaults' }));
    await waitFor(() =>
      expect(status().textContent).toBe(
        'Defaults restored: 60 days for headlines and feed items you did not open, and at most 20,000 stories in all.',
      ),
    );
    expect(client.set).toHaveBeenCalledWith(DEFAULT_RETENTION);
    expect(days().value).toBe('60');
    expect(stories().value).toBe('20000');
    expect(await stored()).toBeUndefined();
  });

  it('says when the setting cannot be read, and offers nothing to save', async () => {
    render(<RetentionSection client={{ ...client, get: () => Promise.reject(new Error('No answer')) }} />);
    await waitFor(() => expect(status().textContent).toBe('Could not read the retention limits: No answer'));
    expect(days().disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
