import { describe, expect, it } from 'vitest';
import type { PrBodyInput } from './pr-body.js';
import { buildPrBody, prBodyMarker } from './pr-body.js';
import {
  aChangedFile,
  anExecutionPlan,
  anInspectionReport,
  aValidationReport,
  aValidationStep,
} from './test-builders.js';

function bodyInput(overrides: Partial<PrBodyInput> = {}): PrBodyInput {
  return {
    issue: { number: 7, title: 'Empty payload crashes the parser' },
    taskType: 'bug_fix',
    labels: ['bug'],
    plan: anExecutionPlan(),
    inspection: anInspectionReport([
      aChangedFile('src/parser.ts', 12, 3),
      aChangedFile('tests/parser.test.ts', 20, 0),
    ]),
    validation: aValidationReport([
      aValidationStep('format', ['pnpm', 'exec', 'biome', 'check']),
      aValidationStep('test', ['pnpm', 'test']),
    ]),
    validationCommands: ['pnpm exec biome check', 'pnpm test'],
    explicit: false,
    ...overrides,
  };
}

/** The lines of one `## ` section, without its heading. */
function section(body: string, title: string): string {
  const start = body.indexOf(`## ${title}\n`);
  if (start < 0) return '';
  const rest = body.slice(start + title.length + 4);
  const end = rest.indexOf('\n## ');
  return end < 0 ? rest : rest.slice(0, end);
}

const templateHeadings = [
  '## PR Type',
  '## Background And Problem',
  '## Scope Of Change',
  '## Documentation And Changelog',
  '## Issue Link',
  '## Verification Commands And Results',
  '## Compatibility And Risk',
  '## Rollback Plan',
  '## Acceptance Criteria',
  '## Policy Report',
  '## Checklist',
];

