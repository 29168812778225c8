import { describe, expect, it } from 'vitest';
import { controlOptions } from './control-options';
import {
  buildRequestBody,
  type FormState,
  initialFormState,
  missingInput,
  reconcileForm,
} from './form-state';
import { fixtureModel } from './test-fixtures';

const form = (patch: Partial<FormState>): FormState => ({
  ...initialFormState(),
  model: 'veo-3.1',
  prompt: 'a fox',
  ...patch,
});

describe('buildRequestBody', () => {
  it.each([
    {
      name: 'only what was chosen, seconds as a string',
      patch: { seconds: 8 },
      body: { model: 'veo-3.1', prompt: 'a fox', seconds: '8' },
    },
    {
      name: 'aspect ratio and resolution',
      patch: { seconds: 4, aspectRatio: '9:16', resolution: '1080p' },
      body: { model: 'veo-3.1', prompt: 'a fox', seconds: '4', aspect_ratio: '9:16', resolution: '1080p' },
    },
    {
      name: 'an exact size wins over ratio and resolution',
      patch: { size: '1280x720', aspectRatio: '9:16', resolution: '1080p' },
      body: { model: 'veo-3.1', prompt: 'a fox', size: '1280x720' },
    },
    {
      name: 'a pinned provider becomes provider/model',
      patch: { provider: 'fal' },
      body: { model: 'fal/veo-3.1', prompt: 'a fox' },
    },
    {
      name: 'audio only once the user set it',
      patch: { audio: false },
      body: { model: 'veo-3.1', prompt: 'a fox', audio: false },
    },
    {
      name: 'an uploaded image as a data URI in image-to-video mode',
      patch: { mode: 'image-to-video' as const, imageDataUri: 'data:image/png;base64,AAAA' },
      body: { model: 'veo-3.1', prompt: 'a fox', input_reference: 'data:image/png;base64,AAAA' },
    },
    {
      name: 'an image URL, trimmed',
      patch: {
        mode: 'image-to-video' as const,
        imageSource: 'url' as const,
        imageUrl: ' https://example.com/a.png ',
      },
      body: { model: 'veo-3.1', prompt: 'a fox', input_reference: 'https://example.com/a.png' },
    },
    {
      name: 'no image in text-to-video mode even when one was uploaded',
      patch: { imageDataUri: 'data:image/png;base64,AAAA' },
      body: { model: 'veo-3.1', prompt: 'a fox' },
    },
  ])('$name', ({ patch, body }) => {
    const card = fixtureModel('veo-3.1');
    expect(buildRequestBody(form(patch), card)).toEqual(body);
  });

  it('keeps keys in snippet order', () => {
    const body = buildRequestBody(
      form({ seconds: 4, aspectRatio: '16:9', resolution: '720p', audio: true }),
      undefined,
    );
    expect(Object.keys(body)).toEqual(['model', 'prompt', 'seconds', 'aspect_ratio', 'resolution', 'audio']);
  });
});

describe('reconcileForm', () => {
  it('resets choices the new model cannot take', () => {
    const card = fixtureModel('hailuo-2.3');
    const options = controlOptions(card, 'auto', 'text-to-video');
    const before = form({
      model: 'hailuo-2.3',
      provider: 'fal',
      aspectRatio: '9:16',
      resolution: '2160p',
      size: '1280x720',
      seconds: 8,
      audio: true,
    });
    expect(reconcileForm(before, card, options)).toMatchObject({
      provider: 'auto',
      aspectRatio: '',
      resolution: '',
      size: '',
      seconds: 6,
      audio: undefined,
    });
  });

  it('keeps choices the model supports', () => {
    const card = fixtureModel('veo-3.1');
    const options = controlOptions(card, 'fal', 'text-to-video');
    const before = form({
      provider: 'fal',
      aspectRatio: '9:16',
      resolution: '2160p',
      seconds: 6,
      audio: false,
    });
    expect(reconcileForm(before, card, options)).toEqual(before);
  });
});

describe('missingInput', () => {
  it.each([
    { patch: { model: '' }, message: 'Pick a model.' },
    { patch: { prompt: '   ' }, message: 'Write a prompt.' },
    { patch: { mode: 'image-to-video' as const }, message: 'Upload an image for image-to-video.' },
    {
      patch: { mode: 'image-to-video' as const, imageSource: 'url' as const },
      message: 'Paste an image URL for image-to-video.',
    },
    { patch: {}, message: undefined },
  ])('$message', ({ patch, message }) => {
    expect(missingInput(form(patch))).toBe(message);
  });
});
