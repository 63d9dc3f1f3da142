import { describe, expect, it } from 'vitest';
import { capText } from './alertGrouping';

describe('capText', () => {
  it('names the cap in the largest whole unit of its window', () => {
    expect(capText({ incidentsPerWindow: 5, windowSeconds: 300 })).toBe(
      '5 incidents per 5 minutes',
    );
    expect(capText({ incidentsPerWindow: 1, windowSeconds: 3600 })).toBe('1 incident per hour');
    expect(capText({ incidentsPerWindow: 20, windowSeconds: 7200 })).toBe(
      '20 incidents per 2 hours',
    );
    expect(capText({ incidentsPerWindow: 3, windowSeconds: 60 })).toBe('3 incidents per minute');
    expect(capText({ incidentsPerWindow: 3, windowSeconds: 90 })).toBe(
      '3 incidents per 90 seconds',
    );
  });

  it('says when a default leaves alerts uncapped', () => {
    expect(capText({ incidentsPerWindow: 0, windowSeconds: 300 })).toBe('no cap');
  });
});
