export { seedCatalogue, hasCatalogue, type SeedReport } from './catalogue';
export { seedDemo, type DemoReport } from './demo';
export * as briefingPaper from './briefing-paper';
