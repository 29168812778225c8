import { describe, expect, it } from 'vitest';
import { literalAddress, noMetadataAddresses, publicAddressesOnly } from './address-policy';

describe('publicAddressesOnly', () => {
  it.each<[string, boolean]>([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['172.32.0.1', true],
    ['100.128.0.1', true],
    ['2606:4700:4700::1111', true],
    ['64:ff9b::808:808', true],
    ['10.0.0.1', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['127.0.0.1', false],
    ['127.255.0.9', false],
    ['169.254.169.254', false],
    ['169.254.1.1', false],
    ['100.64.0.1', false],
    ['100.100.100.200', false],
    ['0.0.0.0', false],
    ['0.1.2.3', false],
    ['224.0.0.1', false],
    ['239.255.255.250', false],
    ['255.255.255.255', false],
    ['168.63.129.16', false],
    ['192.0.0.192', false],
    ['240.0.0.1', false],
    ['::', false],
    ['::1', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['fd00:ec2::254', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::a00:1', false],
    ['not-an-ip', false],
  ])('%s allowed: %s', (address, allowed) => {
    const reason = publicAddressesOnly(address);
    expect(reason === undefined).toBe(allowed);
    if (!allowed) expect(reason).toContain(address);
  });
});

describe('noMetadataAddresses', () => {
  it.each<[string, boolean]>([
    ['10.0.0.1', true],
    ['127.0.0.1', true],
    ['::1', true],
    ['169.254.169.254', false],
    ['fd00:ec2::254', false],
    ['::ffff:169.254.169.254', false],
  ])('%s allowed: %s', (address, allowed) => {
    expect(noMetadataAddresses(address) === undefined).toBe(allowed);
  });
});

describe('literalAddress', () => {
  it.each<[string, string | undefined]>([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['example.com', undefined],
    ['localhost', undefined],
  ])('%s', (hostname, expected) => {
    expect(literalAddress(hostname)).toBe(expected);
  });
});
