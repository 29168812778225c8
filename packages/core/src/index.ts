export * from './errors';
export * from './generate';
export * from './matching';
export * from './outputs';
export * from './registry';
export * from './schemas';
export * from './spec';
