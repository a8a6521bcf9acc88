import { parseAllDocuments } from 'yaml';
import { isRecord } from '../resources/resource.js';
import { commandName, parseShellScript } from './shell-lines.js';
import type { ShellCommand, ShellScript, ShellWord } from './shell-lines.js';

/**
 * kubectl, flux and helm invocations of a shell script, parsed into verb,
 * positional arguments and flags, with the namespace they act in. Static:
 * a value that comes from a variable is marked dynamic, never guessed.
 */

export type KubeTool = 'kubectl' | 'flux' | 'helm';

/** A value written in the script, with its position. */
export interface KubeValue {
  /** Quotes removed; expansions kept as written (`$NS`). */
  readonly value: string;
  /** Holds an expansion: not known before the script runs. */
  readonly dynamic: boolean;
  readonly line: number;
  readonly column: number;
}

/** One flag: `-n`, `--namespace`, `-A`, `--from-literal`, … */
export interface KubeFlag {
  /** The flag as written, without `=value` (`-n`, `--namespace`). Combined short flags are split (`-it` → `-i`, `-t`). */
  readonly name: string;
  /** Its value (`-n x`, `-nx`, `-n=x`, `--namespace x`, `--namespace=x`); undefined for a switch. */
  readonly value: KubeValue | undefined;
  readonly line: number;
  readonly column: number;
}

/** A kubectl, flux or helm command. */
export interface KubeCommand {
  readonly tool: KubeTool;
  /** The shell command it is (its argv may start with `sudo`, `k3s`, an alias …). */
  readonly command: ShellCommand;
  /** Position of the tool's word (`kubectl`, or the alias standing for it). */
  readonly line: number;
  readonly column: number;
  /** First positional argument: `get`, `apply`, `create`, `install`, … */
  readonly verb: string | undefined;
  /** Positional arguments after the verb (and before `--`). */
  readonly args: readonly KubeValue[];
  readonly flags: readonly KubeFlag[];
  /** Words after `--` (the command `kubectl exec` runs). */
  readonly afterDoubleDash: readonly KubeValue[];
  /** The `-n` / `--namespace` value (the last one when repeated). */
  readonly namespace: KubeValue | undefined;
  /** `-A` or `--all-namespaces`. */
  readonly allNamespaces: boolean;
  /** Namespace an earlier `kubectl config set-context … --namespace` or `kubens` of the same script made the default. */
  readonly contextNamespace: KubeValue | undefined;
  /** The command this one's output is piped into (`… | kubectl apply -f -`). */
  readonly pipedInto: ShellCommand | undefined;
}

/** A Secret a command creates: `kubectl create secret <type> <name>` or `flux create secret <type> <name>`. */
export interface CreatedSecret {
  readonly tool: 'kubectl' | 'flux';
  /** `generic`, `tls`, `docker-registry` (kubectl); `git`, `helm`, `tls`, `oci`, … (flux). */
  readonly type: string;
  readonly name: KubeValue;
  /** The namespace it lands in, from `-n`/`--namespace` or an earlier set-context; undefined when none is given. */
  readonly namespace: KubeValue | undefined;
  /** The namespace when none is given: `default` for kubectl, `flux-system` for flux. */
  readonly defaultNamespace: string;
  /** Keys of `--from-literal=key=value` (the values are never kept). */
  readonly literalKeys: readonly string[];
  /** Keys of `--from-file=[key=]path` (the file name when no key is given). */
  readonly fileKeys: readonly string[];
  /**
   * The Secret reaches the cluster: no `--dry-run` (kubectl) / `--export`
   * (flux), or a dry run piped into `kubectl apply|create|replace -f -`.
   */
  readonly applied: boolean;
}

