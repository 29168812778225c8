import { describe, expect, it } from 'vitest';
import { InvalidOfferingError } from '../errors/invalid-offering-error';
import type { VideoOffering } from '../spec/offering';
import type { VideoProvider } from '../spec/video-provider';
import { createRegistry } from './create-registry';

const valid = {
  model: 'acme-1',
  upstream: { 'text-to-video': 'acme/v1' },
  capabilities: {
    modes: ['text-to-video'],
    size: {
      kind: 'grid',
      aspectRatios: ['16:9', '9:16'],
      tiers: ['720p'],
      default: { aspectRatio: '16:9', tier: '720p' },
      aspectRatioField: 'parameters.aspectRatio',
    },
    duration: { field: 'duration', format: 'integer', values: [4, 8], default: 8 },
  },
};

function providerWith(offering: unknown): VideoProvider {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    specificationVersion: 'v1',
    id: 'acme',
    name: 'Acme',
    baseURL: 'https://acme.example',
    offerings: [offering as VideoOffering],
    submit: unused,
    poll: unused,
    content: unused,
  };
}

/** `valid` with one value replaced at a dotted path. */
function withChange(path: string, value: unknown): unknown {
  const copy = structuredClone(valid) as Record<string, unknown>;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1) as string] = value;
  return copy;
}

describe('createRegistry', () => {
  describe('offering validation', () => {
    it('should fill the contract defaults of a valid offering', () => {
      const registry = createRegistry({ providers: [providerWith(valid)] });
      expect(registry.offerings()[0]).toMatchObject({
        id: 'acme/acme-1',
        parameters: {},
        providerParameters: [],
        capabilities: { maxVideosPerCall: 1, remix: false, variants: ['video'] },
      });
    });

    it.each([
      ['capabilities.size.tiers', ['720'], 'capabilities.size.tiers[0]: must be a tier'],
      ['capabilities.size.aspectRatios', ['wide'], 'capabilities.size.aspectRatios[0]'],
      ['capabilities.size.aspectRatioField', 'parameters..ratio', 'capabilities.size.aspectRatioField'],
      ['capabilities.duration.values', [], 'capabilities.duration.values'],
      ['capabilities.duration.format', 'seconds', 'capabilities.duration.format'],
      ['capabilities.modes', ['video-to-video'], 'capabilities.modes[0]'],
      ['upstream', {}, 'upstream: must name the upstream id of at least one mode'],
      ['capabilities.size.kind', 'free', 'capabilities.size.kind'],
      ['parameters', { seed: { how: 'renamed' } }, 'parameters.seed.to'],
      ['capabilities.aspect', ['16:9'], 'capabilities: Unrecognized key'],
    ])('should name %s when it is %j', (path, value, expected) => {
      const attempt = () => createRegistry({ providers: [providerWith(withChange(path, value))] });
      expect(attempt).toThrow(InvalidOfferingError);
      expect(attempt).toThrow(`Provider 'acme' declares an invalid offering offerings[0] 'acme-1'`);
      expect(attempt).toThrow(expected);
    });
  });
});
