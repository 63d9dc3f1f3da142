import { describe, expect, it } from 'vitest';
import type { SlaPolicy } from '../api/support';
import {
  definitionOf,
  draftOf,
  newDraft,
  officeHours,
  targetText,
  windowsText,
  windowText,
} from './sla';

describe('the SLA policy editor', () => {
  it('starts with every priority and around the clock', () => {
    const draft = newDraft('Europe/Berlin');
    expect(draft.targets.map((t) => t.priority)).toEqual(['urgent', 'high', 'normal', 'low']);
    const body = definitionOf({ ...draft, name: 'Premium', tier: ' premium ' });
    expect(body.businessHours).toBeNull();
    expect(body.tier).toBe('premium');
    expect(body.warningPercent).toBe(75);
    expect(body.escalationPolicyId).toBeNull();
    // Blank minutes go as null so the API names the field that needs one.
    expect(body.targets[0]).toEqual({
      priority: 'urgent',
      firstResponseMinutes: null,
      nextResponseMinutes: null,
      resolutionMinutes: null,
    });
  });

  it('sends business hours with their holidays, one date a line', () => {
    const draft = {
      ...newDraft('America/New_York'),
      allDay: false,
      holidays: '2026-12-25\n 2027-01-01 \n\n',
      targets: [{ priority: 'urgent', first: '30', next: '', resolution: '240' }],
    };
    const body = definitionOf(draft);
    expect(body.businessHours?.timeZone).toBe('America/New_York');
    expect(body.businessHours?.windows).toHaveLength(5);
    expect(body.businessHours?.holidays).toEqual(['2026-12-25', '2027-01-01']);
    expect(body.targets).toEqual([
      {
        priority: 'urgent',
        firstResponseMinutes: 30,
        nextResponseMinutes: null,
        resolutionMinutes: 240,
      },
    ]);
  });

  it('reads a saved policy back into the editor', () => {
    const policy: SlaPolicy = {
      id: 'p',
      name: 'Premium',
      tier: 'premium',
      targets: [
        {
          priority: 'high',
          firstResponseMinutes: 60,
          nextResponseMinutes: null,
          resolutionMinutes: 480,
        },
      ],
      businessHours: {
        timeZone: 'America/New_York',
        windows: [
          { startDay: 'FRIDAY', startTime: '22:00:00', endDay: 'MONDAY', endTime: '06:00' },
        ],
        holidays: ['2026-12-25'],
      },
      warningPercent: 80,
      escalationPolicyId: 'e',
      createdAt: '',
      updatedAt: '',
    };
    const draft = draftOf(policy, 'UTC');
    expect(draft.allDay).toBe(false);
    expect(draft.windows[0]!.startTime).toBe('22:00');
    expect(draft.targets[0]).toEqual({
      priority: 'high',
      first: '60',
      next: '',
      resolution: '480',
    });
    expect(definitionOf(draft).businessHours?.holidays).toEqual(['2026-12-25']);
    expect(windowText(draft.windows[0]!)).toBe('Fri 22:00 – Mon 06:00');
    expect(targetText(480)).toBe('8 h');
    expect(targetText(30)).toBe('30 min');
    expect(targetText(1590)).toBe('1 d 2 h 30 min');
    expect(targetText(null)).toBe('no clock');
  });
});

describe('business hours in words', () => {
  it('joins consecutive days with the same hours', () => {
    expect(windowsText(officeHours())).toBe('Mon–Fri 09:00–17:00');
    expect(
      windowsText([
        ...officeHours().slice(0, 2),
        { startDay: 'THURSDAY', startTime: '09:00', endDay: 'THURSDAY', endTime: '17:00' },
        { startDay: 'FRIDAY', startTime: '22:00', endDay: 'MONDAY', endTime: '06:00' },
      ]),
    ).toBe('Mon–Tue 09:00–17:00, Thu 09:00–17:00, Fri 22:00 – Mon 06:00');
  });
});
