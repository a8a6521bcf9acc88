import { commandName, describeResource, findKubeCommands, findServiceUrls, grafanaDatasourceOf, isRecord, locateField, resourceKey } from '@kustodian/manifest-model';
import type { FieldPath, MarkdownContent, RepositoryModel, Resource, ShellHeredoc, ShellWord, YamlDocument } from '@kustodian/manifest-model';
import { serviceReferences, ServiceResolver, unresolvedServiceReport } from '../../charts/service-resolution.js';
import { defineRule } from '../../engine/define-rule.js';
import type { RuleReport } from '../../engine/rule-context.js';
import { dottedPath } from '../../report/wording.js';

const MESSAGES = {
  field: '{{resource}} refers to the retired namespace {{namespace}} in {{field}}.',
  kustomization: 'This kustomization sets {{field}} to the retired namespace {{namespace}}.',
  namespace: 'Namespace {{namespace}} is retired but still declared here.',
  serviceUrl: '{{resource}} points at {{url}}, a Service in the retired namespace {{namespace}}.',
  command: '`{{command}}` acts in the retired namespace {{namespace}} ({{how}}).',
  url: '{{url}} points at a Service in the retired namespace {{namespace}}.',
  yaml: 'This YAML sets {{key}} to the retired namespace {{namespace}}.',
  prose: 'The text names the retired namespace {{namespace}} ("{{text}}").',
} as const;
type Report = (report: RuleReport<typeof MESSAGES>) => void;

const NAMESPACE_KEY = /namespace/i;
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Every place in a YAML value that names one of the namespaces: a string under
 * a key containing "namespace" (`namespace`, `targetNamespace`,
 * `releaseNamespace` …), a list under such a key or under `matchNames`, the
 * `kubernetes.io/metadata.name` label of a namespace selector, and the values
 * of a `matchExpressions` entry on that label.
 */
function namespaceFields(value: unknown, namespaces: ReadonlySet<string>): { path: FieldPath; namespace: string }[] {
  const out: { path: FieldPath; namespace: string }[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const here = [...path, key];
      const namesNamespaces = NAMESPACE_KEY.test(key) || key === 'matchNames' || key === NAMESPACE_NAME_LABEL;
      if (namesNamespaces && typeof child === 'string' && namespaces.has(child)) out.push({ path: here, namespace: child });
      else if (namesNamespaces && Array.isArray(child)) {
        child.forEach((item, i) => {
          if (typeof item === 'string' && namespaces.has(item)) out.push({ path: [...here, i], namespace: item });
        });
      } else visit(child, here);
    }
    if (node['key'] === NAMESPACE_NAME_LABEL && Array.isArray(node['values'])) {
      node['values'].forEach((item, i) => {
        if (typeof item === 'string' && namespaces.has(item)) out.push({ path: [...path, 'values', i], namespace: item });
      });
    }
  };
  visit(value, []);
  return out;
}

