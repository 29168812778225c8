/** POSTs a signed webhook delivery to `url`, as the provider's sender would; resolves with the receiver's status. */
export async function postDelivery(
  url: string,
  delivery: { headers: Record<string, string>; rawBody: Uint8Array },
): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.rawBody });
  await response.arrayBuffer();
  return response.status;
}
