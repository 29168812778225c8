export type * from './capabilities';
export type * from './catalog-model';
export type * from './json-value';
export type * from './offering';
export type * from './operation';
export type * from './parameter-map';
export type * from './video-provider';
export type * from './warning';
