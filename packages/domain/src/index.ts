export * from './vocabulary';
export * from './errors';
export * from './identifiers';
export * from './catalogue';
export * from './access';
export * from './methodology';
