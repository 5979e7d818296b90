// The tests read pages, feeds and OPML files with the same kit the extension loads from text-kit.js
// (lib/text-kit/index.ts), imported directly.
import { provideTextKit } from '@/lib/text-kit';
import { directTextKit } from '@/lib/text-kit/direct';

provideTextKit(() => directTextKit);
