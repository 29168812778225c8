import { describe, expect, it } from 'vitest';
import { NoSuchModelError } from '../errors/no-such-model-error';
import { NoSuchProviderError } from '../errors/no-such-provider-error';
import type { VideoOffering } from '../spec/offering';
import type { VideoProvider } from '../spec/video-provider';
import { createRegistry } from './create-registry';

function offering(model: string, providerParameters: string[] = []): VideoOffering {
  return {
    model,
    upstream: { 'text-to-video': model },
    capabilities: {
      modes: ['text-to-video'],
      size: {
        kind: 'list',
        default: { width: 1280, height: 720 },
        options: [{ width: 1280, height: 720, tier: '720p', wire: {} }],
      },
      duration: { field: 'seconds', format: 'integer', values: [4], default: 4 },
      audio: undefined,
      image: undefined,
      maxVideosPerCall: 1,
      remix: false,
      variants: ['video'],
    },
    parameters: {},
    providerParameters,
  };
}

function provider(id: string, offerings: VideoOffering[]): VideoProvider {
  const unused = () => Promise.reject(new Error('not used in registry tests'));
  return {
    specificationVersion: 'v1',
    id,
    name: id,
    baseURL: `https://${id}.example`,
    offerings,
    submit: unused,
    poll: unused,
    content: unused,
  };
}

const registry = createRegistry({
  providers: [
    provider('openai', [offering('sora-2-pro'), offering('sora-2')]),
    provider('fal', [offering('sora-2-pro', ['character_ids']), offering('veo-3.1')]),
    provider('replicate', [offering('sora-2-pro', ['openai_api_key'])]),
  ],
  catalog: [
    {
      id: 'runway-gen-4.5',
      name: 'Gen-4.5',
      creator: 'runway',
      family: 'gen',
      tags: [],
      lifecycle: { status: 'active', successors: [] },
    },
  ],
});

describe('createRegistry', () => {
  it.each([
    {
      name: 'sora-2-pro',
      candidates: ['openai/sora-2-pro', 'fal/sora-2-pro', 'replicate/sora-2-pro'],
      pinned: undefined,
    },
    { name: 'fal/sora-2-pro', candidates: ['fal/sora-2-pro'], pinned: 'fal' },
    { name: 'veo-3.1', candidates: ['fal/veo-3.1'], pinned: undefined },
  ])('resolves $name', ({ name, candidates, pinned }) => {
    const resolved = registry.resolve(name);
    expect(resolved.candidates.map((candidate) => candidate.id)).toEqual(candidates);
    expect(resolved.pinnedProvider).toBe(pinned);
  });

  it.each([
    {
      name: 'sora-3',
      message: /Model 'sora-3' does not exist\. Available models: sora-2, sora-2-pro, veo-3\.1/,
    },
    {
      name: 'openai/veo-3.1',
      message: /Provider 'openai' does not serve 'veo-3\.1'\. It is served as: fal\/veo-3\.1/,
    },
    { name: 'runway-gen-4.5', message: /No configured provider serves 'runway-gen-4\.5'/ },
  ])('explains an unknown name: $name', ({ name, message }) => {
    expect(() => registry.resolve(name)).toThrowError(message);
    try {
      registry.resolve(name);
    } catch (error) {
      expect(NoSuchModelError.isInstance(error)).toBe(true);
      expect((error as NoSuchModelError).toJSON().error).toMatchObject({
        code: 'model_not_found',
        param: 'model',
      });
    }
  });

  it('lists provider-only parameters', () => {
    expect([...registry.providerParameters].sort()).toEqual(['character_ids', 'openai_api_key']);
  });

  it('routes secret parameters like provider-only ones, and lists them apart', () => {
    const withSecret = createRegistry({
      providers: [
        provider('replicate', [{ ...offering('sora-2-pro'), secretParameters: ['byok_token'] }]),
        provider('fal', [offering('sora-2-pro')]),
      ],
    });
    expect([...withSecret.secretParameters]).toEqual(['byok_token']);
    expect([...withSecret.providerParameters]).toEqual(['byok_token']);
    expect([...registry.secretParameters]).toEqual([]);
  });

  it('names configured providers for an unknown one', () => {
    expect(() => registry.provider('luma')).toThrowError(/Configured providers: openai, fal, replicate/);
    expect(NoSuchProviderError.isInstance(catchError(() => registry.provider('luma')))).toBe(true);
  });

  it('refuses two providers with one id', () => {
    expect(() => createRegistry({ providers: [provider('fal', []), provider('fal', [])] })).toThrowError(
      /share the id 'fal'/,
    );
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
