import { randomBytes } from 'node:crypto';

/** `video_` + 24 hex characters, like OpenAI's ids; 96 random bits make collisions a non-issue. */
export function newVideoId(): string {
  return `video_${randomBytes(12).toString('hex')}`;
}

export function newApiKeyId(): string {
  return `key_${randomBytes(8).toString('hex')}`;
}