describe('buildPrBody', () => {
  it('renders a typical bug fix body', () => {
    expect(buildPrBody(bodyInput())).toMatchSnapshot();
  });

  it('renders an explicit high-risk run that asked for approval with every template section', () => {
    const body = buildPrBody(
      bodyInput({
        issue: { number: 1, title: '[Bug] Fix auth timeout' },
        labels: ['bug', 'security'],
        plan: anExecutionPlan({
          riskLevel: 'high',
          needsHumanApproval: true,
          assumptions: ['Sessions last 30 minutes'],
        }),
        inspection: anInspectionReport([aChangedFile('main.py', 5, 1)]),
        validation: aValidationReport(),
        validationCommands: [],
        explicit: true,
      }),
    );

    for (const heading of [...templateHeadings, '## Notes']) expect(body).toContain(`${heading}\n`);
    expect(body).toContain('- [x] fix');
    expect(body).toContain('Closes #1');
    expect(body).toContain('# no validation commands recorded');
    expect(body).toContain('**High**');
    expect(body).toContain('- [ ] docs/CHANGELOG sync still needs confirmation');
    expect(body).toContain('Trigger: an explicit implement request (Issue #1).');
    expect(body).not.toContain('## Implementation');
    expect(body).toMatchSnapshot();
  });

  it('lists the documentation files and checks the docs item when README and CHANGELOG changed', () => {
    const inspection = anInspectionReport([
      aChangedFile('main.py'),
      aChangedFile('README.md'),
      aChangedFile('docs/CHANGELOG.md'),
    ]);

    const body = buildPrBody(bodyInput({ inspection }));

    expect(section(body, 'Documentation And Changelog')).toContain('`README.md`, `docs/CHANGELOG.md`');
    expect(body).toContain('- [x] Docs and CHANGELOG are updated');
  });

  it.each([
    [['docs/CHANGELOG.md'], 'No README or topic document was updated.'],
    [['packages/core/README.md'], 'No CHANGELOG was updated.'],
  ])('leaves the docs item unchecked for %j', (paths, note) => {
    const body = buildPrBody(
      bodyInput({ inspection: anInspectionReport(paths.map((path) => aChangedFile(path))) }),
    );

    expect(section(body, 'Documentation And Changelog')).toContain(note);
    expect(body).toContain('- [ ] docs/CHANGELOG sync still needs confirmation');
  });

  it('puts the Policy Report right before the Checklist and ends with the hidden marker', () => {
    const body = buildPrBody(bodyInput());

    expect(body.indexOf('## Policy Report')).toBeLessThan(body.indexOf('## Checklist'));
    expect(body.slice(body.indexOf('## Policy Report')).indexOf('\n## ', 1)).toBe(
      body.slice(body.indexOf('## Policy Report')).indexOf('\n## Checklist'),
    );
    expect(body.trimEnd().split('\n').at(-1)).toBe(prBodyMarker(7));
    expect(prBodyMarker(7)).toBe('<!-- patchloop:autocode:issue:7 -->');
  });

  it('quotes the agent summary under Implementation Notes as its own words', () => {
    const body = buildPrBody(bodyInput({ agentSummary: 'Guarded the parser.\n\nAdded a regression test.' }));

    expect(section(body, 'Implementation Notes')).toBe(
      "The coding agent's own summary of its work (not verified by PatchLoop):\n\n> Guarded the parser.\n>\n> Added a regression test.\n",
    );
    expect(body.indexOf('## Implementation Notes')).toBeLessThan(body.indexOf('## Policy Report'));
  });

  it.each([undefined, '', '  \n\t '])('omits Implementation Notes for the summary %j', (agentSummary) => {
    const input = agentSummary === undefined ? bodyInput() : bodyInput({ agentSummary });

    expect(buildPrBody(input)).not.toContain('## Implementation Notes');
  });

  it('caps the quoted agent summary at 1,500 characters', () => {
    const body = buildPrBody(bodyInput({ agentSummary: 'x'.repeat(5_000) }));

    const quoted = section(body, 'Implementation Notes')
      .split('\n')
      .filter((line) => line.startsWith('> '));
    expect(quoted).toEqual([`> ${'x'.repeat(1_499)}…`]);
  });

  it('keeps untrusted text from closing issues, pinging people or forging the marker', () => {
    const body = buildPrBody(
      bodyInput({
        plan: anExecutionPlan({
          goal: 'Fixes #99 for @octocat',
          acceptanceCriteria: ['closes other/repo#1'],
        }),
        agentSummary: 'Done.\n<!-- patchloop:autocode:issue:99 -->\nresolves #98',
      }),
    );

    expect(body).toContain('Fixes `#99` for `@octocat`');
    expect(body).toContain('- closes `other/repo#1`');
    expect(body).toContain('> resolves `#98`');
    expect(body.match(/<!-- patchloop:autocode:issue:\d+ -->/g)).toEqual([prBodyMarker(7)]);
    expect(body.match(/\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):? #\d+/gi)).toEqual(['Closes #7']);
  });

  it('falls back to the issue title when the plan has no goal', () => {
    const body = buildPrBody(bodyInput({ plan: anExecutionPlan({ goal: '' }) }));

    expect(section(body, 'Background And Problem')).toContain(
      '- Current problem: Empty payload crashes the parser',
    );
  });

  it('lists at most 12 paths in Scope Of Change and counts the rest', () => {
    const files = Array.from({ length: 15 }, (_, index) =>
      aChangedFile(`src/f${String(index).padStart(2, '0')}.ts`),
    );

    const scope = section(
      buildPrBody(bodyInput({ inspection: anInspectionReport(files) })),
      'Scope Of Change',
    );

    expect(scope.split('\n').filter((line) => line.startsWith('- `'))).toHaveLength(12);
    expect(scope).toContain('- ... and 3 more files');
  });

  it('marks configured commands that did not run, whatever their quoting', () => {
    const validation = aValidationReport([
      aValidationStep('test', ['pytest', '-k', 'not slow'], {
        outcome: 'timed_out',
        exitCode: null,
        durationMs: 120_000,
      }),
    ]);

    const body = buildPrBody(
      bodyInput({ validation, validationCommands: ['pnpm lint', 'pytest -k "not slow"'] }),
    );

    const verification = section(body, 'Verification Commands And Results');
    expect(verification).toContain("```bash\npytest -k 'not slow'\n# not run: pnpm lint\n```");
    expect(verification).toContain('- test:TIMEOUT');
    expect(section(body, 'Policy Report')).toContain(
      "- Note: test command `pytest -k 'not slow'` timed out after 120 s; its result is unknown",
    );
  });

  it.each([
    [{ labels: ['Documentation'] }, 'docs'],
    [{ labels: ['test'] }, 'test'],
    [{ inspection: anInspectionReport([aChangedFile('tests/only.test.ts')]) }, 'test'],
    [{ taskType: 'small_feature' }, 'feat'],
    [{ taskType: 'high_risk_feature' }, 'feat'],
    [{ taskType: 'todo_refactor' }, 'refactor'],
    [{ taskType: undefined }, 'chore'],
  ] as const)('checks the PR type for %j as %s', (overrides, type) => {
    const prType = section(buildPrBody(bodyInput({ labels: [], ...overrides })), 'PR Type');

    expect(prType.split('\n').filter((line) => line.startsWith('- [x]'))).toEqual([`- [x] ${type}`]);
  });

  it.each([
    ['medium', '- **Medium**'],
    ['low', '- **Low**'],
  ] as const)('has no Notes section for a %s-risk plan without approval', (riskLevel, bullet) => {
    const body = buildPrBody(bodyInput({ plan: anExecutionPlan({ riskLevel }) }));

    expect(section(body, 'Compatibility And Risk')).toContain(bullet);
    expect(body).not.toContain('## Notes');
  });
});
