import { claimsKept, oidcMappingSchema, principalFromClaims } from '../../server/auth/oidc-mapping';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const mapping = oidcMappingSchema.parse({
  rules: [
    { claim: 'groups', equals: 'bf-sekr-sn', role: 'namndsekreterare', kommunkod: '0180', namnder: ['SN'] },
    { claim: 'roles', equals: 'firmatecknare', role: 'lasare', kommunkodClaim: 'kommun', signingRight: { title: 'Kommundirektör' } },
    { claim: 'groups', equals: 'skr-admin', role: 'skr_admin' },
  ],
});

test('the first matching rule gives role, municipality, nämnder and signing right; the user id is oidc:<sub>', () => {
  expect(principalFromClaims(mapping, { sub: 'u1', name: 'Sara', email: 'sara@x.se', groups: ['a', 'bf-sekr-sn'] })).toEqual({
    userId: 'oidc:u1',
    name: 'Sara',
    role: 'namndsekreterare',
    kommunkod: '0180',
    namnder: ['SN'],
    email: 'sara@x.se',
  });
  expect(principalFromClaims(mapping, { sub: 'u2', preferred_username: 'karin', roles: 'firmatecknare', kommun: '1480' })).toMatchObject({
    role: 'lasare',
    kommunkod: '1480',
    signingRight: { title: 'Kommundirektör' },
    name: 'karin',
  });
  expect(principalFromClaims(mapping, { sub: 'u3', groups: ['skr-admin'], kommun: '0180' })).toMatchObject({ role: 'skr_admin' });
});

test('no matching rule, no subject, or a municipality that is not a kommunkod: no principal', () => {
  expect(principalFromClaims(mapping, { sub: 'u1', groups: ['alla'] })).toBeUndefined();
  expect(principalFromClaims(mapping, { groups: ['bf-sekr-sn'] })).toBeUndefined();
  expect(principalFromClaims(mapping, { sub: 'u2', roles: ['firmatecknare'], kommun: 'Stockholm' })).toBeUndefined();
  expect(principalFromClaims(mapping, { sub: 'u2', roles: ['firmatecknare'] })).toBeUndefined();
});

test('the session keeps only the claims the mapping reads', () => {
  expect(claimsKept(mapping, { sub: 's', name: 'N', groups: ['g', 3], at_hash: 'x', iss: 'i', kommun: '0180' })).toEqual({
    sub: 's',
    name: 'N',
    groups: ['g'],
    kommun: '0180',
  });
});

test('the committed config/oidc.json is valid', () => {
  expect(() => oidcMappingSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../../config/oidc.json'), 'utf8')))).not.toThrow();
  expect(oidcMappingSchema.safeParse({ rules: [{ claim: 'g', equals: 'x', role: 'lasare', kommunkod: '0180', kommunkodClaim: 'k' }] }).success).toBe(false);
});