/** Flags that take a value, per tool; `*` applies to every verb. Long flags not listed are read as switches unless written `--flag=value`. */
const VALUE_FLAGS: Record<KubeTool, { readonly short: string; readonly long: ReadonlySet<string> }> = {
  kubectl: {
    short: 'ncfklopLsv',
    long: new Set([
      'namespace', 'context', 'cluster', 'user', 'kubeconfig', 'server', 'token', 'as', 'as-group', 'as-uid', 'request-timeout',
      'certificate-authority', 'client-certificate', 'client-key', 'tls-server-name', 'username', 'password', 'cache-dir', 'profile', 'profile-output',
      'selector', 'output', 'filename', 'kustomize', 'container', 'from-literal', 'from-file', 'from-env-file', 'type', 'image', 'replicas',
      'patch', 'patch-file', 'timeout', 'field-selector', 'sort-by', 'template', 'tail', 'since', 'since-time', 'address', 'for', 'to-revision',
      'revision', 'docker-server', 'docker-username', 'docker-password', 'docker-email', 'cert', 'key', 'grace-period', 'overrides', 'label-columns',
      'chunk-size', 'field-manager', 'subresource', 'port', 'target-port', 'name', 'protocol', 'restart', 'env', 'labels', 'limits', 'requests',
      'serviceaccount', 'pod-running-timeout', 'max-log-requests', 'from', 'schedule', 'cascade', 'min-available', 'max-unavailable', 'hard',
      'clusterrole', 'role', 'group', 'verb', 'resource', 'resource-name', 'current-replicas', 'resource-version', 'prune-allowlist', 'selector-all',
      'max', 'min', 'cpu-percent', 'generator', 'attach', 'copy-to', 'target', 'profile', 'custom', 'filename-pattern', 'raw', 'api-group',
    ]),
  },
  flux: {
    short: 'n',
    long: new Set([
      'namespace', 'context', 'kubeconfig', 'timeout', 'url', 'branch', 'tag', 'semver', 'commit', 'path', 'source', 'interval', 'target-namespace',
      'with-namespace', 'username', 'password', 'secret-ref', 'owner', 'repository', 'chart', 'chart-version', 'values', 'values-from', 'depends-on',
      'decryption-provider', 'decryption-secret', 'private-key-file', 'ssh-key-algorithm', 'ssh-rsa-bits', 'ssh-ecdsa-curve', 'ca-file', 'cert-file',
      'key-file', 'label', 'components', 'components-extra', 'cluster-domain', 'registry', 'image-pull-secret', 'version', 'log-level', 'kind',
      'service-account', 'storage-namespace', 'release-name', 'kustomize-override', 'crds', 'reconcile-strategy', 'health-check', 'hostname',
      'read-write-key', 'author-name', 'author-email', 'git-implementation', 'provider', 'bearer-token', 'event-source', 'event-severity',
      'ref', 'source-kind', 'source-name', 'output', 'since', 'tail', 'level', 'flux-namespace', 'kind', 'name', 'watch-label-selector', 'ttl',
    ]),
  },
  helm: {
    short: 'nfo',
    long: new Set([
      'namespace', 'kube-context', 'kubeconfig', 'kube-apiserver', 'kube-token', 'kube-as-user', 'kube-as-group', 'kube-ca-file', 'registry-config',
      'repository-cache', 'repository-config', 'version', 'values', 'set', 'set-string', 'set-file', 'set-json', 'set-literal', 'repo', 'timeout',
      'description', 'post-renderer', 'post-renderer-args', 'output', 'username', 'password', 'ca-file', 'cert-file', 'key-file', 'revision', 'max',
      'history-max', 'name-template', 'keyring', 'burst-limit', 'qps', 'labels', 'selector', 'filter', 'template', 'api-versions', 'kube-version',
      'show-only', 'output-dir', 'release-name',
    ]),
  },
};

/** Verbs for which a short flag is a switch although it takes a value elsewhere (`kubectl logs -f -p`). */
const SWITCH_FOR_VERB: Readonly<Record<string, string>> = { logs: 'fp', exec: 'p', 'port-forward': 'p', debug: 'p', attach: 'p' };

