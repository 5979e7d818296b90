import { defineBackground } from '#imports';
import { analyzeArticle } from '@/core/nlp/analyze';
import { registerFeeds } from '@/lib/background/feeds';
import { registerHandlers } from '@/lib/background/handlers';
import { registerLookup } from '@/lib/background/lookup';
import { registerMaintenance } from '@/lib/background/maintenance';
import { WORKER_READY_MARK } from '@/lib/background/ready';
import { registerOnboarding } from '@/lib/background/onboarding';
import { registerShortcuts } from '@/lib/background/shortcuts';
import { BackstoryDB } from '@/lib/db/schema';
import { createStoryService } from '@/lib/story-service';

export default defineBackground(() => {
  const db = new BackstoryDB();
  const service = createStoryService(db, { analyze: analyzeArticle });
  registerHandlers(db, service);
  registerMaintenance(db);
  registerOnboarding();
  registerShortcuts();
  registerLookup();
  registerFeeds(db, service);
  performance.mark(WORKER_READY_MARK);
});
