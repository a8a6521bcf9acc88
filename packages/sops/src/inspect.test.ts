import { beforeAll, describe, expect, it } from 'vitest';
import { newX25519Identity } from '../test/identities.js';
import type { TestIdentity } from '../test/identities.js';
import { HAVE_VECTORS, readVector } from '../test/vectors.js';
import { inspectSopsDocument, inspectSopsFile } from './inspect.js';
import type { InspectionResult } from './inspect.js';
import { encryptSopsFile } from './operations/encrypt.js';

const PASSWORD = 'supersecret';
const PASSWORD_B64 = Buffer.from(PASSWORD).toString('base64');
const TOKEN = 'hunter2-token';
const TOKEN_B64 = Buffer.from(TOKEN).toString('base64');
const K8S_RULE = { encryptedRegex: '^(data|stringData)$' };

const lastApplied = JSON.stringify({
  apiVersion: 'v1',
  data: { password: PASSWORD_B64 },
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'apps' },
  type: 'Opaque',
});

const SECRET_WITH_LAST_APPLIED = `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: apps
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      ${lastApplied}
type: Opaque
data:
  password: ${PASSWORD_B64}
`;

const PLAIN_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: plain
stringData:
  token: ${TOKEN}
data:
  password: ${PASSWORD_B64}
  empty: ""
`;

let key: TestIdentity;
const results: InspectionResult[] = [];

async function encrypt(text: string, selectors: Record<string, string> = K8S_RULE): Promise<string> {
  return encryptSopsFile(text, { file: 'secret.yaml', rule: { keyGroups: [{ age: [key.identity.recipient] }], selectors } });
}

function keep(result: InspectionResult): InspectionResult {
  results.push(result);
  return result;
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

beforeAll(async () => {
  key = await newX25519Identity();
});

describe('inspectSopsDocument', () => {
  it('finds the last-applied-configuration copy of the data, with its line', async () => {
    const text = await encrypt(SECRET_WITH_LAST_APPLIED);
    const result = keep(inspectSopsDocument(text, { file: 'apps/db/secret.yaml' }));
    expect(result.status).toBe('encrypted');
    expect(result.encryptedFields.map((f) => f.path)).toEqual([['data', 'password']]);
    const leak = result.findings.find((f) => f.kind === 'last-applied-configuration-leak');
    expect(leak).toBeDefined();
    expect(leak!.path).toEqual(['metadata', 'annotations', 'kubectl.kubernetes.io/last-applied-configuration']);
    expect(leak!.innerPaths).toEqual([['data', 'password']]);
    expect(leak!.line).toBe(lineOf(text, 'kubectl.kubernetes.io/last-applied-configuration'));
    expect(leak!.line).toBeGreaterThan(1);
  });

  it('finds stringData in clear beside encrypted data', async () => {
    const encrypted = await encrypt(PLAIN_SECRET.replace(/stringData:\n {2}token: .*\n/, ''));
    // Someone adds a key after encrypting, in clear.
    const text = encrypted.replace('sops:\n', `stringData:\n    token: ${TOKEN}\nsops:\n`);
    const result = keep(inspectSopsDocument(text));
    expect(result.status).toBe('encrypted');
    const inClear = result.findings.filter((f) => f.kind === 'secret-value-in-clear');
    expect(inClear.map((f) => f.path)).toEqual([['stringData', 'token']]);
    expect(inClear[0]!.line).toBe(lineOf(text, '    token:'));
    // sops leaves empty strings as they are: nothing to encrypt.
    expect(result.encryptedFields.map((f) => f.path)).toEqual([['data', 'password']]);
    expect(result.unencryptedFields.map((f) => f.path)).toContainEqual(['data', 'empty']);
  });

  it('finds encrypted apiVersion, kind and metadata fields (Flux cannot apply them)', async () => {
    const text = await encrypt(PLAIN_SECRET, {});
    const result = keep(inspectSopsDocument(text));
    const structural = result.findings.filter((f) => f.kind === 'structural-field-encrypted').map((f) => f.path);
    expect(structural).toEqual([['apiVersion'], ['kind'], ['metadata', 'name']]);
    expect(result.kind).toBeUndefined();
    expect(result.sops?.selectors).toEqual({ unencryptedSuffix: '_unencrypted' });
  });

  it('reports a Secret without a sops block as plaintext, field by field', () => {
    const result = keep(inspectSopsDocument(PLAIN_SECRET, { file: 'plain.yaml' }));
    expect(result.status).toBe('plaintext');
    expect(result.sops).toBeUndefined();
    expect(result.name).toBe('plain');
    const plaintext = result.findings.filter((f) => f.kind === 'secret-plaintext');
    expect(plaintext.map((f) => [f.path, f.line])).toEqual([
      [['stringData', 'token'], 6],
      [['data', 'password'], 8],
    ]);
  });

  it('reports plaintext data in a Secret that has a sops block', async () => {
    const encrypted = await encrypt(PLAIN_SECRET, { encryptedRegex: '^stringData$' });
    const result = keep(inspectSopsDocument(encrypted));
    expect(result.findings.filter((f) => f.kind === 'secret-value-in-clear').map((f) => f.path)).toEqual([['data', 'password']]);
  });

  it('summarizes the sops metadata without a key', async () => {
    const text = await encrypt(PLAIN_SECRET);
    const result = inspectSopsDocument(text);
    expect(result.sops).toMatchObject({
      version: '3.13.2',
      recipients: [{ type: 'age', id: key.identity.recipient, group: 0 }],
      keyGroupCount: 1,
      selectors: K8S_RULE,
      macOnlyEncrypted: false,
      hasMac: true,
      problems: [],
    });
    expect(result.sops?.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(result.unencryptedFields.map((f) => f.path)).toEqual([['apiVersion'], ['kind'], ['metadata', 'name'], ['data', 'empty']]);
  });

  it('flags a value the file rules say is encrypted but is in clear', async () => {
    const text = (await encrypt('config:\n  password: x\n', {})).replace('sops:\n', 'extra: added-later\nsops:\n');
    const result = inspectSopsDocument(text);
    expect(result.status).toBe('encrypted');
    expect(result.kind).toBeUndefined();
    expect(result.findings.map((f) => [f.kind, f.path])).toEqual([['value-not-encrypted', ['extra']]]);
  });

  it('inspects every document of a multi-document file with file line numbers', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n---\n${PLAIN_SECRET}`;
    const all = inspectSopsFile(text, { file: 'multi.yaml' });
    expect(all.map((r) => r.status)).toEqual(['not-a-secret', 'plaintext']);
    expect(all[0]!.findings).toEqual([]);
    expect(all[1]!.line).toBe(8);
    expect(all[1]!.findings[0]!.line).toBe(8 + 5);
    expect(inspectSopsDocument(text, { documentIndex: 1 }).name).toBe('plain');
  });

  it('tells sops metadata whose encrypted_regex is no regular expression as invalid metadata, without throwing (a fuzzing find)', async () => {
    const text = (await encrypt('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  a: eA==\n', { encryptedRegex: '^(data|stringData)$' })).replace('encrypted_regex: ^(data|stringData)$', 'encrypted_regex: ^(data');
    expect(text).toContain('encrypted_regex: ^(data\n');
    const result = inspectSopsDocument(text);
    // Told among the metadata's problems, as any other malformed metadata is; the leaves are not judged by a rule that does not compile.
    expect(JSON.stringify(result)).toContain('sops metadata: encrypted_regex is not a valid regular expression');
    expect(result.findings.filter((f) => f.kind === 'value-not-encrypted')).toEqual([]);
  });

  it('reports a syntax error without throwing', () => {
    const result = inspectSopsDocument('apiVersion: v1\nkind: Secret\ndata:\n  a: [unclosed\n');
    expect(result.parseError?.line).toBeGreaterThan(0);
  });

  it('contains none of the secret values once serialized', () => {
    expect(results.length).toBeGreaterThanOrEqual(5);
    const json = JSON.stringify(results);
    for (const secret of [PASSWORD, PASSWORD_B64, TOKEN, TOKEN_B64, lastApplied]) expect(json).not.toContain(secret);
    expect(json).not.toContain('ENC[');
  });
});

