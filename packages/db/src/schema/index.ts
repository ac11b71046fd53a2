export * from './catalogue';
export * from './states';
export * from './sites';
export * from './indicators';
export * from './users';
export * from './evidence';
export * from './assessments';
export * from './audit';
