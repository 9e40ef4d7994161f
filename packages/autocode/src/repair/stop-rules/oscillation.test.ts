import { describe, expect, it } from 'vitest';
import { detectRevert } from './oscillation.js';
import { aRepairRound } from './test-builders.js';

const hashes = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_unused, index) => `${prefix}${index}`);

describe('detectRevert', () => {
  it.each([
    {
      rule: 'removing 3 of the 4 lines an earlier round added is a revert',
      earlier: { added: hashes('a', 4), removed: [] },
      candidate: { added: [], removed: hashes('a', 3) },
      expected: { reverts: true, round: 1, share: 0.75 },
    },
    {
      rule: 'removing exactly half of an earlier round’s added lines is a revert',
      earlier: { added: hashes('a', 6), removed: [] },
      candidate: { added: ['new'], removed: hashes('a', 3) },
      expected: { reverts: true, round: 1, share: 0.5 },
    },
    {
      rule: 'removing all of a two-line round is not a revert, as fewer than 3 lines are involved',
      earlier: { added: hashes('a', 2), removed: [] },
      candidate: { added: [], removed: hashes('a', 2) },
      expected: { reverts: false },
    },
    {
      rule: 'removing 3 of 7 added lines is not a revert, as it is less than half',
      earlier: { added: hashes('a', 7), removed: [] },
      candidate: { added: [], removed: hashes('a', 3) },
      expected: { reverts: false },
    },
    {
      rule: 'restoring 3 of the 5 lines an earlier round removed is a revert',
      earlier: { added: [], removed: hashes('r', 5) },
      candidate: { added: hashes('r', 3), removed: [] },
      expected: { reverts: true, round: 1, share: 0.6 },
    },
    {
      rule: 'adding lines an earlier round also added is not a revert',
      earlier: { added: hashes('a', 4), removed: [] },
      candidate: { added: hashes('a', 4), removed: [] },
      expected: { reverts: false },
    },
    {
      rule: 'unrelated changes are not a revert',
      earlier: { added: hashes('a', 4), removed: hashes('r', 4) },
      candidate: { added: hashes('x', 4), removed: hashes('y', 4) },
      expected: { reverts: false },
    },
  ])('$rule', ({ earlier, candidate, expected }) => {
    const rounds = [
      aRepairRound({ round: 1, addedLineHashes: earlier.added, removedLineHashes: earlier.removed }),
    ];

    const check = detectRevert(candidate, rounds);

    expect(check).toEqual(expected);
  });

  it('finds no revert when there is no earlier round', () => {
    expect(detectRevert({ added: hashes('a', 5), removed: hashes('r', 5) }, [])).toEqual({ reverts: false });
  });

  it('counts an earlier round’s repeated hashes once', () => {
    const rounds = [aRepairRound({ addedLineHashes: ['a0', 'a0', 'a0', 'a1', 'a2', 'a3'] })];

    const check = detectRevert({ added: [], removed: ['a0', 'a1', 'a2'] }, rounds);

    expect(check).toEqual({ reverts: true, round: 1, share: 0.75 });
  });

  it('reports the round with the largest reverted share', () => {
    const rounds = [
      aRepairRound({ round: 1, addedLineHashes: hashes('a', 4) }),
      aRepairRound({ round: 2, addedLineHashes: hashes('b', 6) }),
    ];

    const check = detectRevert({ added: [], removed: [...hashes('a', 2), ...hashes('b', 6)] }, rounds);

    expect(check).toEqual({ reverts: true, round: 2, share: 1 });
  });

  it('reports the latest round when two rounds are reverted by the same share', () => {
    const rounds = [
      aRepairRound({ round: 2, addedLineHashes: hashes('b', 3) }),
      aRepairRound({ round: 1, addedLineHashes: hashes('a', 3) }),
    ];

    const check = detectRevert({ added: [], removed: [...hashes('a', 3), ...hashes('b', 3)] }, rounds);

    expect(check).toEqual({ reverts: true, round: 2, share: 1 });
  });
});
