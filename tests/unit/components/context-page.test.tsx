import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContextPage } from '@/components/context/context-page';
import { fakeClient, readyView } from './fixtures';

afterEach(cleanup);

describe('ContextPage app bar', () => {
  it('opens the options page from "Your data"', async () => {
    const client = fakeClient([readyView()]);
    client.openOptions = vi.fn(() => Promise.resolve());
    render(<ContextPage client={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Your data' }));
    await waitFor(() => expect(client.openOptions).toHaveBeenCalledTimes(1));
  });

  it('has no "Your data" button when the client cannot open options', async () => {
    render(<ContextPage client={fakeClient([readyView()])} />);
    await screen.findAllByRole('heading', { level: 1 });
    expect(screen.queryByRole('button', { name: 'Your data' })).toBeNull();
  });
});
