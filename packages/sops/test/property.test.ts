/**
 * Property: random Kubernetes Secret documents (unicode keys and values,
 * nested maps, lists, integers, floats, booleans, nulls, comments) survive
 * YAML writing and reading, and encrypt → decrypt, unchanged.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgeIdentity } from '../src/crypto/age.js';
import { decryptSopsFile } from '../src/operations/decrypt.js';
import { encryptSopsFile } from '../src/operations/encrypt.js';
import { emitYaml } from '../src/stores/yaml-emitter.js';
import { parseYamlDocuments } from '../src/stores/yaml-store.js';
import { treeToPlain } from '../src/tree/plain-value.js';
import { branch, comment, isBranch, isComment, isList, item, list } from '../src/tree/tree.js';
import type { BranchEntry, ListEntry, SopsComment, TreeBranch, TreeValue } from '../src/tree/tree.js';
import { newX25519Identity } from './identities.js';

const INT64 = 2n ** 63n;

const commentArb: fc.Arbitrary<SopsComment> = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
  .map((s) => s.replace(/\s+/gu, ' ').trim())
  .filter((s) => s.length > 0)
  .map((s) => comment(` ${s}`));

const keyArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 10 })).filter((k) => k !== 'sops');

const scalarArb: fc.Arbitrary<TreeValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.constantFrom('true', '0x1F', '1e3', 'yes', '~', '- item', 'a: b', '#x', '2024-01-01', '<<', '', ' lead', 'trail ', 'two\nlines\n', '\n\nblank start'),
  fc.bigInt({ min: -INT64, max: INT64 - 1n }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((v) => !Number.isInteger(v)),
  fc.boolean(),
  fc.constant(null),
);

function withComments<T>(entries: readonly (readonly [SopsComment | null, T])[], trailing: SopsComment | null): (T | SopsComment)[] {
  const out: (T | SopsComment)[] = [];
  for (const [c, entry] of entries) {
    if (c) out.push(c);
    out.push(entry);
  }
  if (trailing) out.push(trailing);
  return out;
}

const { value: valueArb } = fc.letrec<{ value: TreeValue; map: TreeValue; list: TreeValue }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 3 }, scalarArb, tie('map'), tie('list')),
  map: fc
    .tuple(
      fc.uniqueArray(fc.tuple(keyArb, tie('value'), fc.option(commentArb)), { selector: ([k]) => k, maxLength: 4 }),
      fc.option(commentArb),
    )
    .map(([pairs, trailing]) => branch(withComments<BranchEntry>(pairs.map(([k, v, c]) => [c, item(k, v)] as const), trailing))),
  list: fc
    .tuple(fc.array(fc.tuple(tie('value'), fc.option(commentArb)), { maxLength: 4 }), fc.option(commentArb))
    .map(([values, trailing]) => list(withComments<ListEntry>(values.map(([v, c]) => [c, v] as const), trailing))),
}));

const secretArb = fc.record({
  head: fc.option(commentArb),
  name: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  data: fc.uniqueArray(fc.tuple(keyArb, fc.string({ unit: 'binary', maxLength: 30 })), { selector: ([k]) => k, maxLength: 4 }),
  stringData: fc.uniqueArray(fc.tuple(keyArb, valueArb, fc.option(commentArb)), { selector: ([k]) => k, maxLength: 5 }),
  selectors: fc.constantFrom<Record<string, string>>(
    { encryptedRegex: '^(data|stringData)$' },
    {},
    { unencryptedRegex: '^(apiVersion|kind|metadata|type)$' },
  ),
});

type SecretCase = typeof secretArb extends fc.Arbitrary<infer T> ? T : never;

function secretDocument(s: SecretCase): TreeBranch {
  return branch([
    ...(s.head ? [s.head] : []),
    item('apiVersion', 'v1'),
    item('kind', 'Secret'),
    item('metadata', branch([item('name', s.name)])),
    item('type', 'Opaque'),
    item('data', branch(s.data.map(([k, v]) => item(k, Buffer.from(v, 'utf8').toString('base64'))))),
    item('stringData', branch(withComments<BranchEntry>(s.stringData.map(([k, v, c]) => [c, item(k, v)] as const), null))),
  ]);
}

/** Comment texts in document order. */
function commentTexts(value: TreeValue | SopsComment): string[] {
  if (isComment(value)) return [value.text];
  if (isBranch(value)) return value.entries.flatMap((e) => (e.kind === 'comment' ? [e.text] : commentTexts(e.value)));
  if (isList(value)) return value.entries.flatMap((e) => commentTexts(e));
  return [];
}

let identity: AgeIdentity;

beforeAll(async () => {
  identity = (await newX25519Identity()).identity;
});

describe('property: random Secret documents round-trip', () => {
  it('through YAML text and through encrypt → decrypt', async () => {
    await fc.assert(
      fc.asyncProperty(secretArb, async (s) => {
        const doc = secretDocument(s);
        const text = emitYaml([doc]);
        const loaded = parseYamlDocuments(text);
        expect(loaded).toHaveLength(1);
        expect(treeToPlain(loaded[0]!)).toEqual(treeToPlain(doc));
        expect(commentTexts(loaded[0]!)).toEqual(commentTexts(doc));

        const encrypted = await encryptSopsFile(text, {
          file: 'secret.yaml',
          rule: { keyGroups: [{ age: [identity.recipient] }], selectors: s.selectors },
        });
        const decrypted = await decryptSopsFile(encrypted, { identities: [identity], file: 'secret.yaml' });
        expect(decrypted.macVerified).toBe(true);
        expect(decrypted.warnings).toEqual([]);
        expect(decrypted.documents).toEqual(loaded);
        expect(decrypted.text).toBe(emitYaml(loaded));
      }),
      { numRuns: 100 },
    );
  });
});
