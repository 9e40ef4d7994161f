import { describe, expect, it } from 'vitest';
import { createOutputCapture } from './output-capture.js';

describe('createOutputCapture', () => {
  it('keeps everything while under the cap', () => {
    const capture = createOutputCapture(100);

    capture.push(Buffer.from('hello '));
    capture.push(Buffer.from('world'));

    expect(capture.text()).toBe('hello world');
    expect(capture.truncated).toBe(false);
  });

  it('drops the oldest bytes once over the cap', () => {
    const capture = createOutputCapture(8);

    capture.push(Buffer.from('first-'));
    capture.push(Buffer.from('second'));

    expect(capture.text()).toBe('t-second');
    expect(capture.truncated).toBe(true);
  });

  it('never starts the kept text in the middle of a multi-byte character', () => {
    const capture = createOutputCapture(4);

    capture.push(Buffer.from('aéééb'));

    // "é" is two bytes, so the 4-byte tail starts with a dangling continuation byte, which is skipped.
    expect(capture.text()).toBe('éb');
  });
});
