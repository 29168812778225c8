import { parseStorageUrl } from '@reelay/engine';
import { z } from 'zod';
import { logLevels } from '../logging/log-levels';

/** Unset and empty mean the same: `<CREDENTIAL>= pnpm start` is a common way to switch a provider off. */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

const httpUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.example.com/v1' })
    .optional(),
);

const wholeNumber = (what: string, min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .string()
      .regex(/^\d+$/, `must be a whole number (${what})`)
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional(),
  );

const originList = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'each entry must be an http(s) origin' })))
    .optional(),
);

const webhookSecret = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be 'whsec_' followed by base64 (a Standard Webhooks secret)")
    .optional(),
);

const secretKey = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .min(32, 'must be at least 32 characters, e.g. the output of `openssl rand -base64 32`')
    .optional(),
);

const databaseUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\/\S+$/i,
      'must be a Postgres URL such as postgres://user:password@host:5432/reelay',
    )
    .optional(),
);

const storageUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .trim()
    .superRefine((url, context) => {
      const parsed = parseStorageUrl(url);
      if ('error' in parsed) context.addIssue({ code: 'custom', message: parsed.error });
    })
    .optional(),
);

/**
 * The environment variables the gateway itself reads. Names are fixed by DESIGN.md; operators and tests rely on
 * them. Provider variables are declared by each plugin (`plugin.env`) and read when the plugins load.
 */
export const envSchema = z.object({
  PORT: wholeNumber('a TCP port, 0 picks a free one', 0, 65_535),
  HOST: optionalText,
  REELAY_DATA_DIR: optionalText,
  REELAY_DATABASE_URL: databaseUrl,
  REELAY_SANDBOX: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z
      .enum(['1', '0', 'true', 'false'], { error: 'must be 1 (force sandbox) or 0 (never sandbox)' })
      .transform((value) => value === '1' || value === 'true')
      .optional(),
  ),
  REELAY_CONFIG: optionalText,
  REELAY_LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
    z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).optional(),
  ),
  REELAY_ALLOW_PRIVATE_ORIGINS: originList,
  REELAY_RETENTION_HOURS: wholeNumber('hours', 1, 24 * 365),
  REELAY_JOB_DEADLINE_MINUTES: wholeNumber('minutes', 1, 24 * 60),
  REELAY_TAKEOVER_SECONDS: wholeNumber('seconds', 1, 3600),
  REELAY_PUBLIC_URL: httpUrl,
  REELAY_WEBHOOK_SECRET: webhookSecret,
  REELAY_SECRET_KEY: secretKey,
  REELAY_STORAGE_URL: storageUrl,
  // The standard AWS variables, read for REELAY_STORAGE_URL only (unset keys: the SDK's own chain, e.g. a role).
  AWS_REGION: optionalText,
  AWS_ENDPOINT_URL_S3: httpUrl,
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  AWS_SESSION_TOKEN: optionalText,
});

export type GatewayEnv = z.output<typeof envSchema>;
