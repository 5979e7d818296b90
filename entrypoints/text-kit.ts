import { defineUnlistedScript } from '#imports';
import { TEXT_KIT_GLOBAL } from '@/lib/text-kit';
import { directTextKit } from '@/lib/text-kit/direct';

/**
 * `text-kit.js`: the NLP, HTML and feed readers, built apart from the background and loaded by it when first
 * needed (lib/text-kit/load.ts; why: lib/text-kit/index.ts).
 */
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[TEXT_KIT_GLOBAL] = directTextKit;
});
