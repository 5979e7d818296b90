import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit and integration tests. Pure-logic and DOM-reading tests choose `// @vitest-environment node`
// (linkedom documents) in their file; component tests run in happy-dom.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto', './tests/setup/i18n.ts', './tests/setup/text-kit.ts'],
    testTimeout: 60_000,
  },
});
