export * from './catalogue';
export * from './states';
export * from './sites';
export * from './indicators';
export * from './health';
