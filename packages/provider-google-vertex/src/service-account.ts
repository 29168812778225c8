import { readFile } from 'node:fs/promises';
import { LoadApiKeyError } from '@reelay/core';
import { z } from 'zod';

/** The fields of a Google service-account key file that the JWT bearer flow needs. */
export const serviceAccountKeySchema = z.object({
  type: z.literal('service_account'),
  client_email: z.string().min(1),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
  token_uri: z.url({ protocol: /^https?$/ }).default('https://oauth2.googleapis.com/token'),
});

export type ServiceAccountKey = z.infer<typeof serviceAccountKeySchema>;

/**
 * Reads and checks the key file named by the `credentials` setting or `GOOGLE_APPLICATION_CREDENTIALS`. Errors
 * name the file and the problem, never its contents.
 */
export async function loadServiceAccountKey(path: string | undefined): Promise<ServiceAccountKey> {
  const file = path?.trim() || process.env['GOOGLE_APPLICATION_CREDENTIALS']?.trim();
  if (!file) {
    throw new LoadApiKeyError({
      provider: 'google-vertex',
      environmentVariableName: 'GOOGLE_APPLICATION_CREDENTIALS (a service-account JSON key file)',
    });
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(
      `google-vertex: cannot read the service-account key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). Point GOOGLE_APPLICATION_CREDENTIALS at the JSON key downloaded from the Cloud console.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`google-vertex: the service-account key file ${file} is not JSON.`);
  }
  const parsed = serviceAccountKeySchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'value').join(', ');
    throw new Error(
      `google-vertex: ${file} is not a service-account key (check ${fields}); create a JSON key for a service account.`,
    );
  }
  return parsed.data;
}
