import { defineBackground } from '#imports';
import { analyzeArticle } from '@/core/nlp/analyze';
import { registerHandlers } from '@/lib/background/handlers';
import { registerMaintenance } from '@/lib/background/maintenance';
import { registerOnboarding } from '@/lib/background/onboarding';
import { BackstoryDB } from '@/lib/db/schema';
import { createStoryService } from '@/lib/story-service';

export default defineBackground(() => {
  const db = new BackstoryDB();
  registerHandlers(db, createStoryService(db, { analyze: analyzeArticle }));
  registerMaintenance(db);
  registerOnboarding();
});