/** The applied resources' source documents, each once. */
function appliedDocuments(model: RepositoryModel): { document: YamlDocument; resource: Resource }[] {
  const seen = new Set<string>();
  const out: { document: YamlDocument; resource: Resource }[] = [];
  for (const resource of model.resources) {
    if (resource.appliedBy.length === 0 || resource.origin.type !== 'document') continue;
    const doc = resource.origin.document;
    const key = `${doc.file}#${doc.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ document: doc, resource });
  }
  return out;
}

function checkManifests(model: RepositoryModel, retired: ReadonlySet<string>, report: Report, resolver: ServiceResolver): void {
  for (const { document, resource } of appliedDocuments(model)) {
    const what = describeResource({ kind: resource.kind, name: resource.name, namespace: undefined });
    if (resource.kind === 'Namespace' && resource.id.group === '' && retired.has(resource.name)) {
      report({ messageId: 'namespace', data: { namespace: resource.name }, location: locateField(document, ['metadata', 'name']), resource });
    }
    for (const { path, namespace } of namespaceFields(document.value, retired)) {
      report({ messageId: 'field', data: { resource: what, namespace, field: dottedPath(path) }, location: locateField(document, path), resource });
    }
  }
  for (const unit of model.units) {
    if (unit.kind !== 'kustomization' || unit.file === undefined || unit.appliedBy.length === 0) continue;
    for (const document of model.store.documents(unit.file) ?? []) {
      for (const { path, namespace } of namespaceFields(document.value, retired)) {
        report({ messageId: 'kustomization', data: { field: dottedPath(path), namespace }, location: locateField(document, path) });
      }
    }
  }
  // A Grafana datasource whose Service does not resolve is datasource-unresolved's finding (it names the datasource and where the Service is now).
  const datasources = new Set(
    serviceReferences(model)
      .filter((r) => {
        if (grafanaDatasourceOf(r.referrer, r.ref) === undefined) return false;
        const unresolved = unresolvedServiceReport(resolver, r);
        return unresolved !== undefined && unresolved.messageId !== 'unverifiable';
      })
      .map((r) => r.ref),
  );
  for (const ref of model.references.all) {
    if (ref.via !== 'service-url' || !ref.to.namespace || !retired.has(ref.to.namespace)) continue;
    if (datasources.has(ref)) continue;
    const from = model.find(ref.from).find((r) => r.appliedBy.length > 0);
    if (!from) continue;
    report({
      messageId: 'serviceUrl',
      data: { resource: describeResource({ kind: from.kind, name: from.name, namespace: undefined }), url: ref.detail ?? `${ref.to.name}.${ref.to.namespace}`, namespace: ref.to.namespace },
      location: ref.location,
      resource: from,
    });
  }
}

const YAML_NAMESPACE_LINE = /^\s*(?:-\s+)?(["']?)([\w./-]*namespace|kubernetes\.io\/metadata\.name)\1\s*:\s*["']?([a-z0-9-]+)["']?\s*(?:#.*)?$/i;

/** `namespace: x`-like lines of YAML held in a code block or a here-document. */
function checkYamlLines(file: string, lines: readonly string[], firstLine: number, retired: ReadonlySet<string>, report: Report): void {
  lines.forEach((line, i) => {
    const m = YAML_NAMESPACE_LINE.exec(line);
    if (m && retired.has(m[3]!)) {
      report({ messageId: 'yaml', data: { key: m[2]!, namespace: m[3]! }, location: { file, line: firstLine + i, column: line.indexOf(m[2]!) + 1 } });
    }
  });
}

function checkUrls(file: string, text: string, line: number, column: number, retired: ReadonlySet<string>, report: Report): void {
  for (const url of findServiceUrls(text)) {
    if (retired.has(url.namespace)) report({ messageId: 'url', data: { url: url.text, namespace: url.namespace }, location: { file, line, column: column + url.index } });
  }
}

function checkShell(model: RepositoryModel, retired: ReadonlySet<string>, report: Report): void {
  for (const sources of model.text.shell({ inlineCode: true })) {
    const file = sources[0]!.file;
    for (const command of findKubeCommands(sources.map((s) => s.script))) {
      const label = [command.tool, command.verb].filter((w) => w !== undefined).join(' ');
      for (const flag of command.flags) {
        const v = flag.value;
        if (!v || v.dynamic || !retired.has(v.value) || !(flag.name === '-n' || /namespace/.test(flag.name))) continue;
        report({ messageId: 'command', data: { command: label, namespace: v.value, how: `${flag.name} ${v.value}` }, location: { file, line: v.line, column: v.column } });
      }
    }
    const heredocs: ShellHeredoc[] = [];
    for (const { script } of sources) {
      for (const command of script.commands) {
        if (commandName(command) === 'kubens') {
          const arg = command.argv.slice(1).find((w: ShellWord) => !w.value.startsWith('-'));
          if (arg && !arg.dynamic && retired.has(arg.value)) report({ messageId: 'command', data: { command: 'kubens', namespace: arg.value, how: `kubens ${arg.value}` }, location: { file, line: arg.line, column: arg.column } });
        }
        for (const word of command.words) checkUrls(file, word.value, word.line, word.column, retired, report);
      }
      heredocs.push(...script.heredocs);
    }
    for (const h of heredocs) {
      checkYamlLines(file, h.lines, h.firstLine, retired, report);
      h.lines.forEach((l, i) => checkUrls(file, l, h.firstLine + i, 1, retired, report));
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Prose that names a namespace: "the `x` namespace", "namespace x", "-n x", "--namespace=x". */
function prosePatterns(namespace: string): RegExp[] {
  const ns = escapeRegExp(namespace);
  const quote = '[`\'"*_]*';
  return [
    new RegExp(`(?<![\\w./-])${quote}${ns}${quote}\\s+namespace\\b`, 'gi'),
    new RegExp(`\\bnamespaces?\\s*[:=]?\\s*${quote}${ns}(?![\\w/-])${quote}`, 'gi'),
    new RegExp(`(?<![\\w-])(?:-n\\s*|--namespace[=\\s]\\s*)${quote}${ns}(?![\\w/-])`, 'g'),
  ];
}

/** Words that make a line about the past ("the old `x` namespace", "moved from x"): such a line is history, not a stale reference. */
const HISTORY = /\b(retired|old|former(ly)?|previous(ly)?|used to|moved|migrated|renamed|deprecated|legacy|no longer|any ?more)\b/i;

/** Changelogs are history through and through. */
const HISTORY_FILE = /(^|\/)(CHANGELOG|CHANGES|HISTORY)[^/]*\.md$/i;

function checkMarkdown(file: string, content: MarkdownContent, retired: ReadonlySet<string>, report: Report): void {
  for (const block of content.codeBlocks) {
    checkYamlLines(file, block.lines, block.firstLine, retired, report);
    if (block.language !== '' && !['sh', 'bash', 'shell', 'zsh', 'console'].includes(block.language)) {
      block.lines.forEach((l, i) => checkUrls(file, l, block.firstLine + i, 1, retired, report));
    }
  }
  for (const line of content.prose) {
    if (HISTORY_FILE.test(file) || HISTORY.test(line.text)) continue;
    for (const namespace of retired) {
      for (const pattern of prosePatterns(namespace)) {
        for (const m of line.text.matchAll(pattern)) {
          report({ messageId: 'prose', data: { namespace, text: m[0].trim() }, location: { file, line: line.line, column: m.index + 1 } });
        }
      }
    }
    checkUrls(file, line.text, line.line, 1, retired, report);
  }
}

export default defineRule({
  id: 'namespace-retired',
  meta: {
    category: 'namespaces',
    defaultSeverity: 'error',
    summary: 'Something still refers to a namespace that kustodian.yaml lists as retired.',
    rationale:
      'When an application moves to another namespace, the old name lives on in places no build checks: a NetworkPolicy that admits traffic from it (so the real clients are now blocked), a Service URL in Helm values (that resolves to nothing), a script or a runbook that finds no pods when it is needed most. List the old names under `namespaces.retired` in kustodian.yaml and every reference is reported: namespace fields of applied manifests (`metadata.namespace`, `targetNamespace`, namespace selectors …), a kustomization’s `namespace:`, Service URLs (`loki.monitoring.svc.cluster.local`), `-n`/`--namespace` of kubectl, flux and helm in scripts and Markdown, YAML in code blocks and here-documents, and prose such as “the `x` namespace”. Folder names are not namespaces and are not reported, and neither is prose that tells the history (a line that says retired, old, former, moved, migrated, renamed, no longer …, or a changelog). Without a list, the rule reports nothing.',
    fix: 'Replace the retired namespace with the one the application runs in now, or remove the reference.',
    messages: MESSAGES,
    examples: {
      invalid: [
        {
          title: 'A NetworkPolicy and a script still pointing at the old monitoring namespace',
          repo: {
            'kustodian.yaml': 'namespaces:\n  retired: [monitoring]\n',
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/db\n',
            'apps/db/kustomization.yaml': 'namespace: database\nresources:\n  - networkpolicy.yaml\n',
            'apps/db/networkpolicy.yaml':
              'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: postgresql\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n',
            'scripts/grafana-logs.sh': '#!/bin/sh\nkubectl -n monitoring logs deploy/grafana\n',
          },
        },
      ],
      valid: [
        {
          title: 'The folder kept its old name; everything points at the new namespace',
          repo: {
            'kustodian.yaml': 'namespaces:\n  retired: [monitoring]\n',
            'clusters/home/kustomization.yaml': 'resources:\n  - ../../apps/monitoring\n',
            'apps/monitoring/kustomization.yaml': 'namespace: observability\nresources:\n  - configmap.yaml\n',
            'apps/monitoring/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana-datasources\ndata:\n  url: http://loki-gateway.observability.svc.cluster.local\n',
            'README.md': 'The manifests are in `apps/monitoring/`; everything runs in the `observability` namespace.\n',
          },
        },
      ],
    },
  },
  check({ model, config, report }) {
    const retired = new Set(config.namespaces.retired);
    if (retired.size === 0) return;
    // One finding per place: the same line can match several ways (a flag and a prose pattern, a URL in a word and in a line).
    const seen = new Set<string>();
    const once: Report = (r) => {
      const key = `${r.location.file}:${r.location.line}:${String(r.data?.['namespace'])}${r.resource ? `:${resourceKey({ group: '', kind: r.resource.kind, namespace: r.resource.namespace ?? undefined, name: r.resource.name })}` : ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      report(r);
    };
    checkManifests(model, retired, once, new ServiceResolver(model, config));
    checkShell(model, retired, once);
    for (const { file, content } of model.text.markdown()) checkMarkdown(file, content, retired, once);
  },
});