/** Wrappers that run the command given after their options: name → options that take a value. */
const WRAPPERS: Readonly<Record<string, { readonly values: string; readonly long?: ReadonlySet<string>; readonly positional?: number }>> = {
  sudo: { values: 'ugCDhprtUT', long: new Set(['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout']) },
  env: { values: 'uSC', long: new Set(['unset', 'chdir', 'split-string']) },
  command: { values: '' },
  exec: { values: 'a' },
  time: { values: 'fo' },
  nohup: { values: '' },
  setsid: { values: '' },
  nice: { values: 'n', long: new Set(['adjustment']) },
  ionice: { values: 'cnp' },
  stdbuf: { values: 'ioe', long: new Set(['input', 'output', 'error']) },
  timeout: { values: 'sk', long: new Set(['signal', 'kill-after']), positional: 1 },
  watch: { values: 'nq', long: new Set(['interval', 'equexit']) },
  xargs: { values: 'InPLdEsa', long: new Set(['max-args', 'max-procs', 'max-lines', 'delimiter', 'eof', 'max-chars', 'arg-file', 'replace']) },
};

/** Programs that run kubectl as a subcommand: `k3s kubectl`, `microk8s kubectl`, `minikube kubectl --`. */
const KUBECTL_HOSTS = new Set(['k3s', 'microk8s', 'minikube', 'rke2']);

function toValue(w: ShellWord, value = w.value, columnOffset = 0): KubeValue {
  return { value, dynamic: w.dynamic, line: w.line, column: w.column + columnOffset };
}

function toolOf(name: string): KubeTool | undefined {
  if (name === 'kubectl' || name === 'kubectl.exe' || name === 'microk8s.kubectl') return 'kubectl';
  if (name === 'flux' || name === 'helm') return name;
  return undefined;
}

/** Skip wrapper commands (`sudo -E`, `env X=1`, `timeout 30`, `watch -n 2` …); the index of the wrapped command's name. */
function skipWrappers(argv: readonly ShellWord[]): number {
  let i = 0;
  for (let guard = 0; guard < 8 && i < argv.length; guard++) {
    const name = argv[i]!.dynamic ? '' : argv[i]!.value.slice(argv[i]!.value.lastIndexOf('/') + 1);
    const wrapper = WRAPPERS[name];
    if (!wrapper) return i;
    i++;
    let positional = wrapper.positional ?? 0;
    while (i < argv.length) {
      const w = argv[i]!.value;
      if (w === '--') {
        i++;
        break;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) {
        i++;
        continue;
      }
      if (w.startsWith('--')) {
        const flag = w.slice(2);
        i += !flag.includes('=') && wrapper.long?.has(flag) ? 2 : 1;
        continue;
      }
      if (w.startsWith('-') && w.length > 1) {
        const last = w[w.length - 1]!;
        const takes = [...w.slice(1)].findIndex((ch) => wrapper.values.includes(ch));
        // `-n 2` takes the next word; `-n2` carries its value.
        i += takes >= 0 && takes === w.length - 2 && wrapper.values.includes(last) ? 2 : 1;
        continue;
      }
      if (positional > 0) {
        positional--;
        i++;
        continue;
      }
      break;
    }
  }
  return i;
}

/** Alias definitions of a command: `alias k=kubectl` → k ↦ ['kubectl']. */
function aliasesDefinedBy(command: ShellCommand): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  if (commandName(command) !== 'alias') return out;
  for (const w of command.argv.slice(1)) {
    const eq = w.value.indexOf('=');
    if (eq <= 0) continue;
    const words = parseShellScript(w.value.slice(eq + 1)).commands[0]?.argv.map((a) => a.value) ?? [];
    out.set(w.value.slice(0, eq), words);
  }
  return out;
}

