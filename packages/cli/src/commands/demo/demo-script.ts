import type { FakeAgentStep } from '@patchloop/sandbox';

/** The sample repository the demo works on: a tiny widget module and its own check. */
export const demoRepositoryFiles: Readonly<Record<string, string>> = {
  'README.md': '# Widgets\n\nA tiny library. `widgetMode` says how fast widgets run.\n',
  'package.json': '{ "name": "widgets", "type": "module", "private": true }\n',
  'src/widget.js': "export const widgetMode = 'slow';\n",
  'scripts/check.mjs': [
    "import { widgetMode } from '../src/widget.js';",
    "if (widgetMode !== 'fast') {",
    "  console.error('expected widgetMode to be fast, got ' + widgetMode);",
    '  process.exit(1);',
    '}',
    "console.log('widgets ok');",
    '',
  ].join('\n'),
};

/** What the scripted coding CLI answers for `patchloop review`, call by call (the last repeats). */
export const reviewAgentScript: ReadonlyArray<readonly FakeAgentStep[]> = [
  [
    {
      kind: 'printJson',
      value: { classification: 'ANSWERABLE', reason: 'a clear defect report', confidence: 0.9 },
    },
  ],
  [
    {
      kind: 'print',
      text: [
        'This is a defect: `src/widget.js` sets `widgetMode` to `slow`, so every widget starts slow.',
        '',
        '- Set the default to `fast` in `src/widget.js`.',
        '- `node scripts/check.mjs` verifies the default.',
      ].join('\n'),
    },
  ],
  [
    {
      kind: 'print',
      text: [
        '- Necessity: fixes the slow default reported in the issue',
        '- Linked issue: closes the issue',
        '- PR type: fix',
        '- Description completeness: complete',
        '- Ready to merge: yes',
        'Main problems: no blocking problems found',
      ].join('\n'),
    },
  ],
];

/** What the scripted coding CLI answers for `patchloop code`: a plan, the fix, then the repair. */
export const codeAgentScript: ReadonlyArray<readonly FakeAgentStep[]> = [
  [
    {
      kind: 'printJson',
      value: {
        triage: {
          task_type: 'bug_fix',
          action: 'auto_fix',
          risk_level: 'low',
          reason: 'clear defect',
          confidence: 0.9,
        },
        plan: {
          goal: 'Make widgets fast by default',
          assumptions: [],
          acceptance_criteria: ['widgetMode defaults to fast'],
          risk_level: 'low',
          estimated_files: ['src/widget.js', 'test/widget.test.js'],
          suggested_tests: ['node scripts/check.mjs'],
          needs_human_approval: false,
          blocked_reasons: [],
        },
      },
    },
  ],
  [
    { kind: 'write', path: 'src/widget.js', content: "export const widgetMode = 'fast';\n" },
    {
      kind: 'write',
      path: 'test/widget.test.js',
      content:
        "import { widgetMode } from '../src/widget.js';\nif (widgetMode !== 'fast') process.exit(1);\n",
    },
    { kind: 'print', text: 'Set widgetMode to fast and added a test for the default.' },
  ],
  [
    {
      kind: 'write',
      path: 'src/widget.js',
      content: "// How fast widgets run by default.\nexport const widgetMode = 'fast';\n",
    },
    { kind: 'print', text: 'Documented widgetMode as the reviewer asked.' },
  ],
];
