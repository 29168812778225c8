import { describe, expect, it } from 'vitest';
import type { ReplicatePrediction } from './replicate-api';
import { outputFiles, progressFromLogs, toPollResult } from './replicate-status';

const url = 'https://replicate.delivery/xezq/abc/tmp1234.mp4';
const prediction = (fields: Partial<ReplicatePrediction>): ReplicatePrediction => ({
  id: 'p1',
  status: 'starting',
  ...fields,
});

describe('toPollResult', () => {
  it.each([
    ['starting', {}, { status: 'queued', progress: undefined }],
    ['processing', { logs: '' }, { status: 'in_progress', progress: undefined }],
    [
      'processing',
      { logs: ' 10%|█         | 5/50\n 45%|████▌     | 22/50' },
      { status: 'in_progress', progress: 45 },
    ],
    [
      'succeeded',
      { output: url },
      {
        status: 'succeeded',
        outputs: [{ variant: 'video', url, contentType: 'video/mp4' }],
        seconds: undefined,
      },
    ],
    [
      'failed',
      { error: 'The input or output was flagged as sensitive. (E005)' },
      {
        status: 'failed',
        error: { code: 'prediction_failed', message: 'The input or output was flagged as sensitive. (E005)' },
        canceled: false,
      },
    ],
    [
      'canceled',
      {},
      { status: 'failed', error: expect.objectContaining({ code: 'canceled' }), canceled: true },
    ],
    [
      'aborted',
      {},
      { status: 'failed', error: expect.objectContaining({ code: 'aborted' }), canceled: true },
    ],
    [
      'cancelled',
      {},
      { status: 'failed', error: expect.objectContaining({ code: 'unknown_status' }), canceled: false },
    ],
    [
      'queued',
      {},
      { status: 'failed', error: expect.objectContaining({ code: 'unknown_status' }), canceled: false },
    ],
  ] as const)('maps %s (%j)', (status, fields, expected) => {
    expect(toPollResult(prediction({ status, ...fields }))).toEqual(expected);
  });

  it('names the unknown status in the message', () => {
    const result = toPollResult(prediction({ status: 'paused' }));
    expect(result.status === 'failed' && result.error.message).toContain("'paused'");
  });

  it('fails with a clear message when a failure has no error text', () => {
    const result = toPollResult(prediction({ status: 'failed', error: null }));
    expect(result.status === 'failed' && result.error.message).toMatch(/without saying why/);
  });

  it('fails a success whose output Replicate already deleted', () => {
    const result = toPollResult(prediction({ status: 'succeeded', output: null, data_removed: true }));
    expect(result).toMatchObject({ status: 'failed', error: { code: 'output_removed' }, canceled: false });
  });

  it('fails a success with no output at all', () => {
    const result = toPollResult(prediction({ status: 'succeeded', output: null }));
    expect(result).toMatchObject({ status: 'failed', error: { code: 'no_output' } });
  });
});

describe('progressFromLogs', () => {
  it.each([
    [undefined, undefined],
    [null, undefined],
    ['', undefined],
    ['Using seed: 1\nGenerating video...', undefined],
    ['  0%|          | 0/50 [00:00<?, ?it/s]', 0],
    [' 10%|█         | 5/50\n 45%|████▌     | 22/50 [00:05<00:06, 3.91it/s]\n', 45],
    ['100%|██████████| 50/50 [00:12<00:00, 4.00it/s]\nVideo saved', 100],
    // Percentages outside a tqdm bar are not progress.
    [' 30%|███       | 15/50\nguidance 80% strength', 30],
  ])('%j → %s', (logs, expected) => {
    expect(progressFromLogs(logs)).toBe(expected);
  });
});

describe('outputFiles', () => {
  it.each([
    ['a single URI string', url, [url]],
    [
      'an array of URIs',
      [url, 'https://replicate.delivery/b.mp4'],
      [url, 'https://replicate.delivery/b.mp4'],
    ],
    ['an object of URIs', { video: url }, [url]],
    ['nothing', null, []],
    ['non-URL text', 'done', []],
  ])('reads %s', (_label, output, urls) => {
    expect(outputFiles(output).map((file) => file.url)).toEqual(urls);
  });

  it('takes images as thumbnails and types videos by extension', () => {
    expect(outputFiles(['https://x.test/a.webm', 'https://x.test/poster.jpg', 'https://x.test/out'])).toEqual(
      [
        { variant: 'video', url: 'https://x.test/a.webm', contentType: 'video/webm' },
        { variant: 'thumbnail', url: 'https://x.test/poster.jpg', contentType: undefined },
        { variant: 'video', url: 'https://x.test/out', contentType: undefined },
      ],
    );
  });
});
