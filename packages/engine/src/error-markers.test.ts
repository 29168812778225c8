import * as core from '@reelay/core';
import * as pricing from '@reelay/pricing';
import * as providerUtils from '@reelay/provider-utils';
import { describe, expect, it } from 'vitest';
import * as engine from './index';

type ErrorClass = { name: string; prototype: object; isInstance(error: unknown): boolean };

/** One instance of every error class the packages export, by class name. A new class must be added here. */
const samples: Record<string, () => Error> = {
  ReelayError: () => new core.ReelayError({ message: 'm', type: 't', status: 500 }),
  InvalidRequestError: () => new core.InvalidRequestError({ param: 'size', message: 'm' }),
  InvalidOfferingError: () =>
    new core.InvalidOfferingError({ providerId: 'acme', offering: 'x', issues: [] }),
  LoadApiKeyError: () =>
    new core.LoadApiKeyError({ provider: 'acme', environmentVariableName: 'ACME_API_KEY' }),
  NoSuchModelError: () => new core.NoSuchModelError({ modelId: 'x', available: [] }),
  NoSuchProviderError: () => new core.NoSuchProviderError({ providerId: 'x', available: [] }),
  UnsupportedCapabilityError: () =>
    new core.UnsupportedCapabilityError({ message: 'm', param: 'size', supported: [] }),
  UpstreamError: () =>
    new core.UpstreamError({
      provider: 'acme',
      message: 'm',
      statusCode: 503,
      isRetryable: true,
      nothingCreated: true,
    }),
  VideoGenerationError: () => new core.VideoGenerationError('m', 'failed'),
  CatalogValidationError: () => new pricing.CatalogValidationError([{ path: 'p', message: 'm' }]),
  NoPriceError: () =>
    new pricing.NoPriceError({ provider: 'acme', model: 'x', message: 'm', param: 'model', priced: [] }),
  ContentTooLargeError: () =>
    new providerUtils.ContentTooLargeError({ url: 'https://a.example', maxBytes: 1 }),
  UnsafeUrlError: () => new providerUtils.UnsafeUrlError({ url: 'https://a.example', reason: 'r' }),
  UrlFetchError: () =>
    new providerUtils.UrlFetchError({ url: 'https://a.example', message: 'm', isRetryable: false }),
  WebhookVerificationError: () => new providerUtils.WebhookVerificationError('m'),
  NotFoundError: () => new engine.NotFoundError('m'),
  LimitExceededError: () =>
    new engine.LimitExceededError({
      message: 'm',
      type: 'rate_limit_error',
      code: 'rate_limited',
      retryAfterSeconds: 1,
      retryable: true,
    }),
};

const exported = [core, pricing, providerUtils, engine].flatMap((module) =>
  Object.values(module).filter(
    (value): value is ErrorClass =>
      typeof value === 'function' &&
      (value === core.ReelayError || value.prototype instanceof core.ReelayError),
  ),
);

describe('error classes', () => {
  it('has a sample of every exported error class', () => {
    expect(exported.map((errorClass) => errorClass.name).sort()).toEqual(Object.keys(samples).sort());
  });

  it.each(exported.map((errorClass) => [errorClass.name, errorClass] as const))(
    '%s recognises its own instances and its subclasses’, and nothing else',
    (_name, errorClass) => {
      expect(Object.hasOwn(errorClass, 'isInstance')).toBe(true);
      for (const [otherName, make] of Object.entries(samples)) {
        const instance = make();
        const isSubclass = instance instanceof (errorClass as unknown as new () => Error);
        expect({ [otherName]: errorClass.isInstance(instance) }).toEqual({ [otherName]: isSubclass });
      }
    },
  );

  it.each(Object.entries(samples))(
    '%s carries its own marker, as a second copy of core would see it',
    (name, make) => {
      const instance = make() as unknown as Record<symbol, unknown>;
      expect(instance[Symbol.for(name === 'ReelayError' ? 'reelay.error' : `reelay.error.${name}`)]).toBe(
        true,
      );
    },
  );
});
