export { createDiskOutputStore } from './disk-output-store';
export { assertSafeId, outputFileName } from './file-names';
export type { ByteRange, OutputStore } from './output-store';
export { createS3OutputStore, type S3StorageSettings } from './s3-output-store';
export { parseStorageUrl, type S3Location } from './storage-url';
