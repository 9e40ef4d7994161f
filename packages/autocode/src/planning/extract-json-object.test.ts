import { AppError } from '@patchloop/core';
import { describe, expect, it } from 'vitest';
import { extractJsonObject } from './extract-json-object.js';

describe('extractJsonObject', () => {
  it.each([
    ['a bare object', '{"a": 1}', { a: 1 }],
    ['an object with surrounding whitespace', '\n  {"a": 1}  \n', { a: 1 }],
    ['a json-tagged fence', 'Here:\n```json\n{"a": 1}\n```\nDone.', { a: 1 }],
    ['a fence with another language tag', '```js\n{"a": 2}\n```', { a: 2 }],
    ['an untagged fence', 'Plan:\n```\n{"a": 3}\n```', { a: 3 }],
    ['the json fence before an earlier plain fence', '```\nnot json\n```\n```json\n{"a": 4}\n```', { a: 4 }],
    ['an object inside prose', 'I think {"a": 5} is right.', { a: 5 }],
    ['braces inside strings', 'x {"a": "} {", "b": {"c": [1, "]"]}} y', { a: '} {', b: { c: [1, ']'] } }],
  ])('reads %s', (_name, text, expected) => {
    const value = extractJsonObject(text, 'test answer');

    expect(value).toEqual(expected);
  });

  it('takes the first decodable object, not the last', () => {
    const value = extractJsonObject('one {"first": true} two {"second": true}', 'ctx');

    expect(value).toEqual({ first: true });
  });

  it('skips a broken object and takes the next decodable one', () => {
    const value = extractJsonObject('{"broken": } then {"ok": 1}', 'ctx');

    expect(value).toEqual({ ok: 1 });
  });

  it('names the context when no object decodes', () => {
    expect(() => extractJsonObject('prefix {"broken": } suffix', 'idle narrative')).toThrow(/idle narrative/);
  });

  it('quotes the first 200 characters of the answer in the error', () => {
    const text = `${'a'.repeat(200)}TAIL`;

    expect(() => extractJsonObject(text, 'ctx')).toThrow(`${'a'.repeat(200)}`);
    expect(() => extractJsonObject(text, 'ctx')).not.toThrow('TAIL');
  });

  it('throws an AGENT_ANSWER_INVALID error', () => {
    expect(() => extractJsonObject('nothing here', 'ctx')).toThrow(
      expect.objectContaining({ code: 'AGENT_ANSWER_INVALID' }),
    );
    expect(() => extractJsonObject('nothing here', 'ctx')).toThrow(AppError);
  });

  it('refuses a JSON value that is not an object without scanning further', () => {
    expect(() => extractJsonObject('[1,2]', 'idle narrative')).toThrow('idle narrative is not a JSON object');
    expect(() => extractJsonObject('[{"a": 1}]', 'ctx')).toThrow('ctx is not a JSON object');
  });
});
