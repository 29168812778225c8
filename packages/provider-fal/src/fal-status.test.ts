import { describe, expect, it } from 'vitest';
import { describeFalError } from './fal-api';
import { falFailure, falOutputToResult, interpretFalStatus } from './fal-status';

describe('interpretFalStatus', () => {
  it.each([
    [
      { status: 'IN_QUEUE', queue_position: 3 },
      { kind: 'result', result: { status: 'queued', progress: undefined } },
    ],
    [
      { status: 'IN_PROGRESS', logs: [] },
      { kind: 'result', result: { status: 'in_progress', progress: undefined } },
    ],
    [{ status: 'COMPLETED', logs: null }, { kind: 'fetch-output' }],
    [
      { status: 'COMPLETED', error: 'Flagged by a content checker.', error_type: 'content_policy_violation' },
      {
        kind: 'result',
        result: {
          status: 'failed',
          error: { code: 'content_policy_violation', message: 'Flagged by a content checker.' },
          canceled: false,
        },
      },
    ],
    [
      { status: 'COMPLETED', error: 'Request was cancelled by the user.', error_type: 'request_cancelled' },
      {
        kind: 'result',
        result: {
          status: 'failed',
          error: { code: 'request_cancelled', message: 'Request was cancelled by the user.' },
          canceled: true,
        },
      },
    ],
    [
      { status: 'COMPLETED', error: 'Runner crashed' },
      {
        kind: 'result',
        result: {
          status: 'failed',
          error: { code: 'upstream_failed', message: 'Runner crashed' },
          canceled: false,
        },
      },
    ],
    [
      { status: 'COMPLETED', error_type: 'runner_disconnected' },
      {
        kind: 'result',
        result: {
          status: 'failed',
          error: { code: 'runner_disconnected', message: 'fal reported runner_disconnected' },
          canceled: false,
        },
      },
    ],
    // Third-party schemas invent these; fal has no such states, so they end the job rather than poll forever.
    [
      { status: 'FAILED' },
      {
        kind: 'result',
        result: {
          status: 'failed',
          error: { code: 'unknown_status', message: "fal reported an unknown status 'FAILED'." },
          canceled: false,
        },
      },
    ],
  ])('%j → %j', (status, expected) => {
    expect(interpretFalStatus(status)).toEqual(expected);
  });
});

describe('falOutputToResult', () => {
  it('lists the video, then Sora thumbnail and spritesheet, with the reported duration', () => {
    expect(
      falOutputToResult({
        video: { url: 'https://v3.fal.media/a.mp4', content_type: 'video/mp4', duration: 8.04 },
        video_id: 'video_1',
        thumbnail: { url: 'https://v3.fal.media/t.png', content_type: 'image/png' },
        spritesheet: { url: 'https://v3.fal.media/s.png' },
      }),
    ).toEqual({
      status: 'succeeded',
      seconds: 8.04,
      outputs: [
        { variant: 'video', url: 'https://v3.fal.media/a.mp4', contentType: 'video/mp4' },
        { variant: 'thumbnail', url: 'https://v3.fal.media/t.png', contentType: 'image/png' },
        { variant: 'spritesheet', url: 'https://v3.fal.media/s.png', contentType: undefined },
      ],
    });
  });

  it('defaults the video content type and leaves an unreported duration to the request', () => {
    expect(falOutputToResult({ video: { url: 'https://v3.fal.media/a.mp4' } })).toEqual({
      status: 'succeeded',
      seconds: undefined,
      outputs: [{ variant: 'video', url: 'https://v3.fal.media/a.mp4', contentType: 'video/mp4' }],
    });
  });
});

describe('falFailure and describeFalError', () => {
  it.each([
    [
      { detail: [{ loc: ['body', 'duration'], msg: "Input should be '4s'", type: 'literal_error' }] },
      { message: "duration: Input should be '4s'", code: 'literal_error' },
    ],
    [
      { detail: 'Runner scheduling failure', error_type: 'runner_scheduling_failure' },
      { message: 'Runner scheduling failure', code: 'runner_scheduling_failure' },
    ],
    [{ detail: [] }, undefined],
    [{}, undefined],
  ])('describeFalError(%j) → %j', (body, expected) => {
    expect(describeFalError(body)).toEqual(expected);
  });

  it('marks a cancellation found only in the message as canceled', () => {
    expect(falFailure('Request was canceled.', undefined)).toEqual({
      status: 'failed',
      error: { code: 'canceled', message: 'Request was canceled.' },
      canceled: true,
    });
  });
});
