// One schedule: who is on call now and the next hand-offs, the timeline (layers, overrides, final
// schedule, gaps) over a day or one or two weeks, the layers and overrides with their editors
// (the timeline previews a draft before it is saved), and the schedule's calendar feed.

import { useMemo, useState } from 'preact/hooks';
import { navigate } from 'wouter-preact/use-browser-location';
import { api, type User } from '../api';
import {
  addLayer,
  createOverride,
  deleteOverride,
  deleteSchedule,
  editLayer,
  endLayer,
  getSchedule,
  listOverrides,
  scheduleOnCall,
  scheduleShifts,
  updateSchedule,
  type Layer,
  type Override,
  type Schedule,
  type Shifts,
} from '../api/schedules';
import { computeTimeline, type CalcTimeline } from '../schedule-calc';
import {
  applyLayerDraft,
  DRAFT_ID,
  moveDate,
  today,
  upcomingHandoffs,
  windowOf,
  withOverrideDraft,
  type LayerDraft,
  type Span,
} from '../schedule-timeline';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { canRespond, useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time, useViewerZone } from '../ui/Time';
import { formatShort, fromLocalInput, toLocalInput, zoneLabel } from '../ui/time';
import { CalendarFeedBox } from './calendar-feed';
import {
  emptyLayerForm,
  LayerEditor,
  layerFormOf,
  layerInputOf,
  previewable,
  turnText,
  windowText,
  type LayerForm,
} from './layer-editor';
import { SpanSwitch, Timeline, type Block, type Lane } from './schedule-timeline';
import './schedules.css';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface LayerEdit {
  kind: 'add' | 'edit';
  layerId?: string;
  form: LayerForm;
}

interface OverrideDraft {
  userId: string;
  start: string;
  end: string;
  note: string;
}

export function SchedulePage({ params }: { params: { id: string } }) {
  const id = params.id;
  const schedule = useLoad(() => getSchedule(id, true), [id]);
  const users = useLoad(() => api.listUsers(), []);
  return (
    <Loading state={schedule}>
      {(s) => (
        <Loading state={users}>
          {(people) => <ScheduleScreen schedule={s} users={people} reload={schedule.reload} />}
        </Loading>
      )}
    </Loading>
  );
}

