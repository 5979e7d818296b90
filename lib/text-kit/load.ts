/**
 * Loads the built `text-kit.js` into the background (see ./index.ts for why it is a file of its own).
 *
 * - Chromium's service worker: `importScripts`. After its installation a service worker may import only the
 *   scripts it imported while installing (the rest fail with a NetworkError), so `preloadTextKitAtInstall`
 *   imports the kit in the `install` event, once per installation or update; every later start imports it again
 *   from the worker's script cache, when first needed.
 * - Firefox's background page: a `<script>` element.
 */
import { TEXT_KIT_GLOBAL, type TextKit } from './index';

export const TEXT_KIT_FILE = '/text-kit.js';

type KitScope = typeof globalThis & {
  [TEXT_KIT_GLOBAL]?: TextKit;
  importScripts?: (...urls: string[]) => void;
  ServiceWorkerGlobalScope?: unknown;
};

const scope = globalThis as KitScope;

const inServiceWorker = () =>
  typeof scope.ServiceWorkerGlobalScope === 'function' &&
  globalThis instanceof (scope.ServiceWorkerGlobalScope as new () => object);

/** In a service worker, imports the kit while the worker installs (call during the worker's first evaluation). */
export function preloadTextKitAtInstall(): void {
  if (!inServiceWorker() || typeof scope.importScripts !== 'function') return;
  globalThis.addEventListener('install', () => {
    try {
      scope.importScripts?.(TEXT_KIT_FILE);
    } catch (error) {
      // The installation goes on: reading pages will report the failure, everything else keeps working.
      console.error('Backstory: the text kit could not be imported at install', error);
    }
  });
}

/** The kit, from the built `text-kit.js`. */
export async function loadTextKit(): Promise<TextKit> {
  if (!scope[TEXT_KIT_GLOBAL]) {
    if (typeof scope.importScripts === 'function') {
      scope.importScripts(TEXT_KIT_FILE);
    } else if (typeof document !== 'undefined') {
      await new Promise<void>((resolve, reject) => {
        const script = document.createElement('script');
        script.src = TEXT_KIT_FILE;
        script.onload = () => resolve();
        script.onerror = () => reject(new Error(`Backstory: ${TEXT_KIT_FILE} could not be loaded`));
        document.head.append(script);
      });
    }
  }
  const kit = scope[TEXT_KIT_GLOBAL];
  if (!kit) throw new Error(`Backstory: ${TEXT_KIT_FILE} did not provide the text kit`);
  return kit;
}
