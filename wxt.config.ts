import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  imports: false,
  // BACKSTORY_OUT lets parallel work build and test its own copy; the default is WXT's .output.
  outDir: process.env.BACKSTORY_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // BACKSTORY_NOMINIFY=1 keeps function names in the bundles, for reading a CPU profile of the built extension.
  vite: () => ({ plugins: [preact()], build: process.env.BACKSTORY_NOMINIFY ? { minify: false } : {} }),
  // The sources package Mozilla asks for: what builds the add-on, without generated output or test data.
  zip: { excludeSources: ['bench-output/**', 'demo-output/**', 'tests/**', 'docs/**/*.png', '.ci/**'] },
  manifest: ({ browser }) => ({
    // Text the reader sees lives in public/_locales (English and German); lib/i18n.ts reads it.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'tabs',
      'unlimitedStorage',
      'alarms',
      // With activeTab, the popup can ask the page's content script what it found (lib/background/page-bridge.ts).
      'activeTab',
      'scripting',
      // "Look up in Backstory" on selected text (lib/background/lookup.ts).
      'contextMenus',
      // A new story in a thread the reader follows (lib/feeds/follows.ts).
      'notifications',
      ...(browser === 'chrome' ? ['sidePanel'] : []),
    ],
    // No host permission at install: a network feature the reader turns on (feeds, encyclopedia cards) asks then
    // for the origins it needs, and nothing else.
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    action: { default_title: '__MSG_extName__' },
    // The look-up shortcut reads the selection under the activeTab grant it gives (lib/background/lookup.ts).
    commands: {
      // The popup: Chrome MV3's action, Firefox MV2's browser action.
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+B' },
        description: '__MSG_commandOpenPopup__',
      },
      // Chrome has no built-in command for a side panel (lib/background/shortcuts.ts); Firefox's sidebar has one.
      ...(browser === 'firefox'
        ? {
            _execute_sidebar_action: {
              suggested_key: { default: 'Alt+Shift+S' },
              description: '__MSG_commandOpenSidebar__',
            },
          }
        : {
            'open-side-panel': {
              suggested_key: { default: 'Alt+Shift+S' },
              description: '__MSG_commandOpenSidePanel__',
            },
          }),
      'lookup-selection': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandLookup__',
      },
    },
    // The content script is entrypoints/page-gate.ts, an unlisted script without the polyfill (see there). It loads
    // the reader (entrypoints/page-reader.ts) as a module where a page may be an article: the one web-accessible
    // file, at a per-session address in Chrome, so that pages cannot probe for the extension (Firefox's
    // addresses are per install).
    content_scripts: [
      { matches: ['http://*/*', 'https://*/*'], js: ['page-gate.js'], run_at: 'document_idle' },
    ],
    web_accessible_resources:
      browser === 'firefox'
        ? ['page-reader.js']
        : [{ resources: ['page-reader.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    // Private windows are the reader's own business: Backstory never runs there.
    incognito: 'not_allowed',
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'backstory@backstory.invalid',
          strict_min_version: '140.0',
          // Firefox's data-collection declaration: Backstory collects and transmits nothing.
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