/** Parse the flags and positionals of a tool's arguments. */
function readArguments(tool: KubeTool, words: readonly ShellWord[]) {
  const flags: KubeFlag[] = [];
  const positionals: KubeValue[] = [];
  const afterDoubleDash: KubeValue[] = [];
  const table = VALUE_FLAGS[tool];
  let verb: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const v = w.value;
    if (v === '--') {
      afterDoubleDash.push(...words.slice(i + 1).map((x) => toValue(x)));
      break;
    }
    if (v.startsWith('--') && v.length > 2 && !w.raw.startsWith('"$') && !w.raw.startsWith('$')) {
      const eq = v.indexOf('=');
      const name = eq < 0 ? v : v.slice(0, eq);
      if (eq >= 0) {
        flags.push({ name, value: toValue(w, v.slice(eq + 1), eq + 1), line: w.line, column: w.column });
      } else if (table.long.has(name.slice(2)) && i + 1 < words.length) {
        flags.push({ name, value: toValue(words[i + 1]!), line: w.line, column: w.column });
        i++;
      } else {
        flags.push({ name, value: undefined, line: w.line, column: w.column });
      }
      continue;
    }
    if (v.startsWith('-') && v.length > 1 && !/^-\d/.test(v) && !w.raw.startsWith('$') && !w.raw.startsWith('"$')) {
      const switches = (verb && tool === 'kubectl' && SWITCH_FOR_VERB[verb]) || '';
      for (let k = 1; k < v.length; k++) {
        const ch = v[k]!;
        if (table.short.includes(ch) && !switches.includes(ch)) {
          const rest = v.slice(k + 1).replace(/^=/, '');
          if (rest !== '') {
            flags.push({ name: `-${ch}`, value: toValue(w, rest, v.length - rest.length), line: w.line, column: w.column });
          } else if (i + 1 < words.length) {
            flags.push({ name: `-${ch}`, value: toValue(words[i + 1]!), line: w.line, column: w.column });
            i++;
          } else {
            flags.push({ name: `-${ch}`, value: undefined, line: w.line, column: w.column });
          }
          break;
        }
        flags.push({ name: `-${ch}`, value: undefined, line: w.line, column: w.column });
      }
      continue;
    }
    if (verb === undefined) verb = v;
    positionals.push(toValue(w));
  }
  return { verb, flags, positionals, afterDoubleDash };
}

const NAMESPACE_FLAGS = new Set(['-n', '--namespace']);

function commandFrom(tool: KubeTool, command: ShellCommand, toolWord: ShellWord, words: readonly ShellWord[], contextNamespace: KubeValue | undefined, pipedInto: ShellCommand | undefined): KubeCommand {
  const { verb, flags, positionals, afterDoubleDash } = readArguments(tool, words);
  const namespace = [...flags].reverse().find((f) => NAMESPACE_FLAGS.has(f.name) && f.value !== undefined)?.value;
  const allNamespaces = flags.some((f) => (f.name === '-A' || f.name === '--all-namespaces') && (f.value === undefined || f.value.value !== 'false'));
  return { tool, command, line: toolWord.line, column: toolWord.column, verb, args: positionals.slice(1), flags, afterDoubleDash, namespace, allNamespaces, contextNamespace, pipedInto };
}

/**
 * Read one shell command as a kubectl, flux or helm invocation; undefined when
 * it is something else. Handles wrappers (`sudo`, `env`, `timeout`, `watch`,
 * `xargs` …), `k3s kubectl` (and microk8s, minikube, rke2) and the given
 * aliases (`k` ↦ `kubectl`).
 */