function ScheduleScreen({
  schedule,
  users,
  reload,
}: {
  schedule: Schedule;
  users: User[];
  reload: () => Promise<void>;
}) {
  const { session, isAdmin } = useSession();
  const announce = useAnnounce();
  const viewerZone = useViewerZone();
  const zone = schedule.timeZone;
  const mayOverride = canRespond(session.user.role);

  const [span, setSpan] = useState<Span>('week');
  const [date, setDate] = useState(() => today(viewerZone));
  const [layerEdit, setLayerEdit] = useState<LayerEdit | null>(null);
  const [override, setOverride] = useState<OverrideDraft | null>(null);
  const win = windowOf(date, span, viewerZone);
  // Shifts are fetched a week either side of the view, so a block names its whole shift, not the
  // part the view cuts out.
  const reach = { from: win.from - 7 * DAY_MS, to: win.to + 7 * DAY_MS };
  const inView = (b: { start: number; end: number }) => b.start < win.to && b.end > win.from;

  const view = useLoad(
    async () => {
      const [shifts, overrides] = await Promise.all([
        scheduleShifts(schedule.id, iso(reach.from), iso(reach.to)),
        listOverrides(schedule.id, iso(reach.from), iso(reach.to)),
      ]);
      return { shifts, overrides };
    },
    [schedule.id, win.from, win.to, schedule.updatedAt],
    { everyMs: 15_000 },
  );
  const live = useLoad(
    async () => {
      const onCall = await scheduleOnCall(schedule.id);
      const at = Date.parse(onCall.at);
      const next = await scheduleShifts(schedule.id, onCall.at, iso(at + 14 * DAY_MS));
      return { onCall, next };
    },
    [schedule.id, schedule.updatedAt],
    { everyMs: 5000 },
  );

  const names = useMemo(() => new Map(users.map((u) => [u.id, u.name])), [users]);
  const nameOf = (userId: string) =>
    names.get(userId) ?? view.data?.shifts.users[userId]?.name ?? 'Unknown user';

  const reloadAll = async () => {
    await reload();
    await Promise.all([view.reload(), live.reload()]);
  };

  // The draft the timeline previews, if it is complete enough to draw.
  const layerDraft: LayerDraft | null =
    layerEdit && previewable(layerEdit.form, zone)
      ? layerEdit.kind === 'add'
        ? { kind: 'add', input: layerInputOf(layerEdit.form, zone) }
        : { kind: 'edit', layerId: layerEdit.layerId!, input: layerInputOf(layerEdit.form, zone) }
      : null;
  const overrideDraft = override ? overrideInput(override, zone) : null;
  const previewing = layerDraft !== null || overrideDraft !== null;

  const currentLayers = schedule.layers
    .filter((l) => l.end === null || Date.parse(l.end) > Date.now())
    .sort((a, b) => b.position - a.position);

  const removeOverride = async (o: Override) => {
    if (!window.confirm(`Remove ${nameOf(o.userId)}’s override?`)) return;
    try {
      await deleteOverride(schedule.id, o.id);
      announce('Override removed.');
      await Promise.all([view.reload(), live.reload()]);
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  const end = async (layer: Layer) => {
    if (!window.confirm(`End the layer “${layer.name}” now? Its past shifts stay.`)) return;
    try {
      await endLayer(schedule.id, layer.id);
      announce(`Ended ${layer.name}.`);
      await reloadAll();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  return (
    <Page
      title={schedule.name}
      breadcrumb={{ href: '/schedules', label: 'Schedules' }}
      lead={
        <>
          Times in your zone, {zoneLabel(viewerZone)}. The schedule hands off in{' '}
          <strong>{zoneLabel(zone)}</strong>
          {schedule.team && (
            <>
              {' '}
              · Team{' '}
              <a href={`/teams/${encodeURIComponent(schedule.team.id)}`}>{schedule.team.name}</a>
            </>
          )}
          .
        </>
      }
    >
      {schedule.description && <p>{schedule.description}</p>}

      <section class="panel oncall-now" aria-labelledby="oncall-now">
        <h2 id="oncall-now">On call now</h2>
        <Loading state={live}>
          {({ onCall, next }) => (
            <>
              {onCall.user ? (
                <p class="now-who">
                  <strong>{onCall.user.name}</strong>
                  {onCall.shift && (
                    <>
                      {' '}
                      until <Time at={onCall.shift.end} style="short" />
                    </>
                  )}
                </p>
              ) : (
                <p class="now-who warn">
                  <strong>No one is on call now.</strong> Incidents that page this schedule reach
                  nobody until the next shift.
                </p>
              )}
              <NextHandoffs next={next} at={Date.parse(onCall.at)} nameOf={nameOf} />
            </>
          )}
        </Loading>
      </section>

      <section aria-labelledby="timeline-heading" class="timeline-section">
        <h2 id="timeline-heading">Timeline</h2>
        <div class="timeline-controls">
          <SpanSwitch span={span} onChange={setSpan} />
          <div class="timeline-nav" role="group" aria-label="Move the timeline">
            <button type="button" class="small" onClick={() => setDate(moveDate(date, span, -1))}>
              ← Earlier
            </button>
            <button type="button" class="small" onClick={() => setDate(today(viewerZone))}>
              Today
            </button>
            <button type="button" class="small" onClick={() => setDate(moveDate(date, span, 1))}>
              Later →
            </button>
          </div>
          <label class="goto">
            <span>Go to date</span>
            <input
              type="date"
              value={date}
              onInput={(e) => {
                const value = e.currentTarget.value;
                if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setDate(value);
              }}
            />
          </label>
        </div>
        <p class="timeline-range">
          {formatShort(iso(win.from), viewerZone)} – {formatShort(iso(win.to), viewerZone)}
        </p>
        {previewing && (
          <p class="preview-note" role="note">
            <strong>Preview:</strong> the timeline shows the schedule as it will be once you save.
            Nothing is saved yet.
          </p>
        )}
        <Loading state={view}>
          {({ shifts, overrides }) => {
            const lanes = previewing
              ? previewLanes(
                  schedule,
                  layerEdit,
                  layerDraft,
                  overrides,
                  override,
                  overrideDraft,
                  win,
                )
              : savedLanes(schedule, shifts, overrides);
            const final = lanes[0]!.blocks.filter(inView);
            return (
              <>
                <Timeline
                  lanes={lanes}
                  from={win.from}
                  to={win.to}
                  span={span}
                  viewerZone={viewerZone}
                  scheduleZone={zone}
                  now={Date.now()}
                  nameOf={nameOf}
                />
                <details class="shift-list">
                  <summary>Shifts in this view as a list ({final.length})</summary>
                  <ShiftTable
                    blocks={final}
                    nameOf={nameOf}
                    onCover={
                      mayOverride
                        ? (b) =>
                            setOverride({
                              userId: '',
                              start: toLocalInput(iso(b.start), zone),
                              end: toLocalInput(iso(b.end), zone),
                              note: b.userId ? `Covers ${nameOf(b.userId)}` : 'Covers a gap',
                            })
                        : undefined
                    }
                  />
                </details>
              </>
            );
          }}
        </Loading>
      </section>

      <section class="panel" aria-labelledby="layers-heading">
        <h2 id="layers-heading">Layers</h2>
        <p class="hint">
          A higher layer wins wherever it has someone on call; lower layers fill the rest. Overrides
          win over every layer.
        </p>
        {currentLayers.length === 0 ? (
          <Empty>
            No layer is in force: nobody is on call except by override.
            {isAdmin ? ' Add a layer below.' : ' Ask an owner or admin to add a layer.'}
          </Empty>
        ) : (
          <ul class="layer-list">
            {currentLayers.map((layer) => (
              <li key={layer.id} class="layer-card">
                <h3>{layer.name}</h3>
                <p>
                  {turnText(layer)} · {Date.parse(layer.start) > Date.now() ? 'starts' : 'since'}{' '}
                  <Time at={layer.start} style="short" />
                  {layer.end && (
                    <>
                      {' '}
                      · ends <Time at={layer.end} style="short" />
                    </>
                  )}
                </p>
                <ol class="participant-names">
                  {layer.participants.map((p, i) => (
                    <li key={`${p}-${i}`}>{nameOf(p)}</li>
                  ))}
                </ol>
                <p class="muted">
                  {layer.restrictions.length === 0
                    ? 'Always active.'
                    : `Only ${layer.restrictions.map(windowText).join('; ')} (${zone}).`}
                </p>
                {isAdmin && (
                  <div class="row-actions">
                    <button
                      type="button"
                      class="small"
                      aria-label={`Edit layer ${layer.name}`}
                      onClick={() =>
                        setLayerEdit({ kind: 'edit', layerId: layer.id, form: layerFormOf(layer) })
                      }
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="small danger"
                      aria-label={`End layer ${layer.name}`}
                      onClick={() => void end(layer)}
                    >
                      End
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {isAdmin && !layerEdit && (
          <button
            type="button"
            onClick={() =>
              setLayerEdit({
                kind: 'add',
                form: emptyLayerForm(`Layer ${currentLayers.length + 1}`),
              })
            }
          >
            Add a layer
          </button>
        )}
        {isAdmin && layerEdit && (
          <div class="editor">
            <h3>
              {layerEdit.kind === 'add'
                ? 'Add a layer'
                : `Edit layer ${schedule.layers.find((l) => l.id === layerEdit.layerId)?.name ?? ''}`}
            </h3>
            <Form
              label={layerEdit.kind === 'add' ? 'Add a layer' : 'Edit layer'}
              submit={layerEdit.kind === 'add' ? 'Add layer' : 'Save layer'}
              actions={
                <button type="button" class="ghost" onClick={() => setLayerEdit(null)}>
                  Cancel
                </button>
              }
              onSubmit={async () => {
                const input = layerInputOf(layerEdit.form, zone);
                if (layerEdit.kind === 'add') await addLayer(schedule.id, input);
                else await editLayer(schedule.id, layerEdit.layerId!, input);
                announce(
                  layerEdit.kind === 'add' ? `Added layer ${input.name}.` : `Saved ${input.name}.`,
                );
                setLayerEdit(null);
                await reloadAll();
              }}
            >
              <LayerEditor
                form={layerEdit.form}
                onChange={(form) => setLayerEdit({ ...layerEdit, form })}
                users={users}
                zone={zone}
                editing={layerEdit.kind === 'edit'}
              />
            </Form>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="overrides-heading">
        <h2 id="overrides-heading">Overrides</h2>
        <p class="hint">
          Someone on call instead, above every layer — to cover a shift, or a gap. Where two overlap
          the later one wins.
        </p>
        <Loading state={view}>
          {({ overrides: all }) => {
            const overrides = all.filter((o) =>
              inView({ start: Date.parse(o.start), end: Date.parse(o.end) }),
            );
            return overrides.length === 0 ? (
              <Empty>
                No overrides in the timeline’s view.
                {mayOverride ? ' Add one below, or cover a shift from the list of shifts.' : ''}
              </Empty>
            ) : (
              <DataTable
                caption="Overrides in the timeline’s view"
                rows={overrides}
                rowKey={(o) => o.id}
                columns={[
                  { label: 'Who', rowHeader: true, cell: (o) => nameOf(o.userId) },
                  { label: 'From', cell: (o) => <Time at={o.start} style="short" /> },
                  { label: 'To', cell: (o) => <Time at={o.end} style="short" /> },
                  { label: 'Note', cell: (o) => o.note || <span class="muted">—</span> },
                  ...(mayOverride
                    ? [
                        {
                          label: 'Actions',
                          class: 'row-actions',
                          cell: (o: Override) => (
                            <button
                              type="button"
                              class="small danger"
                              aria-label={`Remove override of ${nameOf(o.userId)}`}
                              onClick={() => void removeOverride(o)}
                            >
                              Remove
                            </button>
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            );
          }}
        </Loading>
        {mayOverride && !override && (
          <button
            type="button"
            onClick={() => setOverride({ userId: '', start: '', end: '', note: '' })}
          >
            Add an override
          </button>
        )}
        {mayOverride && override && (
          <div class="editor">
            <h3>Add an override</h3>
            <Form
              label="Add an override"
              submit="Save override"
              actions={
                <button type="button" class="ghost" onClick={() => setOverride(null)}>
                  Cancel
                </button>
              }
              onSubmit={async () => {
                await createOverride(schedule.id, {
                  userId: override.userId,
                  start: fromLocalInput(override.start, zone) ?? '',
                  end: fromLocalInput(override.end, zone) ?? '',
                  ...(override.note.trim() ? { note: override.note.trim() } : {}),
                });
                announce(`Override saved: ${nameOf(override.userId)} is on call instead.`);
                setOverride(null);
                await Promise.all([view.reload(), live.reload()]);
              }}
            >
              <OverrideFields draft={override} onChange={setOverride} users={users} zone={zone} />
            </Form>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="feed-heading">
        <h2 id="feed-heading">Calendar feed</h2>
        {isAdmin ? (
          <CalendarFeedBox
            target={{ scheduleId: schedule.id }}
            what={`the shifts of ${schedule.name}`}
          />
        ) : (
          <p>
            Owners and admins publish a schedule’s calendar. Your own shifts as a calendar:{' '}
            <a href="/oncall#my-shifts">On call → My shifts</a>.
          </p>
        )}
      </section>

      {isAdmin && <ScheduleSettings schedule={schedule} onSaved={reloadAll} />}
    </Page>
  );
}

function overrideInput(d: OverrideDraft, zone: string) {
  const start = fromLocalInput(d.start, zone);
  const end = fromLocalInput(d.end, zone);
  if (!d.userId || !start || !end || Date.parse(end) <= Date.parse(start)) return null;
  return { userId: d.userId, start, end };
}

function OverrideFields({
  draft,
  onChange,
  users,
  zone,
}: {
  draft: OverrideDraft;
  onChange: (d: OverrideDraft) => void;
  users: User[];
  zone: string;
}) {
  return (
    <>
      <Field
        label="Who is on call instead"
        name="userId"
        required
        value={draft.userId}
        options={[
          { value: '', label: 'Choose a person…' },
          ...users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.name })),
        ]}
        onInput={(userId) => onChange({ ...draft, userId })}
      />
      <div class="field-row">
        <Field
          label={`From (${zone} time)`}
          name="start"
          type="datetime-local"
          required
          value={draft.start}
          onInput={(start) => onChange({ ...draft, start })}
        />
        <Field
          label={`To (${zone} time)`}
          name="end"
          type="datetime-local"
          required
          value={draft.end}
          onInput={(end) => onChange({ ...draft, end })}
        />
      </div>
      <Field
        label="Note"
        name="note"
        value={draft.note}
        onInput={(note) => onChange({ ...draft, note })}
        hint="Why, e.g. “covers Alice at the dentist”."
      />
    </>
  );
}

function NextHandoffs({
  next,
  at,
  nameOf,
}: {
  next: Shifts;
  at: number;
  nameOf: (id: string) => string;
}) {
  const handoffs = upcomingHandoffs(
    next.shifts.map((s) => ({
      userId: s.userId,
      start: Date.parse(s.start),
      end: Date.parse(s.end),
    })),
    next.gaps.map((g) => ({ start: Date.parse(g.start), end: Date.parse(g.end) })),
    at,
  );
  if (handoffs.length === 0) {
    return <p class="muted">No hand-off in the next 14 days.</p>;
  }
  return (
    <>
      <h3 class="small-heading">Next hand-offs</h3>
      <ul class="plain handoffs">
        {handoffs.map((h) => (
          <li key={h.at}>
            <Time at={iso(h.at)} style="short" /> →{' '}
            {h.userId ? (
              <strong>{nameOf(h.userId)}</strong>
            ) : (
              <span class="warn">no one (a gap)</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function ShiftTable({
  blocks,
  nameOf,
  onCover,
}: {
  blocks: Block[];
  nameOf: (id: string) => string;
  onCover?: (b: Block) => void;
}) {
  const zone = useViewerZone();
  if (blocks.length === 0) return <Empty>Nothing in this view.</Empty>;
  return (
    <DataTable
      caption="The final schedule in the timeline’s view"
      rows={blocks}
      rowKey={(b) => `${b.start}-${b.userId}`}
      rowClass={(b) => (b.userId ? undefined : 'gap-row')}
      columns={[
        {
          label: 'Who',
          rowHeader: true,
          cell: (b) =>
            b.userId ? nameOf(b.userId) : <span class="warn">No one on call (gap)</span>,
        },
        { label: 'From', cell: (b) => <Time at={iso(b.start)} style="short" /> },
        { label: 'To', cell: (b) => <Time at={iso(b.end)} style="short" /> },
        ...(onCover
          ? [
              {
                label: 'Actions',
                class: 'row-actions',
                cell: (b: Block) => (
                  <button
                    type="button"
                    class="small"
                    aria-label={`Cover ${b.userId ? `${nameOf(b.userId)}’s shift` : 'the gap'} from ${formatShort(iso(b.start), zone)}`}
                    onClick={() => onCover(b)}
                  >
                    {b.userId ? 'Cover' : 'Fill gap'}
                  </button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

/** The lanes of the saved schedule, from the server: final, overrides, each layer (top first). */
function savedLanes(schedule: Schedule, shifts: Shifts, overrides: Override[]): Lane[] {
  const parse = (s: { userId: string; start: string; end: string }) => ({
    userId: s.userId,
    start: Date.parse(s.start),
    end: Date.parse(s.end),
  });
  const byVersion = new Map(shifts.layers.map((l) => [l.layerId, l.shifts.map(parse)] as const));
  return [
    finalLane(
      shifts.shifts.map(parse),
      shifts.gaps.map((g) => ({ start: Date.parse(g.start), end: Date.parse(g.end) })),
    ),
    overrideLane(overrides.map((o) => parse(o))),
    ...layerLanes(schedule, (id) => byVersion.get(id)),
  ];
}

/** The lanes with a draft layer or override applied, computed in the browser. */
function previewLanes(
  schedule: Schedule,
  edit: LayerEdit | null,
  draft: LayerDraft | null,
  overrides: Override[],
  override: OverrideDraft | null,
  overrideDraft: { userId: string; start: string; end: string } | null,
  win: { from: number; to: number },
): Lane[] {
  const now = Date.now();
  const layers = applyLayerDraft(schedule.layers, draft, now);
  const calc: CalcTimeline = computeTimeline(
    schedule.timeZone,
    layers,
    withOverrideDraft(overrides, overrideDraft),
    win.from,
    win.to,
  );
  const byVersion = new Map(calc.layers.map((l) => [l.layerId, l.shifts] as const));
  const top = Math.max(-1, ...schedule.layers.map((l) => l.position)) + 1;
  const old = edit?.layerId ? schedule.layers.find((l) => l.id === edit.layerId) : undefined;
  const draftLayer: Layer | null =
    draft && draft.kind !== 'end' && edit
      ? {
          id: DRAFT_ID,
          name: `${edit.form.name || 'New layer'} (draft)`,
          position: old?.position ?? top,
          start: iso(layers.find((l) => l.id === DRAFT_ID)?.start ?? now),
          end: null,
          turn: draft.input.turn,
          participants: draft.input.participants,
          restrictions: draft.input.restrictions,
          replacesId: null,
        }
      : null;
  const withDraft = {
    ...schedule,
    layers: draftLayer ? [...schedule.layers, draftLayer] : schedule.layers,
  };
  const saved = overrides.map((o) => ({
    userId: o.userId,
    start: Date.parse(o.start),
    end: Date.parse(o.end),
  }));
  const drafted =
    overrideDraft && override
      ? [
          {
            userId: overrideDraft.userId,
            start: Date.parse(overrideDraft.start),
            end: Date.parse(overrideDraft.end),
            draft: true,
          },
        ]
      : [];
  return [
    finalLane(calc.shifts, calc.gaps),
    overrideLane([...saved, ...drafted]),
    ...layerLanes(withDraft, (id) => byVersion.get(id)),
  ];
}

function finalLane(
  shifts: { userId: string; start: number; end: number }[],
  gaps: { start: number; end: number }[],
): Lane {
  const blocks: Block[] = [...shifts, ...gaps.map((g) => ({ ...g, userId: null }))];
  blocks.sort((a, b) => a.start - b.start);
  return { key: 'final', name: 'Final schedule', kind: 'final', blocks };
}

function overrideLane(blocks: Block[]): Lane {
  return { key: 'overrides', name: 'Overrides', kind: 'overrides', blocks };
}

/**
 * One lane per rotation (the versions of one layer share its position), highest first, named
 * after its newest version; a draft version of a layer shares the lane.
 */
function layerLanes(
  schedule: Schedule,
  shiftsOf: (versionId: string) => { userId: string; start: number; end: number }[] | undefined,
): Lane[] {
  const positions = [...new Set(schedule.layers.map((l) => l.position))].sort((a, b) => b - a);
  return positions.map((position) => {
    const versions = schedule.layers
      .filter((l) => l.position === position)
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    const blocks: Block[] = versions.flatMap((v) =>
      (shiftsOf(v.id) ?? []).map((s) => (v.id === DRAFT_ID ? { ...s, draft: true } : s)),
    );
    blocks.sort((a, b) => a.start - b.start);
    const name = versions[versions.length - 1]!.name;
    return { key: `layer-${position}`, name: `Layer: ${name}`, kind: 'layer', blocks };
  });
}

function ScheduleSettings({
  schedule,
  onSaved,
}: {
  schedule: Schedule;
  onSaved: () => Promise<void>;
}) {
  const announce = useAnnounce();
  const remove = async () => {
    if (!window.confirm(`Delete the schedule “${schedule.name}” and all its layers and overrides?`))
      return;
    try {
      await deleteSchedule(schedule.id);
      announce(`Deleted ${schedule.name}.`);
      navigate('/schedules');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <details class="panel">
      <summary>Schedule settings</summary>
      <Form
        label="Schedule settings"
        submit="Save settings"
        onSubmit={async (v) => {
          await updateSchedule(schedule.id, {
            name: v.name,
            timeZone: v.timeZone,
            description: v.description ?? '',
          });
          announce('Schedule saved.');
          await onSaved();
        }}
      >
        <Field label="Schedule name" name="name" required value={schedule.name} />
        <Field
          label="Time zone"
          name="timeZone"
          required
          timeZones
          value={schedule.timeZone}
          hint="Hand-off times and restriction windows are read in this zone."
        />
        <Field label="Description" name="description" multiline value={schedule.description} />
      </Form>
      <div class="danger-zone">
        <p>
          Deleting a schedule removes its layers and overrides; policies that page it page nobody.
        </p>
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete schedule
        </button>
      </div>
    </details>
  );
}
