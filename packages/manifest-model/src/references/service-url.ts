/**
 * In-cluster Service addresses inside free text: `http://svc.ns[:port][/path]`,
 * `svc.ns.svc[.cluster.local][:port]` anywhere (also inside URLs and longer
 * text), and a whole string `svc.ns:port[/path]`. Public host names are rejected:
 * a two-label host counts only with a URL scheme (or as a whole `host:port`
 * string) and when its second label is a plausible namespace, not a
 * top-level domain.
 */

/** An in-cluster Service address found in a string. */
export interface ServiceUrlMatch {
  readonly service: string;
  readonly namespace: string;
  /** The address as written, with a URL password and query values masked. */
  readonly text: string;
  /** Offset of the address in the scanned string. */
  readonly index: number;
}

/** Country-code top-level domains: a two-label host ending in one is a public name, not `svc.namespace`. */
const COUNTRY_CODES = `ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz
  ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr
  ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp
  ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt
  mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw
  sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz
  ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw`;

/** Generic and private-use top-level names seen in configuration; namespaces are unlikely to carry them. */
const GENERIC_TLDS = `com org net edu gov mil int info biz name pro mobi aero asia jobs travel tel cat coop museum
  dev app page cloud tech site online store shop xyz top club blog email one
  local localhost localdomain lan home arpa internal intranet corp example test invalid onion consul`;

const NOT_A_NAMESPACE = new Set(`${COUNTRY_CODES} ${GENERIC_TLDS}`.split(/\s+/).filter((s) => s !== ''));

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const SERVICE_LABEL = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function isServiceName(label: string | undefined): label is string {
  return label !== undefined && SERVICE_LABEL.test(label);
}

function isNamespaceLabel(label: string | undefined): label is string {
  return label !== undefined && DNS_LABEL.test(label) && !/^\d+$/.test(label);
}

/**
 * A two-label host `svc.ns` that reads as a Service and namespace rather
 * than a public name (`phishing.army` is a domain): with `namespaces`, only
 * when `ns` is one of them.
 */
function twoLabelService(labels: readonly string[], namespaces: ReadonlySet<string> | undefined): { service: string; namespace: string } | undefined {
  if (labels.length !== 2) return undefined;
  const [service, namespace] = labels;
  if (!isServiceName(service) || service === 'www' || !isNamespaceLabel(namespace) || NOT_A_NAMESPACE.has(namespace)) return undefined;
  if (namespaces !== undefined && namespaces.size > 0 && !namespaces.has(namespace)) return undefined;
  return serviceTarget(service, namespace);
}

/** The API server's own Service: it exists in every cluster and no repository defines it. */
function serviceTarget(service: string, namespace: string): { service: string; namespace: string } | undefined {
  return service === 'kubernetes' && namespace === 'default' ? undefined : { service, namespace };
}

/** `…svc.ns.svc` or `…svc.ns.svc.cluster.local` (labels without a trailing dot). */
function clusterDomainService(labels: readonly string[]): { service: string; namespace: string } | undefined {
  let end = labels.length;
  if (end >= 3 && labels[end - 1] === 'local' && labels[end - 2] === 'cluster') end -= 2;
  if (labels[end - 1] !== 'svc' || end < 3) return undefined;
  const service = labels[end - 3];
  const namespace = labels[end - 2];
  if (!isServiceName(service) || !isNamespaceLabel(namespace)) return undefined;
  if (!labels.slice(0, end - 3).every((l) => DNS_LABEL.test(l))) return undefined;
  return serviceTarget(service, namespace);
}

/** Mask what must never be printed: a URL password and query-string values. */
function maskUrl(url: string): string {
  const masked = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/, '$1:***@');
  return masked.replace(/([?&][^=&#]*)=[^&#]*/g, '$1=***');
}

const URL_PATTERN = /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/(?:[^\s/@"'<>`]*@)?([a-z0-9.-]+)(?::\d{1,5})?(?:[/?#][^\s"'<>`,;|\\^{}]*)?/g;
const TRAILING_PUNCTUATION = /[.)\]:!]+$/;

function urlMatches(text: string, namespaces: ReadonlySet<string> | undefined): ServiceUrlMatch[] {
  const matches: ServiceUrlMatch[] = [];
  for (const m of text.matchAll(URL_PATTERN)) {
    const host = m[1]!.replace(/\.$/, '');
    const labels = host.split('.');
    const target = clusterDomainService(labels) ?? twoLabelService(labels, namespaces);
    if (!target) continue;
    const written = m[0].replace(TRAILING_PUNCTUATION, '');
    matches.push({ ...target, text: maskUrl(written), index: m.index });
  }
  return matches;
}

const HOST_CHAR = /[a-z0-9.-]/;
/** A character that would continue a name (case-insensitive, so that `org.acme.svc.Handler` is not a host). */
const NAME_CHAR = /[A-Za-z0-9_-]/;

/** `.svc` host forms outside URLs, found from each `.svc` backwards. */
function clusterDomainMatches(text: string, taken: readonly [number, number][]): ServiceUrlMatch[] {
  const matches: ServiceUrlMatch[] = [];
  for (let at = text.indexOf('.svc'); at >= 0; at = text.indexOf('.svc', at + 4)) {
    let end = at + 4;
    if (text.startsWith('.cluster.local', end)) end += '.cluster.local'.length;
    const next = text[end];
    if (next !== undefined && NAME_CHAR.test(next)) continue;
    if (next === '.' && text[end + 1] !== undefined && NAME_CHAR.test(text[end + 1]!)) continue;
    let start = at;
    while (start > 0 && HOST_CHAR.test(text[start - 1]!)) start--;
    if (start > 0 && /[A-Z_]/.test(text[start - 1]!)) continue;
    if (taken.some(([from, to]) => start >= from && start < to)) continue;
    const target = clusterDomainService(text.slice(start, end).split('.'));
    if (!target) continue;
    const port = /^\.?(:\d{1,5})/.exec(text.slice(end));
    matches.push({ ...target, text: text.slice(start, end) + (port ? port[1] : ''), index: start });
  }
  return matches;
}

/** A whole string `svc.ns:port`, optionally followed by a path. */
const HOST_PORT = /^([a-z0-9-]+)\.([a-z0-9-]+):\d{1,5}(?:\/[^\s"'<>`]*)?$/;

/**
 * Every in-cluster Service address in a string, in order of appearance. With
 * `namespaces` (those the repository knows), a bare `svc.ns` counts only when
 * `ns` is one of them; `…svc.ns.svc` forms always count.
 */
export function findServiceUrls(text: string, options: { readonly namespaces?: ReadonlySet<string> | undefined } = {}): ServiceUrlMatch[] {
  const whole = HOST_PORT.exec(text.trim());
  if (whole) {
    const target = twoLabelService([whole[1]!, whole[2]!], options.namespaces);
    return target ? [{ ...target, text: text.trim(), index: text.indexOf(text.trim()) }] : [];
  }
  if (!text.includes('.')) return [];
  const urls = urlMatches(text, options.namespaces);
  const taken = [...text.matchAll(URL_PATTERN)].map((m): [number, number] => [m.index, m.index + m[0].length]);
  return [...urls, ...clusterDomainMatches(text, taken)].sort((a, b) => a.index - b.index);
}
