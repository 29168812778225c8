import { matchRequest, UpstreamError, type VideoOffering, type VideoProvider } from '@reelay/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { VideoSimulator } from '../simulators/shared';
import { declaredRequests } from './declared-requests';
import { credentialOf, findSubmit, requestContains } from './find-in-request';
import { openOutput, pollUntilDone, readAll, submitRequestFor } from './lifecycle';
import type { ProviderContractOptions } from './provider-contract-options';

/**
 * The behaviour every Reelay provider plugin must have, checked against a simulator over real HTTP.
 * Call it at the top level of a test file:
 *
 * @example
 * runProviderContract({
 *   name: 'fal',
 *   startSimulator: () => startFalSimulator(),
 *   createProvider: ({ baseURL, apiKey }) => createFal({ baseURL, apiKey }),
 * });
 */
export function runProviderContract(options: ProviderContractOptions): void {
  describe(`${options.name} provider contract`, () => {
    let simulator: VideoSimulator;
    let provider: VideoProvider;
    let offering: VideoOffering;
    let promptCounter = 0;
    const nextPrompt = () => `contract probe ${options.name} #${++promptCounter}`;

    beforeAll(async () => {
      simulator = await options.startSimulator();
      provider = options.createProvider({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
      const chosen = options.model
        ? provider.offerings.find((candidate) => candidate.model === options.model)
        : provider.offerings[0];
      if (!chosen) throw new Error(`${options.name} has no offering '${options.model ?? '(first)'}'`);
      offering = chosen;
    });
    afterAll(() => simulator?.close());
    beforeEach(() => {
      simulator.reset();
      simulator.configure({ queueMs: 100, runMs: 300, outputTtlMs: undefined });
    });

    it('declares itself as a v1 provider with offerings', () => {
      expect(provider.specificationVersion).toBe('v1');
      expect(provider.id).toMatch(/^[a-z0-9-]+$/);
      expect(provider.offerings.length).toBeGreaterThan(0);
    });

    it('maps a job from pending to succeeded and serves its outputs', async () => {
      // A queue long enough that the first poll sees the job pending even on a loaded machine.
      simulator.configure({ queueMs: 2_000, runMs: 300 });
      const prompt = nextPrompt();
      const { operation } = await provider.submit(submitRequestFor(offering, prompt));
      const { final, seen } = await pollUntilDone(provider, operation);
      expect(seen[0]).toMatch(/queued|in_progress/);
      expect(final.status).toBe('succeeded');
      for (const variant of options.variants ?? ['video']) {
        const outputs = final.status === 'succeeded' ? final.outputs : [];
        const content = await openOutput({
          provider,
          operation,
          outputs,
          variant,
          trustedOrigins: [simulator.origin],
        });
        const bytes = await readAll(content.body);
        expect(bytes.byteLength).toBeGreaterThan(100);
      }
    });

    it('calls beforeCreate once, right before its create request, when it declares callsBeforeCreate', async () => {
      if (provider.callsBeforeCreate !== true) return;
      const prompt = nextPrompt();
      const sentBefore: boolean[] = [];
      const request = {
        ...submitRequestFor(offering, prompt),
        beforeCreate: async () => {
          sentBefore.push(findSubmit(simulator.requests, prompt) !== undefined);
        },
      };
      await provider.submit(request);
      // Called exactly once, and the create request had not left yet when it was.
      expect(sentBefore).toEqual([false]);
      expect(findSubmit(simulator.requests, prompt)).toBeDefined();
    });

    it('stops before its create request when beforeCreate throws (the job was withdrawn)', async () => {
      if (provider.callsBeforeCreate !== true) return;
      const prompt = nextPrompt();
      const withdrawn = new Error('withdrawn');
      const request = {
        ...submitRequestFor(offering, prompt),
        beforeCreate: async () => {
          throw withdrawn;
        },
      };
      await expect(provider.submit(request)).rejects.toBe(withdrawn);
      expect(findSubmit(simulator.requests, prompt)).toBeUndefined();
    });

    it('keeps the operation usable after a JSON round-trip', async () => {
      const { operation } = await provider.submit(submitRequestFor(offering, nextPrompt()));
      const revived = JSON.parse(JSON.stringify(operation));
      const { final } = await pollUntilDone(provider, revived);
      expect(final.status).toBe('succeeded');
    });

    it('reports an in-band failure as failed, with the provider message', async () => {
      simulator.setNextOutcome('fail');
      const { operation } = await provider.submit(submitRequestFor(offering, nextPrompt()));
      const { final } = await pollUntilDone(provider, operation);
      expect(final.status).toBe('failed');
      if (final.status === 'failed') expect(final.error.message.length).toBeGreaterThan(0);
    });

    it.each([
      { status: 429, retryable: true },
      { status: 503, retryable: true },
      { status: 400, retryable: false },
    ])('classifies an HTTP $status on submit (retryable: $retryable)', async ({ status, retryable }) => {
      if (status === 429)
        simulator.injectFault({ route: 'POST *', fault: { kind: 'rate-limit', retryAfterSeconds: 7 } });
      else
        simulator.injectFault({
          route: 'POST *',
          fault: { kind: 'status', status, body: { detail: `injected ${status}` } },
        });
      const error = await provider
        .submit(submitRequestFor(offering, nextPrompt()))
        .catch((caught: unknown) => caught);
      expect(UpstreamError.isInstance(error)).toBe(true);
      const upstream = error as UpstreamError;
      expect(upstream.statusCode).toBe(status);
      expect(upstream.isRetryable).toBe(retryable);
      expect(upstream.nothingCreated).toBe(true);
      if (status === 429) expect(upstream.retryAfterMs).toBe(7000);
      expect(
        JSON.stringify({ message: upstream.message, body: upstream.responseBody, url: upstream.url }),
      ).not.toContain(simulator.apiKey);
    });

    it('honours an abort signal', async () => {
      // The answer would come after the test timeout: only an honoured abort lets this test pass.
      simulator.injectFault({ route: 'POST *', fault: { kind: 'delay', ms: 60_000 } });
      const controller = new AbortController();
      const pending = provider.submit(submitRequestFor(offering, nextPrompt()), {
        abortSignal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error('caller gave up')), 50);
      await expect(pending).rejects.toBeDefined();
    });

    it('sends credentials to its own API and never to output URLs', async () => {
      const { operation } = await provider.submit(submitRequestFor(offering, nextPrompt()));
      const { final } = await pollUntilDone(provider, operation);
      const outputs = final.status === 'succeeded' ? final.outputs : [];
      await readAll(
        (await openOutput({ provider, operation, outputs, trustedOrigins: [simulator.origin] })).body,
      );
      const outputUrls = new Set(
        outputs.flatMap((output) => (output.url ? [new URL(output.url).pathname] : [])),
      );
      for (const request of simulator.requests) {
        const credential = credentialOf(request);
        if (outputUrls.has(request.path)) expect(credential).toBeUndefined();
        else expect(credential).toContain(simulator.apiKey);
      }
    });

    it('passes unknown parameters through', async () => {
      const prompt = nextPrompt();
      await provider
        .submit(submitRequestFor(offering, prompt, { extra: { reelay_contract_probe: 'kept' } }))
        .catch(() => undefined);
      const submit = findSubmit(simulator.requests, prompt);
      expect(submit).toBeDefined();
      expect(
        requestContains(submit!, (key, value) => key === 'reelay_contract_probe' && value === 'kept'),
      ).toBe(true);
    });

    it('reports what it cannot honour as warnings, not errors', () => {
      for (const candidate of provider.offerings.filter(generates)) {
        const normalized = matchRequest(candidate, {
          hasImage: imageOnly(candidate),
          size: '1001x999',
          seconds: 7.3,
          audio: true,
          extra: {},
        });
        expect(normalized.warnings.length).toBeGreaterThan(0);
        expect(
          normalized.report.some((entry) => entry.action === 'snapped' || entry.action === 'dropped'),
        ).toBe(true);
      }
    });

    it('accepts an image-to-video request on every offering that declares the mode', async () => {
      for (const candidate of provider.offerings.filter((item) =>
        item.capabilities.modes.includes('image-to-video'),
      )) {
        const prompt = `image ${candidate.model}`;
        const result = await provider.submit(submitRequestFor(candidate, prompt, { withImage: true })).then(
          () => 'accepted',
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        expect(`${candidate.model}: ${result}`).toBe(`${candidate.model}: accepted`);
        const submit = findSubmit(simulator.requests, prompt);
        const field = candidate.capabilities.image?.field ?? 'image';
        expect(submit && requestContains(submit, (key) => key === field)).toBe(true);
      }
    });

    it('has every declared size and duration accepted by the provider', async () => {
      for (const candidate of provider.offerings.filter(generates)) {
        for (const request of declaredRequests(candidate)) {
          const result = await provider
            .submit(
              submitRequestFor(candidate, `declared ${candidate.model} ${request.label}`, {
                ...request,
                withImage: imageOnly(candidate),
              }),
            )
            .then(
              () => 'accepted',
              (error: unknown) => (error instanceof Error ? error.message : String(error)),
            );
          expect(`${candidate.model} ${request.label}: ${result}`).toBe(
            `${candidate.model} ${request.label}: accepted`,
          );
        }
      }
    });
  });
}

/**
 * Offerings that make a new video from a prompt or an image. One that only extends or edits a video (Runway
 * Aleph 2) needs a source video, which these generic scenarios do not have; its plugin tests it with one.
 */
function generates(offering: VideoOffering): boolean {
  return offering.capabilities.modes.some((mode) => mode === 'text-to-video' || mode === 'image-to-video');
}

/** An offering with no text-to-video mode (Runway Gen-4 Turbo) is probed with a first frame. */
function imageOnly(offering: VideoOffering): boolean {
  return !offering.capabilities.modes.includes('text-to-video');
}
