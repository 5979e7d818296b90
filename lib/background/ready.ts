/**
 * The performance mark the background sets once its listeners are registered. Its `startTime` is how long after
 * the worker's start it could answer (script loaded, compiled and evaluated): `npm run bench -- scale` reads it
 * after each cold start.
 */
export const WORKER_READY_MARK = 'backstory-worker-ready';
