/** The HMAC key of a Standard Webhooks secret: the base64 text after `whsec_`, decoded. */
export function standardWebhookKey(secret: string): Buffer {
  const key = Buffer.from(secret.trim().replace(/^whsec_/, ''), 'base64');
  if (key.length === 0) {
    throw new TypeError("The webhook secret is empty or not base64; it should look like 'whsec_…'.");
  }
  return key;
}
