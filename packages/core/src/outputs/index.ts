export { type FetchOutputOptions, fetchOutput, type OutputFetcher } from './fetch-output';
export { publicOutputFetcher } from './public-output-fetcher';
