import type { Resource } from '@kustodian/manifest-model';
import { expandReleaseTemplates, isHelmRelease, isRecord, parseHelmRelease, walkValues } from '@kustodian/manifest-model';

const GATEWAY_ROUTES = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);
const TRAEFIK_GROUPS = new Set(['traefik.io', 'traefik.containo.us']);

function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/** Host names in a Traefik rule: every argument of `Host(...)` and `HostSNI(...)`. */
export function hostsInTraefikRule(rule: string): string[] {
  const out: string[] = [];
  for (const call of rule.matchAll(/\bHost(?:SNI)?\s*\(([^)]*)\)/g)) {
    for (const arg of call[1]!.matchAll(/[`"']([^`"']+)[`"']/g)) if (arg[1]!.trim() !== '*') out.push(arg[1]!.trim());
  }
  return out;
}

/** Host names in Helm values: `host`, `hosts` and `hostnames` under an ingress or route key. */
function helmValueHosts(values: unknown): string[] {
  const out: string[] = [];
  walkValues(values, [], ({ value: node, path: at }) => {
    const path = at.map(String);
    const key = path[path.length - 1];
    if (!key || !path.slice(0, -1).some((p) => /ingress|route|gateway/i.test(p))) return;
    if (key === 'host' && typeof node === 'string' && node.trim() !== '') out.push(node.trim());
    if (key === 'hostnames' || key === 'hosts') out.push(...strings(node));
  });
  return out;
}

/** Host names an object exposes: Ingress rules and TLS hosts, Traefik IngressRoute rules, Gateway API routes, Helm values. */
export function hostnamesOf(resource: Resource): string[] {
  const spec = isRecord(resource.body['spec']) ? resource.body['spec'] : {};
  const { group, kind } = resource.id;
  const out: string[] = [];
  if (kind === 'Ingress' && (group === 'networking.k8s.io' || group === 'extensions')) {
    for (const rule of records(spec['rules'])) if (typeof rule['host'] === 'string') out.push(rule['host']);
    for (const tls of records(spec['tls'])) out.push(...strings(tls['hosts']));
  } else if (TRAEFIK_GROUPS.has(group) && kind.startsWith('IngressRoute')) {
    for (const route of records(spec['routes'])) if (typeof route['match'] === 'string') out.push(...hostsInTraefikRule(route['match']));
  } else if (group === 'gateway.networking.k8s.io' && GATEWAY_ROUTES.has(kind)) {
    out.push(...strings(spec['hostnames']));
  } else if (isHelmRelease(resource.apiVersion, resource.kind)) {
    // Charts such as bjw-s app-template render values through `tpl`: the release name is known.
    out.push(...helmValueHosts(parseHelmRelease(resource.body, resource.namespace ?? '').values).map((host) => expandReleaseTemplates(host, resource)));
  }
  return [...new Set(out.map((h) => h.trim()).filter((h) => h !== ''))].sort();
}
