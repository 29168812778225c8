/** `https://api.example.com/v1/` → `https://api.example.com/v1`, so paths can be appended with `/…`. */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
