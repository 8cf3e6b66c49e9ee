/**
 * The import directions of docs/where-things-are.md and ARCHITECTURE (arrows point down), checked by
 * `npm run depcheck` (part of `npm test`). A rule fails the check; the comment says why it exists.
 *
 *   server/, cli/  →  clients/, workflows/ (messages)  →  activities/  →  documents/  →  domain/
 *   runtime/ starts everything; domain/ imports nothing of the product.
 */
const PRODUCT = '^(workflows|clients|activities|documents|server|runtime|cli|demo|bench|scripts|test)/';

/** The old paths that re-export moved modules until parallel branches are merged (the coordinator deletes them). */

/** Rendering: the template engine, the views, Chromium and the PDF post-processing. */
const RENDERING =
  '^documents/(templates|renderer|view-parts|archival|pdf-info|pdf-patch|pdf-ua|content-stream|xmp)[.]ts$|^documents/types/(views[.]ts|[^/]+/view[.]ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A circle of imports (types only do not count: they vanish when compiled).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ imports nothing of the product: plain functions and zod schemas, unit-tested in milliseconds.',
      from: { path: '^domain/' },
      to: { path: PRODUCT },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      comment: 'domain/ has no I/O and no Temporal: no Node built-ins, no packages but zod.',
      from: { path: '^domain/' },
      to: { dependencyTypes: ['core', 'npm', 'npm-dev'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'workflows-deterministic',
      severity: 'error',
      comment:
        'Workflow code runs in the Temporal sandbox: no Node built-ins, no Express, Puppeteer, AWS, Handlebars, pino, ' +
        'and no Temporal client or worker at run time.',
      from: { path: '^workflows/' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: ['^node_modules/(express|puppeteer-core|@aws-sdk|handlebars|pino|pdf-lib|@temporalio/(client|worker|activity|testing))/'],
      },
    },
    {
      name: 'workflows-no-node-builtins',
      severity: 'error',
      comment: 'Workflow code runs in the Temporal sandbox: no Node built-ins.',
      from: { path: '^workflows/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'workflows-only-types-below',
      severity: 'error',
      comment:
        'workflows/ imports domain/ and only the types of activities and documents (proxyActivities<Activities>, ' +
        'DocumentInput): never their code, and nothing of server/, runtime/, cli/, clients/.',
      from: { path: '^workflows/' },
      to: { path: '^(activities|documents)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-not-up',
      severity: 'error',
      comment: 'workflows/ never imports the parts that use it.',
      from: { path: '^workflows/' },
      to: { path: '^(server|runtime|cli|clients|demo|bench|scripts)/' },
    },
    {
      name: 'server-asks-temporal',
      severity: 'error',
      comment: 'server/ never calls activities or renders documents itself: it asks Temporal, or reads the document store ' + 'for a download.',
      from: { path: '^server/' },
      to: { path: ['^activities/', RENDERING] },
    },
    {
      name: 'documents-not-up',
      severity: 'error',
      comment: 'documents/ (templates, rendering, the store) is below the process: it never imports it.',
      from: { path: '^documents/' },
      to: { path: '^(workflows|clients|activities|server|cli|demo|bench|scripts|test)/' },
    },
    {
      name: 'activities-not-up',
      severity: 'error',
      comment: 'activities/ do one use case each; they may signal workflows through clients/, never reach into server/.',
      from: { path: '^activities/' },
      to: { path: '^(server|cli|bench|scripts|test)/' },
    },
    {
      name: 'clients-not-up',
      severity: 'error',
      comment: 'clients/ hold Temporal client helpers: they import messages, never workflow code (by type name).',
      from: { path: '^clients/' },
      to: {
        path: ['^(activities|server|runtime|cli)/', '^workflows/(?!.*-messages[.]ts$|messages[.]ts$|search-attributes[.]ts$)'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data|[.]tools)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
