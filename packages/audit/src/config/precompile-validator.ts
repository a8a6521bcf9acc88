/**
 * The validator of kustodian.yaml, compiled ahead of time: compiling the
 * schema with every rule's options is the dearest part of reading
 * kustodian.yaml (tens of milliseconds, on every run). `npx nx run
 * audit:rule-docs` writes config-validator.generated.ts from the schema of
 * the built-in rules; the audit uses it when the rules it is given have
 * exactly that schema (the fingerprint matches) and compiles one otherwise.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import type { JsonSchema } from '@kustodian/manifest-model';
import { CONFIG_VALIDATOR_OPTIONS, configSchemaFingerprint } from '@kustodian/manifest-model';

export const VALIDATOR_FILE = 'packages/audit/src/config/config-validator.generated.ts';

/** The source of config-validator.generated.ts for this schema. */
export function renderPrecompiledValidator(schema: JsonSchema, regenerate: string): string {
  const ajv = new Ajv({ ...CONFIG_VALIDATOR_OPTIONS, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  // A CommonJS module: its default export is module.exports, whose `default` is the function (or, bundled, the function itself).
  type Standalone = (compiler: Ajv, fn: ValidateFunction) => string;
  const loaded = standaloneModule as unknown as Standalone | { readonly default: Standalone };
  const toCode = typeof loaded === 'function' ? loaded : loaded.default;
  let body = toCode(ajv, validate);
  // ajv's standalone output exports `validate` itself and, even as ESM, requires its runtime helpers:
  // the file exports its own typed names, and counts code points itself.
  const prelude = '"use strict";export const validate = validate10;export default validate10;';
  if (!body.startsWith(prelude)) throw new Error(`ajv standalone output changed: it does not start with ${prelude}`);
  body = body.slice(prelude.length);
  body = body.replaceAll('require("ajv/dist/runtime/ucs2length").default', 'ucs2length');
  if (/\brequire\(/.test(body)) throw new Error(`ajv standalone output requires a runtime helper this file does not provide: ${/require\([^)]*\)/.exec(body)?.[0]}`);
  return [
    `// DO NOT EDIT: generated from the configuration schema of the built-in rules. Regenerate with \`${regenerate}\`.`,
    '/* eslint-disable */',
    '// @ts-nocheck',
    "import type { ValidateFunction } from 'ajv';",
    '',
    '/** sha256 of the schema this validator was compiled from (see configSchemaFingerprint). */',
    `export const SCHEMA_FINGERPRINT = '${configSchemaFingerprint(schema)}';`,
    '',
    '/** String length in code points, as JSON Schema counts it. */',
    'function ucs2length(text: string): number {',
    '  let n = 0;',
    '  for (const _ of text) n++;',
    '  return n;',
    '}',
    '',
    'export const validateConfig: ValidateFunction = validate10 as unknown as ValidateFunction;',
    '',
    body,
    '',
  ].join('\n');
}