export function parseKubeCommand(
  command: ShellCommand,
  options: { readonly aliases?: ReadonlyMap<string, readonly string[]>; readonly contextNamespace?: KubeValue; readonly pipedInto?: ShellCommand } = {},
): KubeCommand | undefined {
  const argv = command.argv;
  let i = skipWrappers(argv);
  let first = argv[i];
  if (!first || first.dynamic) return undefined;
  let name = first.value.slice(first.value.lastIndexOf('/') + 1);
  if (KUBECTL_HOSTS.has(name) && argv[i + 1]?.value === 'kubectl') {
    i++;
    first = argv[i]!;
    name = 'kubectl';
  }
  let rest = argv.slice(i + 1);
  let tool = toolOf(name);
  const alias = tool ? undefined : options.aliases?.get(name);
  if (alias) {
    const expansion = alias.map((value) => ({ value, raw: value, dynamic: false, line: first!.line, column: first!.column }));
    const j = skipWrappers(expansion);
    let aliasName = expansion[j]?.value ?? '';
    let k = j;
    if (KUBECTL_HOSTS.has(aliasName) && expansion[j + 1]?.value === 'kubectl') {
      aliasName = 'kubectl';
      k++;
    }
    tool = toolOf(aliasName.slice(aliasName.lastIndexOf('/') + 1));
    rest = [...expansion.slice(k + 1), ...rest];
  }
  if (!tool) return undefined;
  if (name === 'minikube' && rest[0]?.value === '--') rest = rest.slice(1);
  return commandFrom(tool, command, first, rest, options.contextNamespace, options.pipedInto);
}

/** The namespace a command makes the default for the commands after it: `kubectl config set-context … --namespace x`, `kubens x`. */
function defaultNamespaceSetBy(command: ShellCommand, kube: KubeCommand | undefined): KubeValue | undefined {
  if (kube?.tool === 'kubectl' && kube.verb === 'config' && kube.args[0]?.value === 'set-context') return kube.namespace;
  // `export KUBECTL_NAMESPACE=media` (or the bare assignment), which kubectl wrappers and plugins read as the default namespace.
  const name = commandName(command);
  const words = name === 'export' ? command.argv.slice(1) : command.argv.length === 0 ? command.assignments : [];
  const assignment = words.find((w) => w.value.startsWith('KUBECTL_NAMESPACE='));
  if (assignment) return toValue(assignment, assignment.value.slice('KUBECTL_NAMESPACE='.length), 'KUBECTL_NAMESPACE='.length);
  if (commandName(command) === 'kubens') {
    const arg = command.argv.slice(1).find((w) => !w.value.startsWith('-'));
    return arg && arg.value !== '-' ? toValue(arg) : undefined;
  }
  return undefined;
}

/**
 * Every kubectl / flux / helm command of one script, or of several read in
 * order (the code blocks of a Markdown file): aliases (`alias k=kubectl`)
 * and a default namespace set by `kubectl config set-context --namespace`,
 * `kubens` or `export KUBECTL_NAMESPACE=…` carry over to the commands after
 * them.
 */
export function findKubeCommands(scripts: ShellScript | readonly ShellScript[]): KubeCommand[] {
  const list: readonly ShellScript[] = Array.isArray(scripts) ? scripts : [scripts as ShellScript];
  const aliases = new Map<string, readonly string[]>();
  let contextNamespace: KubeValue | undefined;
  const out: KubeCommand[] = [];
  for (const script of list) {
    const commands = script.commands;
    for (let i = 0; i < commands.length; i++) {
      const command = commands[i]!;
      for (const [k, v] of aliasesDefinedBy(command)) aliases.set(k, v);
      const next = commands.slice(i + 1).find((c) => c.substitution === command.substitution);
      const pipedInto = next && next.list === command.list && next.joinedBy === '|' ? next : undefined;
      const kube = parseKubeCommand(command, { aliases, ...(contextNamespace ? { contextNamespace } : {}), ...(pipedInto ? { pipedInto } : {}) });
      if (kube) out.push(kube);
      contextNamespace = defaultNamespaceSetBy(command, kube) ?? contextNamespace;
    }
  }
  return out;
}

/** The value of the last flag with one of these names; undefined when absent. */
export function flagValue(command: KubeCommand, ...names: readonly string[]): KubeValue | undefined {
  return [...command.flags].reverse().find((f) => names.includes(f.name) && f.value !== undefined)?.value;
}

export function hasFlag(command: KubeCommand, ...names: readonly string[]): boolean {
  return command.flags.some((f) => names.includes(f.name));
}

