import { describe, expect, it } from 'vitest';
import type { IncidentAlert } from './api/alerts';
import {
  detailRows,
  heartbeatIntervalSeconds,
  integrationTarget,
  imageLinks,
  integrationTypeName,
  mergeAlerts,
  needsSeparateKey,
  safeLinks,
} from './alerts';

describe('integrationTypeName', () => {
  it('names every type a person would recognise', () => {
    expect(integrationTypeName('events_v2')).toBe('PagerDuty Events API v2');
    expect(integrationTypeName('alertmanager')).toBe('Prometheus Alertmanager');
    expect(integrationTypeName('generic')).toBe('Generic webhook');
    expect(integrationTypeName('heartbeat')).toBe('Heartbeat');
    expect(integrationTypeName('email')).toBe('Email');
  });

  it('shows an unknown type as sent', () => {
    expect(integrationTypeName('sms_gateway')).toBe('sms_gateway');
  });

  it('knows which types have a receiver and which need the key apart', () => {
    expect(integrationTarget({ type: 'events_v2', url: 'https://x/v2/enqueue' })).toEqual({
      label: 'URL',
      value: 'https://x/v2/enqueue',
    });
    expect(integrationTarget({ type: 'heartbeat', url: 'https://x/api/v1/heartbeats/k' })).toEqual({
      label: 'Ping URL',
      value: 'https://x/api/v1/heartbeats/k',
    });
    expect(
      integrationTarget({ type: 'email', url: 'mailto:k@in.example', email: 'k@in.example' }),
    ).toEqual({ label: 'Email address', value: 'k@in.example' });
    expect(integrationTarget({ type: 'generic', url: null })).toBeNull();
    expect(heartbeatIntervalSeconds('')).toBeUndefined();
    expect(heartbeatIntervalSeconds(' 15 ')).toBe(900);
    expect(heartbeatIntervalSeconds('abc')).toBeUndefined();
    expect(needsSeparateKey('events_v2')).toBe(true);
    expect(needsSeparateKey('alertmanager')).toBe(false);
  });
});

describe('detailRows', () => {
  it('gives one row per key, strings as they are and nested values as JSON', () => {
    expect(
      detailRows({ 'free space': '5%', exit: 2, ok: false, labels: { a: 'b' }, list: [1, 'x'] }),
    ).toEqual([
      { key: 'free space', value: '5%' },
      { key: 'exit', value: '2' },
      { key: 'ok', value: 'false' },
      { key: 'labels', value: '{"a":"b"}' },
      { key: 'list', value: '[1,"x"]' },
    ]);
  });

  it('shows null values as null', () => {
    expect(detailRows({ gone: null })).toEqual([{ key: 'gone', value: 'null' }]);
  });

  it('gives nothing for no details and one row for a scalar or an array', () => {
    expect(detailRows(null)).toEqual([]);
    expect(detailRows(undefined)).toEqual([]);
    expect(detailRows({})).toEqual([]);
    expect(detailRows('disk full')).toEqual([{ key: 'details', value: 'disk full' }]);
    expect(detailRows([1, 2])).toEqual([{ key: 'details', value: '[1,2]' }]);
  });
});

describe('safeLinks', () => {
  it('keeps only http and https links, with their text or address', () => {
    expect(
      safeLinks([
        { href: 'https://runbooks.example.com/disk', text: 'Runbook' },
        { href: 'http://grafana.example.com/d/1', text: null },
        { href: 'javascript:alert(1)', text: 'click me' },
        { href: 'data:text/html,<b>x</b>', text: 'data' },
        { href: 'not a url', text: 'broken' },
        { href: 'https://x.example.com', text: '  ' },
      ]),
    ).toEqual([
      { href: 'https://runbooks.example.com/disk', text: 'Runbook' },
      { href: 'http://grafana.example.com/d/1', text: 'http://grafana.example.com/d/1' },
      { href: 'https://x.example.com/', text: 'https://x.example.com' },
    ]);
  });

  it('takes no links', () => {
    expect(safeLinks(null)).toEqual([]);
    expect(safeLinks(undefined)).toEqual([]);
  });
});

describe('imageLinks', () => {
  it("links to the image's page when safe, else the image, and drops unsafe ones", () => {
    expect(
      imageLinks([
        { src: 'https://g.example.com/r.png', href: 'https://g.example.com/d', alt: 'Disk' },
        { src: 'https://g.example.com/r2.png', href: 'javascript:x', alt: null },
        { src: 'javascript:alert(1)', href: null, alt: 'bad' },
      ]),
    ).toEqual([
      { href: 'https://g.example.com/d', text: 'Disk' },
      { href: 'https://g.example.com/r2.png', text: 'Image 2' },
    ]);
  });
});

describe('mergeAlerts', () => {
  const alert = (id: string, summary = id) => ({ id, summary }) as unknown as IncidentAlert;

  it('puts the polled first page first and drops older copies', () => {
    const merged = mergeAlerts([alert('c'), alert('b', 'new b')], [alert('b'), alert('a')]);
    expect(merged.map((a) => [a.id, a.summary])).toEqual([
      ['c', 'c'],
      ['b', 'new b'],
      ['a', 'a'],
    ]);
  });

  it('keeps each older alert once', () => {
    expect(mergeAlerts([], [alert('a'), alert('a')]).map((a) => a.id)).toEqual(['a']);
  });
});
