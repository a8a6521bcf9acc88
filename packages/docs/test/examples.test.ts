import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, auditRepository } from '@kustodian/audit';
import { NodeFileSystem } from '@kustodian/manifest-model';
import { afterAll, describe, expect, it } from 'vitest';
import { planRepositoryDocs, staleFiles } from '../src/plan-docs.js';
import { cleanTemps, copyTree, EXAMPLES, lintProblems, run, snapshot } from './helpers.js';

afterAll(cleanTemps);

/** The committed docs of examples/, as planned from the committed manifests. */
const docs = planRepositoryDocs(new NodeFileSystem(EXAMPLES));
const secretsMd = readFileSync(join(EXAMPLES, 'SECRETS.md'), 'utf8');

/** The block of SECRETS.md under `### \`namespace/name\``, up to the next heading. */
function secretBlock(text: string, secret: string): string | undefined {
  const start = text.indexOf(`### \`${secret}\`\n`);
  if (start < 0) return undefined;
  const rest = text.slice(start + 4);
  const end = rest.search(/\n#{2,3} /);
  return (end < 0 ? rest : rest.slice(0, end)).replace(/\s+/g, ' ');
}

/** The section of a generated file between its markers. */
function section(text: string, name: string): string {
  const begin = `<!-- kustodian:begin ${name} -->`;
  const start = text.indexOf(begin);
  const end = text.indexOf(`<!-- kustodian:end ${name} -->`);
  expect(start, `section ${name}`).toBeGreaterThanOrEqual(0);
  return text.slice(start + begin.length, end).replace(/\s+/g, ' ');
}

describe('the committed docs of examples/', () => {
  it('are up to date: check passes on the committed state and writes nothing', async () => {
    expect(staleFiles(docs.files).map((f) => f.path)).toEqual([]);
    const before = snapshot(EXAMPLES);
    const { code, out, err } = await run('check', '--repo', EXAMPLES);
    expect(err).toBe('');
    expect(out).toMatch(/^\d+ docs files are up to date\.\n$/);
    expect(code).toBe(0);
    expect(snapshot(EXAMPLES)).toEqual(before);
  });

  it('are a README in every folder under the default roots that Flux applies, in the other folders a Flux Kustomization applies, and SECRETS.md', () => {
    expect(docs.files.map((f) => f.path)).toEqual([
      'SECRETS.md',
      'applications/linkding/README.md',
      'applications/paperless/README.md',
      // Applied by flux-system/infrastructure, under no default root.
      'infrastructure/README.md',
      'platform/authelia/README.md',
      'platform/cert-manager/README.md',
      'platform/longhorn/README.md',
      'platform/monitoring/README.md',
      'platform/namespaces/README.md',
      'platform/postgresql/README.md',
      'platform/redis/README.md',
      'platform/registry/README.md',
      'platform/secrets/README.md',
      'platform/traefik/README.md',
    ]);
    // Not applied by anything (planted defects 8 and 13): no README.
    expect(docs.files.some((f) => f.path.startsWith('platform/postgresql-new/') || f.path.startsWith('infrastructure/system-upgrade/'))).toBe(false);
  });

  it('pass markdownlint with its default rules', () => {
    const files = Object.fromEntries(docs.files.map((f) => [f.path, readFileSync(join(EXAMPLES, f.path), 'utf8')]));
    expect(lintProblems(files)).toEqual([]);
  });

  it('do not change what the audit reports about examples/', () => {
    const bare = copyTree(EXAMPLES);
    for (const f of docs.files) writeFileSync(join(bare, f.path), '# placeholder\n');
    const findings = (dir: string) => auditRepository(new NodeFileSystem(dir), { rules: allRules }).result.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`);
    expect(findings(EXAMPLES)).toEqual(findings(bare));
  });
});

describe('SECRETS.md of examples/', () => {
  // The inventory of examples/README.md ("Secrets"): where each Secret is defined and who uses it.
  const expected: { secret: string; defined: string[]; stored: string; users: string[] }[] = [
    { secret: 'auth/authelia-secrets', defined: ['SOPS file `platform/authelia/authelia-secrets.sops.yaml`'], stored: 'SOPS-encrypted', users: ['HelmRelease `auth/authelia` through `spec.valuesFrom[0].name`'] },
    { secret: 'auth/smtp-credentials', defined: ['SOPS file `platform/secrets/smtp-credentials.sops.yaml`'], stored: 'SOPS-encrypted', users: [] },
    {
      secret: 'cert-manager/cloudflare-api-token',
      defined: ['SOPS file `platform/cert-manager/issuers/cloudflare-api-token.sops.yaml`'],
      stored: 'SOPS-encrypted',
      users: ['ClusterIssuer `letsencrypt-prod` through `spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.name`', 'ClusterIssuer `letsencrypt-staging` through `spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.name`'],
    },
    { secret: 'cert-manager/letsencrypt-prod-account-key', defined: ['cert-manager, for ClusterIssuer `letsencrypt-prod` in `platform/cert-manager/issuers/clusterissuer.yaml:31`'], stored: 'not in git', users: [] },
    { secret: 'cert-manager/letsencrypt-staging-account-key', defined: ['cert-manager, for ClusterIssuer `letsencrypt-staging` in `platform/cert-manager/issuers/clusterissuer.yaml:14`'], stored: 'not in git', users: [] },
    {
      secret: 'database/postgresql-superuser',
      defined: ['SOPS file `platform/postgresql/postgresql-superuser.sops.yaml`'],
      stored: 'SOPS-encrypted',
      users: ['StatefulSet `database/postgresql` through `spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name`', 'StatefulSet `database/postgresql` through `spec.template.spec.containers[1].env[2].valueFrom.secretKeyRef.name`', 'CronJob `database/postgresql-backup`'],
    },
    { secret: 'database/redis-auth', defined: ['SOPS file `platform/secrets/redis-auth.sops.yaml`'], stored: 'SOPS-encrypted', users: ['Deployment `database/redis` through `spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name`'] },
    { secret: 'flux-system/flux-system', defined: ['a command in `scripts/bootstrap.sh:25`'], stored: 'not in git', users: ['GitRepository `flux-system/flux-system` through `spec.secretRef.name`'] },
    {
      secret: 'flux-system/sops-age',
      defined: ['a command in `scripts/bootstrap.sh:20`'],
      stored: 'not in git',
      // Every Flux Kustomization with spec.decryption.
      users: ['authelia', 'cert-manager-issuers', 'flux-system', 'linkding', 'longhorn', 'monitoring', 'paperless', 'platform-secrets', 'postgresql'].map((ks) => `Kustomization \`flux-system/${ks}\` through \`spec.decryption.secretRef.name\``),
    },
    { secret: 'linkding/linkding-secrets', defined: ['SOPS file `applications/linkding/linkding-secrets.sops.yaml`'], stored: 'SOPS-encrypted', users: ['Deployment `linkding/linkding` through `spec.template.spec.containers[0].envFrom[0].secretRef.name`'] },
    {
      secret: 'longhorn-system/longhorn-backup-credentials',
      defined: ['SOPS file `platform/longhorn/longhorn-backup-credentials.sops.yaml`'],
      stored: 'SOPS-encrypted',
      users: ['HelmRelease `longhorn-system/longhorn` through `spec.values.defaultSettings.backupTargetCredentialSecret`'],
    },
    { secret: 'observability/grafana-admin', defined: ['SOPS file `platform/monitoring/grafana-admin.sops.yaml`'], stored: 'SOPS-encrypted', users: ['HelmRelease `observability/kube-prometheus-stack` through `spec.valuesFrom[0].name`'] },
    { secret: 'paperless/paperless-secrets', defined: ['SOPS file `applications/paperless/paperless-secrets.sops.yaml`'], stored: 'SOPS-encrypted', users: ['Deployment `paperless/paperless` through `spec.template.spec.containers[0].envFrom[1].secretRef.name`'] },
    { secret: 'registry/registry-secrets', defined: ['manifest `platform/registry/registry-secrets.yaml:2`'], stored: 'in plaintext in git', users: ['Deployment `registry/registry` through `spec.template.spec.containers[0].envFrom[0].secretRef.name`'] },
    { secret: 'traefik/wildcard-tls', defined: ['cert-manager, for Certificate `traefik/wildcard` in `platform/traefik/config/certificate.yaml:8`'], stored: 'not in git', users: ['TLSStore `traefik/default` through `spec.defaultCertificate.secretName`'] },
  ];

  it('lists exactly the Secrets that are defined somewhere, in order', () => {
    const headings = [...secretsMd.matchAll(/^### `([^`]+)`$/gm)].map((m) => m[1]);
    expect(headings).toEqual(expected.map((e) => e.secret));
    // The two planted undefined Secrets are not in the inventory: they have their own section.
    expect(headings).not.toContain('linkding/linkding-oidc');
    expect(headings).not.toContain('database/postgresql-backup-s3');
  });

  it.each(expected)('gives $secret its definition, storage and users', ({ secret, defined, stored, users }) => {
    const block = secretBlock(secretsMd, secret)!;
    expect(block).toBeDefined();
    const definedBy = /Defined by: (.*?) - Stored/.exec(block)?.[1];
    for (const d of defined) expect(definedBy).toContain(d);
    expect(block).toContain(`Stored: ${stored}`);
    for (const u of users) expect(block).toContain(u);
    if (users.length === 0) expect(block).toMatch(/Used by: (nothing|no object but the one that writes it)/);
  });

  it('gives SOPS recipients and last-modified times, and key names without values', () => {
    const block = secretBlock(secretsMd, 'database/postgresql-superuser')!;
    expect(block).toContain('for `age1zufcctnzv63qtucsn9tned6ffdtgc8v6y9zsfx828rqf8mcnn4kqf7t3qy`');
    expect(block).toMatch(/last modified `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`/);
    expect(block).toContain('Keys: `password`, `username`.');
    // The fake values of the plaintext Secret (platform/registry/registry-secrets.yaml) appear nowhere.
    const plaintext = readFileSync(join(EXAMPLES, 'platform/registry/registry-secrets.yaml'), 'utf8');
    for (const value of [...plaintext.matchAll(/^\s+REGISTRY_[A-Z_]+:\s*"?([^"\n]+)"?$/gm)].map((m) => m[1]!.trim())) {
      expect(value.length).toBeGreaterThan(3);
      for (const f of docs.files) expect(f.after).not.toContain(value);
    }
  });

  it('lists the planted undefined and unused Secrets in their sections, as the audit reports them', () => {
    const undefinedSection = section(secretsMd, 'undefined');
    expect(undefinedSection).toContain('`linkding/linkding-oidc` at `applications/linkding/deployment.yaml:42`');
    expect(undefinedSection).toContain('`database/postgresql-backup-s3` at `platform/postgresql/backup-cronjob.yaml:51`');
    const unusedSection = section(secretsMd, 'unused');
    expect(unusedSection).toContain('`auth/smtp-credentials` at `platform/secrets/smtp-credentials.sops.yaml:4`');
    // The same findings as `kustodian audit`.
    const audit = auditRepository(new NodeFileSystem(EXAMPLES), { rules: allRules }).result.findings;
    const where = (rule: string) => audit.filter((f) => f.ruleId === rule).map((f) => `${f.location.file}:${f.location.line}`);
    expect(docs.inventory.undefined.map((u) => `${u.finding.location.file}:${u.finding.location.line}`)).toEqual(where('secret-undefined'));
    expect(docs.inventory.unused.map((f) => `${f.location.file}:${f.location.line}`)).toEqual(where('secret-unused'));
    expect(section(secretsMd, 'summary')).toContain('2 referenced but defined nowhere; 1 defined but unused.');
  });

  it('explains how to add, rotate and re-key a Secret with kustodian secrets', () => {
    const howto = section(secretsMd, 'howto');
    for (const command of ['kustodian secrets import', 'kustodian secrets set', 'kustodian secrets rotate', 'kustodian secrets updatekeys']) expect(howto).toContain(command);
  });
});
