/**
 * The board document model: schema v1 root keys, typed accessors, validators, fractional order,
 * element operations and migrations. Plain TypeScript on Yjs only – no Svelte, DOM or server.
 */
export * from './keys';
export * from './origin';
export * from './ids';
export * from './order';
export * from './doc';
export * from './geometry';
export * from './text-diff';
export * from './records/element';
export * from './ops/elements';
export { migrateBoard, MIGRATIONS, pendingMigrations } from './migrations';
export * from './carry-forward';