/** `kubectl apply|create|replace -f -`: reads objects from its input and sends them to the cluster. */
function appliesStdin(command: ShellCommand | undefined): boolean {
  const kube = command && parseKubeCommand(command);
  if (kube?.tool !== 'kubectl' || !['apply', 'create', 'replace'].includes(kube.verb ?? '')) return false;
  return kube.flags.some((f) => (f.name === '-f' || f.name === '--filename') && f.value?.value === '-');
}

/**
 * The Secrets a `kubectl apply|create|replace -f -` sends from a
 * here-document (`<<EOF` holding `kind: Secret` manifests): name, namespace
 * (the manifest's, else `-n`), keys of `data`/`stringData` (never values).
 */
export function heredocSecretsOf(command: KubeCommand): CreatedSecret[] {
  if (command.tool !== 'kubectl' || !['apply', 'create', 'replace'].includes(command.verb ?? '')) return [];
  if (!command.flags.some((f) => (f.name === '-f' || f.name === '--filename') && f.value?.value === '-')) return [];
  const out: CreatedSecret[] = [];
  for (const heredoc of command.command.heredocs) {
    let docs: unknown[];
    try {
      docs = parseAllDocuments(heredoc.lines.join('\n'), { uniqueKeys: false, logLevel: 'silent' }).map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (!isRecord(doc) || doc['kind'] !== 'Secret' || doc['apiVersion'] !== 'v1' || !isRecord(doc['metadata'])) continue;
      const meta = doc['metadata'];
      const name = meta['name'];
      if (typeof name !== 'string') continue;
      const at = heredoc.lines.findIndex((l) => new RegExp(`^\\s+name:\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*$`).test(l));
      const line = heredoc.firstLine + Math.max(at, 0);
      const value = (v: string): KubeValue => ({ value: v, dynamic: v.includes('$'), line, column: 1 });
      const keys = (section: string) => (isRecord(doc[section]) ? Object.keys(doc[section] as Record<string, unknown>) : []);
      out.push({
        tool: 'kubectl',
        type: typeof doc['type'] === 'string' ? doc['type'] : 'generic',
        name: value(name),
        namespace: typeof meta['namespace'] === 'string' ? value(meta['namespace']) : (command.namespace ?? command.contextNamespace),
        defaultNamespace: 'default',
        literalKeys: [...keys('stringData'), ...keys('data')],
        fileKeys: [],
        applied: true,
      });
    }
  }
  return out;
}

/** The Secret a `kubectl create secret …` or `flux create secret …` command creates; undefined for any other command. */
export function createdSecretOf(command: KubeCommand): CreatedSecret | undefined {
  if ((command.tool !== 'kubectl' && command.tool !== 'flux') || command.verb !== 'create') return undefined;
  const [what, type, name] = command.args;
  if (!what || (what.value !== 'secret' && what.value !== 'secrets') || !type || !name) return undefined;
  // Only the key part is kept: a value may be a secret, a path may come from a variable.
  const keys = (flag: string) =>
    command.flags
      .filter((f) => f.name === flag && f.value)
      .map((f) => {
        const v = f.value!.value;
        const eq = v.indexOf('=');
        if (flag === '--from-literal') return eq < 0 ? '' : v.slice(0, eq);
        return eq > 0 ? v.slice(0, eq) : v.slice(v.lastIndexOf('/') + 1);
      })
      .filter((key) => key !== '' && !key.includes('$'));
  let applied: boolean;
  if (command.tool === 'kubectl') {
    const dryRun = command.flags.find((f) => f.name === '--dry-run');
    const dry = dryRun !== undefined && dryRun.value?.value !== 'none' && dryRun.value?.value !== 'false';
    applied = !dry || appliesStdin(command.pipedInto);
  } else {
    applied = !hasFlag(command, '--export') || appliesStdin(command.pipedInto);
  }
  return {
    tool: command.tool,
    type: type.value,
    name,
    namespace: command.namespace ?? command.contextNamespace,
    defaultNamespace: command.tool === 'flux' ? 'flux-system' : 'default',
    literalKeys: keys('--from-literal'),
    fileKeys: keys('--from-file'),
    applied,
  };
}
