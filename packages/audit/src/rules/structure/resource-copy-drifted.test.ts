import { RuleTester } from '../../testing/rule-tester.js';
import rule from './resource-copy-drifted.js';

const middleware = (namespace: string, address = 'http://authelia.security.svc.cluster.local/api/verify') =>
  `apiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata:\n  name: authelia\n  namespace: ${namespace}\nspec:\n  forwardAuth:\n    address: ${address}\n`;

const cluster = (files: Record<string, string>) => ({
  'clusters/home/kustomization.yaml': `resources:\n${Object.keys(files).map((f) => `  - ${f}\n`).join('')}`,
  ...Object.fromEntries(Object.entries(files).map(([f, t]) => [`clusters/home/${f}`, t])),
});

new RuleTester().run(rule, {
  valid: [
    { name: 'identical copies', repo: cluster({ 'a.yaml': middleware('media'), 'b.yaml': middleware('home'), 'c.yaml': middleware('web') }) },
    { name: 'two copies that differ: which one drifted cannot be told', repo: cluster({ 'a.yaml': middleware('media'), 'b.yaml': middleware('home', 'http://other/verify') }) },
    {
      name: 'ConfigMaps of one name differ by design',
      repo: cluster(
        Object.fromEntries(['a', 'b', 'c'].map((ns, i) => [`${ns}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config\n  namespace: ${ns}\ndata:\n  v: "${i === 2 ? 2 : 1}"\n`])),
      ),
    },
  ],
  invalid: [
    {
      name: 'one of three Middlewares points elsewhere: at its name, with the two identical copies related',
      repo: cluster({ 'a.yaml': middleware('media'), 'b.yaml': middleware('home'), 'c.yaml': middleware('web', 'http://authelia.auth.svc.cluster.local/api/verify') }),
      findings: [
        {
          messageId: 'drifted',
          file: 'clusters/home/c.yaml',
          line: 4,
          message: 'Middleware web/authelia differs from its identical copies in 2 namespaces (home, media) (in spec): a change made to the others was not made here, or this one was changed alone.',
          related: ['copy clusters/home/a.yaml:4', 'copy clusters/home/b.yaml:4'],
        },
      ],
    },
  ],
});
