// The schedule's timeline: one lane per layer, the overrides, and the final schedule with its
// gaps, over a day or one or two weeks. Every block is a button whose name says who and from–to
// (in the viewer's zone, zone named), so the lanes read by keyboard and screen reader too;
// hovering or focusing one repeats it in the line under the lanes.

import { useState } from 'preact/hooks';
import { formatShort } from '../ui/time';
import { place, SPANS, ticks, type Span } from '../schedule-timeline';

export interface Block {
  userId: string | null;
  start: number;
  end: number;
  /** A draft override, drawn as such. */
  draft?: boolean;
}

export interface Lane {
  key: string;
  name: string;
  blocks: Block[];
  kind: 'final' | 'overrides' | 'layer';
}

const PALETTE = 8;

/** A stable colour slot per person, so one person looks the same in every lane. */
export function colourOf(userId: string): number {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return h % PALETTE;
}

export function blockText(
  block: Block,
  nameOf: (id: string) => string,
  viewerZone: string,
  scheduleZone: string,
): string {
  const who = block.userId ? nameOf(block.userId) : 'No one on call';
  const start = new Date(block.start).toISOString();
  const end = new Date(block.end).toISOString();
  const range = `${formatShort(start, viewerZone)} – ${formatShort(end, viewerZone)}`;
  const local =
    scheduleZone !== viewerZone
      ? ` (${formatShort(start, scheduleZone)} – ${formatShort(end, scheduleZone)} in ${scheduleZone})`
      : '';
  return `${who}${block.draft ? ' (draft)' : ''}: ${range}${local}`;
}

interface TimelineProps {
  lanes: Lane[];
  from: number;
  to: number;
  span: Span;
  viewerZone: string;
  scheduleZone: string;
  now: number;
  nameOf: (id: string) => string;
}

export function Timeline(props: TimelineProps) {
  const { from, to, viewerZone, scheduleZone, nameOf } = props;
  const [detail, setDetail] = useState<string>('');
  const axis = ticks(from, to, viewerZone, props.span);
  const nowAt = place(from, to, props.now, props.now + 1);
  return (
    <div class="timeline-chart">
      <div class="lane axis" aria-hidden="true">
        <span class="lane-name" />
        <div class="lane-track">
          {axis.map((t) => (
            <span class="tick" key={t.at} style={{ left: `${t.left}%` }}>
              {t.label}
            </span>
          ))}
        </div>
      </div>
      {props.lanes.map((lane) => (
        <div
          class={`lane ${lane.kind}`}
          key={lane.key}
          role="group"
          aria-label={lane.name}
          data-lane={lane.kind === 'layer' ? `layer:${lane.name}` : lane.kind}
        >
          <span class="lane-name">{lane.name}</span>
          <div class="lane-track">
            {axis.map((t) => (
              <span class="gridline" key={t.at} style={{ left: `${t.left}%` }} aria-hidden="true" />
            ))}
            {nowAt && (
              <span class="now-line" style={{ left: `${nowAt.left}%` }} aria-hidden="true" />
            )}
            {lane.blocks.length === 0 && (
              <span class="lane-empty">
                {lane.kind === 'overrides' ? 'No overrides in this view' : 'Nobody in this view'}
              </span>
            )}
            {lane.blocks.map((b) => {
              const at = place(from, to, b.start, b.end);
              if (!at) return null;
              const text = blockText(b, nameOf, viewerZone, scheduleZone);
              const colour = b.userId ? `c${colourOf(b.userId)}` : 'gap';
              return (
                <button
                  type="button"
                  key={`${b.start}-${b.userId}`}
                  class={`block ${colour}${b.draft ? ' draft' : ''}`}
                  style={{ left: `${at.left}%`, width: `${at.width}%` }}
                  aria-label={text}
                  title={text}
                  data-start={new Date(b.start).toISOString()}
                  data-end={new Date(b.end).toISOString()}
                  onFocus={() => setDetail(`${lane.name}: ${text}`)}
                  onMouseEnter={() => setDetail(`${lane.name}: ${text}`)}
                >
                  <span class="block-name">{b.userId ? nameOf(b.userId) : 'Gap'}</span>
                </button>
              );
            })}
          </div>
        </div>
      ))}
      <p class="timeline-detail" aria-live="polite">
        {detail || 'Hover over or tab to a block to see who and when.'}
      </p>
    </div>
  );
}

export function SpanSwitch({ span, onChange }: { span: Span; onChange: (span: Span) => void }) {
  return (
    <div class="span-switch" role="group" aria-label="Timeline length">
      {SPANS.map((s) => (
        <button
          type="button"
          key={s.value}
          class="small"
          aria-pressed={span === s.value}
          onClick={() => onChange(s.value)}
        >
          {s.label}
        </button>
      ))}
    </div>
  );
}
