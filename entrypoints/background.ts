import { defineBackground } from '#imports';
import { registerFeeds } from '@/lib/background/feeds';
import { registerHandlers } from '@/lib/background/handlers';
import { registerLookup } from '@/lib/background/lookup';
import { registerMaintenance } from '@/lib/background/maintenance';
import { registerOnboarding } from '@/lib/background/onboarding';
import { openAtStart, WORKER_MAIN_MARK, WORKER_READY_MARK } from '@/lib/background/ready';
import { registerShortcuts } from '@/lib/background/shortcuts';
import { BackstoryDB } from '@/lib/db/schema';
import { createStoryService } from '@/lib/story-service';
import { provideTextKit, textKit } from '@/lib/text-kit';
import { loadTextKit, preloadTextKitAtInstall } from '@/lib/text-kit/load';

export default defineBackground(() => {
  performance.mark(WORKER_MAIN_MARK);
  // The NLP and the HTML and feed readers come from text-kit.js when first needed (lib/text-kit/index.ts).
  preloadTextKitAtInstall();
  provideTextKit(loadTextKit);
  const db = new BackstoryDB();
  void openAtStart(db);
  const service = createStoryService(db, {
    analyze: async (input) => (await textKit()).analyzeArticle(input),
    prepare: textKit,
  });
  registerHandlers(db, service);
  registerMaintenance(db);
  registerOnboarding();
  registerShortcuts();
  registerLookup();
  registerFeeds(db, service);
  performance.mark(WORKER_READY_MARK);
});
