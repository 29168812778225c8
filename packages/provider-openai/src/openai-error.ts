import { booleanHeader, createErrorParser, isRecord, stringField } from '@reelay/provider-utils';

/**
 * OpenAI's `{error:{message,type,param,code}}`. `x-should-retry: true|false` overrides the status-based
 * retry default, as the official SDK does.
 */
export const parseOpenAIError = createErrorParser((body, { headers }) => {
  const error = isRecord(body) ? body['error'] : undefined;
  const isRetryable = booleanHeader(headers, 'x-should-retry');
  if (typeof error === 'string') return { detail: error, isRetryable };
  if (!isRecord(error)) return { isRetryable };

  const message = stringField(error, 'message');
  const param = stringField(error, 'param');
  const detail =
    message !== undefined && param !== undefined && !message.includes(param)
      ? `${message} (param: ${param})`
      : (message ?? (param !== undefined ? `invalid parameter ${param}` : undefined));
  const code = error['code'];
  return {
    detail,
    providerCode:
      (typeof code === 'number' ? String(code) : stringField(error, 'code')) ?? stringField(error, 'type'),
    param,
    isRetryable,
  };
});
