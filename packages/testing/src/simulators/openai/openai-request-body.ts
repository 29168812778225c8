import type { SimulatorRequest } from '../shared';
import { OpenAIRequestError } from './openai-errors';

export type UploadedFile = { filename: string; contentType: string; data: Uint8Array };

/** A create or remix body read from JSON or multipart, before any field is checked. */
export type RawBody = {
  fields: Record<string, unknown>;
  files: Record<string, UploadedFile>;
  multipart: boolean;
};

const JSON_HINT =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

/** Reads the body the way the Videos API does: JSON or multipart, anything else refused. */
export function readRawBody(request: SimulatorRequest): RawBody {
  const contentType = request.contentType ?? '';
  if (contentType.includes('multipart/form-data')) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(request.form ?? {})) {
      if (typeof value === 'string') fields[key] = value;
    }
    return { fields, files: request.files, multipart: true };
  }
  if (contentType.includes('application/json') || (contentType === '' && request.rawBody.length === 0)) {
    if (request.rawBody.length === 0) return { fields: {}, files: {}, multipart: false };
    const json = request.json;
    if (json === undefined) throw new OpenAIRequestError(JSON_HINT, null, null);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new OpenAIRequestError(
        'Invalid type for body: expected an object, but got something else instead.',
        null,
        'invalid_type',
      );
    }
    return { fields: { ...json }, files: {}, multipart: false };
  }
  throw new OpenAIRequestError(
    `Unsupported content type: '${contentType}'. This API method only accepts 'application/json' and 'multipart/form-data' requests, but you specified the header 'Content-Type: ${contentType}'. Please try again with a supported content type.`,
    null,
    'unsupported_content_type',
  );
}

/** OpenAI refuses any parameter it does not know with 400 `unknown_parameter`. */
export function rejectUnknown(body: RawBody, known: readonly string[]): void {
  for (const key of [...Object.keys(body.fields), ...Object.keys(body.files)]) {
    if (!known.includes(key)) {
      throw new OpenAIRequestError(`Unknown parameter: '${key}'.`, key, 'unknown_parameter');
    }
  }
}
