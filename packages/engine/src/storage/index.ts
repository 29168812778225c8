export { assertSafeId, outputFileName } from './file-names';
export { createOutputStore, type OutputStore } from './output-store';
