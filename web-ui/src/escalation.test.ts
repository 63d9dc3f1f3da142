import { describe, expect, it } from 'vitest';
import type { EscalationPolicy } from './api/policies';
import {
  addStep,
  addTarget,
  definitionOf,
  delayText,
  draftOf,
  moveStep,
  removeStep,
  removeTarget,
  simpleHours,
  updateTarget,
  weeklyWindows,
  windowText,
} from './escalation';

const policy: EscalationPolicy = {
  id: 'p1',
  name: 'Checkout',
  description: '',
  repeatCount: 2,
  steps: [
    { delayMinutes: 5, targets: [{ type: 'user', id: 'u1', name: 'Ann' }] },
    {
      delayMinutes: 30,
      targets: [{ type: 'team', id: 't1', teamMode: 'round_robin', name: 'SRE' }],
    },
  ],
  unreachable: [],
  createdAt: '2026-12-07T10:00:00Z',
  updatedAt: '2026-12-07T10:00:00Z',
};

describe('the policy draft', () => {
  it('round-trips a policy into the body the API takes', () => {
    expect(definitionOf(draftOf(policy))).toEqual({
      name: 'Checkout',
      description: undefined,
      repeatCount: 2,
      steps: [
        { delayMinutes: 5, targets: [{ type: 'user', id: 'u1' }] },
        { delayMinutes: 30, targets: [{ type: 'team', id: 't1', teamMode: 'round_robin' }] },
      ],
    });
  });

  it('sends blanks as null so the API names every missing field at once', () => {
    let draft = addStep(draftOf(policy));
    draft = { ...draft, repeatCount: '' };
    draft.steps[2]!.delayMinutes = ' ';
    const body = definitionOf(draft);
    expect(body.repeatCount).toBeNull();
    expect(body.steps[2]).toEqual({ delayMinutes: null, targets: [{ type: 'user', id: null }] });
  });

  it('moves steps with their keys, and ignores moves off either end', () => {
    const draft = draftOf(policy);
    const [first, second] = draft.steps;
    const moved = moveStep(draft, 1, -1);
    expect(moved.steps.map((s) => s.key)).toEqual([second!.key, first!.key]);
    expect(moveStep(draft, 0, -1)).toBe(draft);
    expect(moveStep(draft, 1, 1)).toBe(draft);
    expect(removeStep(moved, 0).steps.map((s) => s.key)).toEqual([first!.key]);
  });

  it('adds and removes targets, and forgets the id when the kind changes', () => {
    let draft = addTarget(draftOf(policy), 0);
    expect(draft.steps[0]!.targets).toHaveLength(2);
    draft = updateTarget(draft, 0, 0, { type: 'schedule' });
    expect(draft.steps[0]!.targets[0]).toMatchObject({ type: 'schedule', id: '' });
    draft = updateTarget(draft, 0, 0, { id: 's9' });
    expect(draft.steps[0]!.targets[0]).toMatchObject({ type: 'schedule', id: 's9' });
    draft = removeTarget(draft, 0, 1);
    expect(definitionOf(draft).steps[0]!.targets).toEqual([{ type: 'schedule', id: 's9' }]);
  });

  it('says what happens after each step', () => {
    expect(delayText(5, 0, 2, 0)).toBe('then 5 min before step 2');
    expect(delayText(90, 1, 2, 1)).toBe(
      'then 1 h 30 min before starting over at step 1 (1 more round)',
    );
    expect(delayText(60, 1, 2, 0)).toBe('then 1 h; if nobody has acknowledged, paging stops');
  });
});

describe('support hours', () => {
  it('makes one window per chosen day, over midnight when the end is earlier', () => {
    expect(weeklyWindows(['FRIDAY', 'MONDAY'], '09:00', '18:00')).toEqual([
      { startDay: 'MONDAY', startTime: '09:00', endDay: 'MONDAY', endTime: '18:00' },
      { startDay: 'FRIDAY', startTime: '09:00', endDay: 'FRIDAY', endTime: '18:00' },
    ]);
    expect(weeklyWindows(['SUNDAY'], '22:00', '06:00')).toEqual([
      { startDay: 'SUNDAY', startTime: '22:00', endDay: 'MONDAY', endTime: '06:00' },
    ]);
  });

  it('reads regular hours back into the simple form, and not irregular ones', () => {
    const regular = weeklyWindows(['MONDAY', 'TUESDAY'], '09:00', '17:30').map((w) => ({
      ...w,
      startTime: `${w.startTime}:00`,
      endTime: `${w.endTime}:00`,
    }));
    expect(simpleHours(regular)).toEqual({
      days: ['MONDAY', 'TUESDAY'],
      start: '09:00',
      end: '17:30',
    });
    expect(
      simpleHours([
        { startDay: 'MONDAY', startTime: '09:00', endDay: 'MONDAY', endTime: '17:00' },
        { startDay: 'TUESDAY', startTime: '10:00', endDay: 'TUESDAY', endTime: '17:00' },
      ]),
    ).toBeNull();
    expect(simpleHours([])).toBeNull();
  });

  it('words a window', () => {
    expect(
      windowText({ startDay: 'MONDAY', startTime: '09:00:00', endDay: 'MONDAY', endTime: '18:00' }),
    ).toBe('Monday 09:00–18:00');
    expect(
      windowText({ startDay: 'FRIDAY', startTime: '22:00', endDay: 'MONDAY', endTime: '06:00' }),
    ).toBe('Friday 22:00 – Monday 06:00');
  });
});