describe.skipIf(!HAVE_VECTORS)('inspecting real sops files', () => {
  it('reads version, recipients and encrypted fields of a Flux vector', () => {
    const result = inspectSopsDocument(readVector('flux-kustomize-controller/algorithms-age-pq.yaml'));
    expect(result.status).toBe('encrypted');
    expect(result.sops?.version).toBe('3.12.1');
    expect(result.sops?.recipients[0]?.id.startsWith('age1pq1')).toBe(true);
    expect(result.encryptedFields.map((f) => f.path)).toEqual([['stringData', 'key']]);
    expect(result.findings).toEqual([]);
  });

  it('treats a Secret whose data is a nested sops document as encrypted (Flux decrypts it)', () => {
    const result = inspectSopsDocument(readVector('flux-kustomize-controller/inside-secret.yaml'));
    expect(result.status).toBe('encrypted');
    expect(result.encryptedFields).toEqual([{ path: ['data', 'key'], line: 6, column: 3, nestedSops: true }]);
  });

  it('reads dotenv metadata', () => {
    const result = inspectSopsDocument(readVector('humphd-sops-age/secret.enc.env'), { file: 'secret.enc.env' });
    expect(result.sops?.recipients).toHaveLength(3);
    expect(result.sops?.version).toBe('3.8.1');
    expect(result.encryptedFields.map((f) => [f.path, f.line])).toEqual([
      [['secret'], 1],
      [['another_secret'], 2],
    ]);
  });
});
