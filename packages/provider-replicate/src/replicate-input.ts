import { type JsonObject, type SubmitRequest, UnsupportedCapabilityError } from '@reelay/core';
import { imageAsUri } from '@reelay/provider-utils';

/**
 * The prediction's `input`: the prompt, the fields matching decided (already in Replicate's names and
 * types), passed-through parameters, and the first-frame image under the model's own field.
 */
export function buildInput(request: SubmitRequest): JsonObject {
  const input: JsonObject = { prompt: request.prompt, ...request.body };
  if (request.image !== undefined) {
    const field = request.offering.capabilities.image?.field;
    if (field === undefined) {
      throw new UnsupportedCapabilityError({
        param: 'input_reference',
        message: `${request.offering.model} on Replicate makes video from text only.`,
        supported: request.offering.capabilities.modes,
      });
    }
    input[field] = imageAsUri(request.image);
  }
  return input;
}

const SECRET_FIELD = /api_?key|token|secret|password/i;

/** Whether an input field carries a credential (`openai_api_key`). */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** Input values that are credentials (`openai_api_key`), to keep out of errors. */
export function secretValues(input: JsonObject): string[] {
  return Object.entries(input)
    .filter(([name, value]) => isSecretField(name) && typeof value === 'string' && value.length >= 6)
    .map(([, value]) => value as string);
}
