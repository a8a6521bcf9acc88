import { describeResource, locateResourceField } from '@kustodian/manifest-model';
import { defineRule } from '../../engine/define-rule.js';
import { plural } from '../../report/wording.js';

const middleware = (namespace: string, address: string) =>
  `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: authelia\n  namespace: ${namespace}\nspec:\n  forwardAuth:\n    address: ${address}\n`;

const repo = (web: string) => ({
  'clusters/home/kustomization.yaml': 'resources:\n  - media.yaml\n  - home.yaml\n  - web.yaml\n',
  'clusters/home/media.yaml': middleware('media', 'http://authelia.security.svc.cluster.local/api/verify'),
  'clusters/home/home.yaml': middleware('home', 'http://authelia.security.svc.cluster.local/api/verify'),
  'clusters/home/web.yaml': middleware('web', web),
});

export default defineRule({
  id: 'resource-copy-drifted',
  meta: {
    category: 'structure',
    defaultSeverity: 'info',
    summary: 'An object copied into several namespaces differs from its identical copies.',
    rationale:
      'Some objects are copied on purpose into each namespace that needs them (a Traefik forward-auth Middleware, a NetworkPolicy, a LimitRange), because a reference across namespaces is worse. The copies are then changed together, by hand, and one is forgotten: after Authelia moved namespace, two Middlewares point at the new address and the third still at the old one. When three or more namespaces hold an object of the same kind and name and two or more of them are identical, a copy that differs is reported, with the fields that differ. It may be on purpose, hence info. The model lists every group of copies (`kustodian model`), and each folder README names the other copies of its objects.',
    fix: 'Make the copy the same as its siblings, or give it another name if it is meant to differ.',
    messages: {
      drifted: '{{resource}} differs from its identical copies in {{namespaces}} (in {{fields}}): a change made to the others was not made here, or this one was changed alone.',
    },
    related: {
      copy: 'The identical copies it differs from.',
    },
    examples: {
      invalid: [{ title: 'One of three forward-auth Middlewares still points at the old namespace', repo: repo('http://authelia.auth.svc.cluster.local/api/verify') }],
      valid: [{ title: 'Three identical copies', repo: repo('http://authelia.security.svc.cluster.local/api/verify') }],
    },
  },
  check({ model, report }) {
    for (const { resource, siblings, fields } of model.duplicates.drifted) {
      report({
        messageId: 'drifted',
        data: {
          resource: describeResource(resource.id),
          namespaces: `${plural(siblings.length, 'namespace')} (${siblings.map((s) => s.namespace).join(', ')})`,
          fields: fields.join(', '),
        },
        location: locateResourceField(resource, ['metadata', 'name']),
        resource,
        related: siblings.map((s) => ({ role: 'copy' as const, location: locateResourceField(s, ['metadata', 'name']), resource: s })),
      });
    }
  },
});
