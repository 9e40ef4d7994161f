import { describe, expect, it } from 'vitest';
import { buildPrBody } from './pr-body.js';
import { extractScopeOfChange } from './scope-of-change.js';
import { aChangedFile, anExecutionPlan, anInspectionReport, aValidationReport } from './test-builders.js';

describe('extractScopeOfChange', () => {
  it('reads the paths under Scope Of Change up to the next heading', () => {
    const body = '## Scope Of Change\n- `main.py`\n- `tests/test_main.py`\n\n## Issue Link\n- `other.py`';

    expect(extractScopeOfChange(body)).toEqual(['main.py', 'tests/test_main.py']);
  });

  it.each([
    ['## Scope Of Change\n- none\n', []],
    ['## Scope Of Change\r\n- 无\r\n', []],
    ['## Scope Of Change\n- `a.ts`\n- ... and 3 more files\n', ['a.ts']],
    ['## Summary\n- `a.ts`\n', []],
    ['', []],
  ])('extracts %j as %j', (body, paths) => {
    expect(extractScopeOfChange(body)).toEqual(paths);
  });

  it('reads back the paths a PatchLoop body lists, including odd names', () => {
    const files = [
      'src/a.ts',
      'docs/we`ird.md',
      ...Array.from({ length: 12 }, (_, index) => `src/f${index}.ts`),
    ];
    const body = buildPrBody({
      issue: { number: 4, title: 'Fix it' },
      taskType: 'bug_fix',
      labels: [],
      plan: anExecutionPlan(),
      inspection: anInspectionReport(files.map((path) => aChangedFile(path))),
      validation: aValidationReport(),
      validationCommands: [],
      explicit: false,
    });

    expect(extractScopeOfChange(body)).toEqual(files.slice(0, 12));
  });
});
