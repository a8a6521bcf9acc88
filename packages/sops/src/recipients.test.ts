import { describe, expect, it } from 'vitest';
import { parseSopsConfig, findCreationRule } from './creation-rules.js';
import { metadataRecipientKeys, recipientDrift, ruleRecipientKeys, showRecipient } from './recipients.js';

const AGE_A = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const AGE_B = 'age1zufcctnzv63qtucsn9tned6ffdtgc8v6y9zsfx828rqf8mcnn4kqf7t3qy';
const PGP = 'FBC7B9E2A4F9289AC0C1D4843D16CEE4A27381B4';

const rule = (yaml: string) => findCreationRule(parseSopsConfig(yaml, { directory: '/', file: '.sops.yaml' }), '/a.sops.yaml');

describe('recipient drift', () => {
  it('compares the age and PGP keys of a file with those of its creation rule', () => {
    const r = rule(`creation_rules:\n  - age: ${AGE_A},${AGE_B}\n    pgp: ${PGP}\n`);
    expect(ruleRecipientKeys(r)).toEqual([`age ${AGE_A}`, `age ${AGE_B}`, `pgp ${PGP}`]);
    const file = { recipients: [{ type: 'age', id: AGE_A, group: 0 }], keyGroupCount: 1 };
    expect(metadataRecipientKeys(file)).toEqual([`age ${AGE_A}`]);
    expect(recipientDrift(file, r)).toEqual({ missing: [`age ${AGE_B}`, `pgp ${PGP}`], extra: [], regrouped: false });
  });

  it('names the keys of the file that the rule no longer lists, and ignores KMS keys', () => {
    const r = rule(`creation_rules:\n  - age: ${AGE_A}\n    kms: arn:aws:kms:eu-west-1:111122223333:key/k\n`);
    const file = { recipients: [{ type: 'age', id: AGE_A, group: 0 }, { type: 'pgp', id: PGP, group: 0 }, { type: 'kms', id: 'arn:aws:kms:eu-west-1:111122223333:key/k', group: 0 }], keyGroupCount: 1 };
    expect(recipientDrift(file, r)).toEqual({ missing: [], extra: [`pgp ${PGP}`], regrouped: false });
  });

  it('tells the same recipients split into another number of key groups', () => {
    const r = rule(`creation_rules:\n  - key_groups:\n      - age: [${AGE_A}]\n      - age: [${AGE_B}]\n`);
    const file = { recipients: [{ type: 'age', id: AGE_A, group: 0 }, { type: 'age', id: AGE_B, group: 0 }], keyGroupCount: 1 };
    expect(recipientDrift(file, r)).toEqual({ missing: [], extra: [], regrouped: true });
    expect(recipientDrift({ ...file, keyGroupCount: 2 }, r).regrouped).toBe(false);
  });

  it('shows an age key as the recipient alone and a PGP key with its kind', () => {
    expect(showRecipient(`age ${AGE_A}`)).toBe(AGE_A);
    expect(showRecipient(`pgp ${PGP}`)).toBe(`pgp ${PGP}`);
  });
});
