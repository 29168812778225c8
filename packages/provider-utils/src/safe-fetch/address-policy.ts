import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Says why an address may not be connected to, or `undefined` when it may. */
export type AddressPolicy = (address: string) => string | undefined;

/** Cloud metadata endpoints, some of which sit in otherwise public ranges (Azure's 168.63.129.16). */
const metadataAddresses = new Set(
  [
    '169.254.169.254',
    '169.254.170.2',
    '169.254.169.123',
    '100.100.100.200',
    '168.63.129.16',
    '192.0.0.192',
    'fd00:ec2::254',
    'fd00:ec2::23',
  ].map((address) => ipaddr.parse(address).toNormalizedString()),
);

const rangeNames: Record<string, string> = {
  unspecified: 'an unspecified (0.0.0.0/8 or ::)',
  broadcast: 'a broadcast',
  multicast: 'a multicast',
  linkLocal: 'a link-local',
  loopback: 'a loopback',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10)',
  private: 'a private-network',
  uniqueLocal: 'a unique-local (fc00::/7)',
  reserved: 'a reserved',
};

/** Only public unicast addresses, never a metadata endpoint. IPv4 inside IPv6 is judged as IPv4. */
export const publicAddressesOnly: AddressPolicy = (address) => {
  const ip = parseAddress(address);
  if (ip === undefined) return `'${address}' is not an IP address`;
  if (metadataAddresses.has(ip.toNormalizedString())) return `${address} is a cloud metadata address`;
  const range = ip.range();
  if (range === 'unicast') return undefined;
  return `${address} is ${rangeNames[range] ?? `a special-purpose (${range})`} address`;
};

/** For `allowPrivateNetwork`: private ranges are fine, metadata endpoints still are not. */
export const noMetadataAddresses: AddressPolicy = (address) => {
  const ip = parseAddress(address);
  if (ip === undefined) return `'${address}' is not an IP address`;
  return metadataAddresses.has(ip.toNormalizedString())
    ? `${address} is a cloud metadata address`
    : undefined;
};

/** A literal IP as written in a URL host (`[::1]` included), else `undefined`. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) !== 0 ? bare : undefined;
}

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (isIP(address) === 0) return undefined;
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') return ip;
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  // NAT64 (64:ff9b::/96) embeds the IPv4 destination in the last 32 bits.
  if (v6.range() === 'rfc6052' && v6.parts[0] === 0x64 && v6.parts[1] === 0xff9b && v6.parts[2] === 0) {
    const high = v6.parts[6] ?? 0;
    const low = v6.parts[7] ?? 0;
    return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  return v6;
}
