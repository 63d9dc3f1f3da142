// The fields of one rotation (layer): its name, when it starts, how turns are measured, the
// participants in order (reordered with buttons) and weekly restriction windows. The editor holds
// no state: the screen keeps the draft, so the timeline can preview it while it is typed.

import type { User } from '../api';
import {
  WEEKDAYS,
  type Layer,
  type LayerInput,
  type TurnKind,
  type Weekday,
  type WeeklyWindow,
} from '../api/schedules';
import { Field } from '../ui/form';
import { fromLocalInput } from '../ui/time';
import { secondOfDay } from '../schedule-calc';

export interface LayerForm {
  name: string;
  /** A datetime-local value in the schedule's zone; blank means "now". */
  start: string;
  kind: TurnKind;
  count: string;
  day: Weekday;
  time: string;
  participants: string[];
  restrictions: WeeklyWindow[];
}

export const TURN_KINDS: readonly { value: TurnKind; label: string }[] = [
  { value: 'weekly', label: 'Weekly, on a fixed day and time' },
  { value: 'days', label: 'Every N days (calendar days)' },
  { value: 'weeks', label: 'Every N weeks (calendar weeks)' },
  { value: 'hours', label: 'Every N hours (elapsed time)' },
];

export const DAY_LABELS: Record<Weekday, string> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

const DAY_OPTIONS = WEEKDAYS.map((d) => ({ value: d, label: DAY_LABELS[d] }));

export function emptyLayerForm(name = 'Primary'): LayerForm {
  return {
    name,
    start: '',
    kind: 'weekly',
    count: '1',
    day: 'MONDAY',
    time: '09:00',
    participants: [],
    restrictions: [],
  };
}

/** A saved layer as the editor's starting point; the change takes effect now unless dated. */
export function layerFormOf(layer: Layer): LayerForm {
  return {
    name: layer.name,
    start: '',
    kind: layer.turn.kind,
    count: String(layer.turn.count ?? 1),
    day: layer.turn.day ?? 'MONDAY',
    time: (layer.turn.time ?? '09:00').slice(0, 5),
    participants: [...layer.participants],
    restrictions: layer.restrictions.map((w) => ({
      ...w,
      startTime: w.startTime.slice(0, 5),
      endTime: w.endTime.slice(0, 5),
    })),
  };
}

/** The request body for a form, read in the schedule's zone. */
export function layerInputOf(form: LayerForm, zone: string): LayerInput {
  const weekly = form.kind === 'weekly';
  const start = form.start.trim() === '' ? undefined : (fromLocalInput(form.start, zone) ?? '');
  return {
    name: form.name,
    ...(start === undefined ? {} : { start }),
    turn: weekly
      ? { kind: 'weekly', day: form.day, time: form.time }
      : { kind: form.kind, count: form.count.trim() === '' ? null : Number(form.count) },
    participants: form.participants,
    restrictions: form.restrictions,
  };
}

/** Whether the form is complete enough to draw (the API still has the last word). */
export function previewable(form: LayerForm, zone: string): boolean {
  const input = layerInputOf(form, zone);
  if (input.start === '' || form.participants.length === 0) return false;
  if (form.kind === 'weekly') return !Number.isNaN(secondOfDay(form.time));
  const count = Number(form.count);
  if (!Number.isInteger(count) || count < 1) return false;
  return form.restrictions.every(
    (w) =>
      !Number.isNaN(secondOfDay(w.startTime)) &&
      !Number.isNaN(secondOfDay(w.endTime)) &&
      !(w.startDay === w.endDay && w.startTime === w.endTime),
  );
}

/** "Weekly, Mondays 09:00", "Every 2 days", "Every 12 hours". */
export function turnText(layer: Pick<Layer, 'turn'>): string {
  const t = layer.turn;
  if (t.kind === 'weekly') {
    return `Weekly, ${DAY_LABELS[t.day ?? 'MONDAY']}s ${(t.time ?? '').slice(0, 5)}`;
  }
  const n = t.count ?? 1;
  const unit = t.kind === 'hours' ? 'hour' : t.kind === 'days' ? 'day' : 'week';
  return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
}

/** "Monday 09:00 – Friday 17:00". */
export function windowText(w: WeeklyWindow): string {
  return `${DAY_LABELS[w.startDay]} ${w.startTime.slice(0, 5)} – ${DAY_LABELS[w.endDay]} ${w.endTime.slice(0, 5)}`;
}

interface EditorProps {
  form: LayerForm;
  onChange: (form: LayerForm) => void;
  users: User[];
  zone: string;
  /** Prefixes the field names the API's errors use, e.g. "layers[0]." in a new schedule. */
  prefix?: string;
  /** Editing a saved layer: the start is when the change takes effect. */
  editing?: boolean;
}

export function LayerEditor({ form, onChange, users, zone, prefix = '', editing }: EditorProps) {
  const set = (change: Partial<LayerForm>) => onChange({ ...form, ...change });
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? 'Unknown user';
  const move = (from: number, to: number) => {
    const participants = [...form.participants];
    const [moved] = participants.splice(from, 1);
    participants.splice(to, 0, moved!);
    set({ participants });
  };
  const setWindow = (i: number, change: Partial<WeeklyWindow>) =>
    set({
      restrictions: form.restrictions.map((w, j) => (j === i ? { ...w, ...change } : w)),
    });
  const addable = users.filter((u) => u.active);

  return (
    <div class="layer-editor">
      <Field
        label="Layer name"
        name={`${prefix}name`}
        required
        value={form.name}
        onInput={(name) => set({ name })}
      />
      <Field
        label={editing ? `Change takes effect (${zone} time)` : `Rotation starts (${zone} time)`}
        name={`${prefix}start`}
        type="datetime-local"
        value={form.start}
        onInput={(start) => set({ start })}
        hint={
          editing
            ? 'Blank: now. From then the rotation restarts with the first participant; earlier shifts stay as they were.'
            : 'Blank: now. The first participant’s turn starts here; calendar hand-offs keep its local time.'
        }
      />
      <Field
        label="Rotation"
        name={`${prefix}turn.kind`}
        required
        options={TURN_KINDS}
        value={form.kind}
        onInput={(kind) => set({ kind: kind as TurnKind })}
      />
      {form.kind === 'weekly' ? (
        <div class="field-row">
          <Field
            label="Hand-off day"
            name={`${prefix}turn.day`}
            required
            options={DAY_OPTIONS}
            value={form.day}
            onInput={(day) => set({ day: day as Weekday })}
          />
          <Field
            label={`Hand-off time (${zone})`}
            name={`${prefix}turn.time`}
            required
            type="time"
            value={form.time}
            onInput={(time) => set({ time })}
          />
        </div>
      ) : (
        <Field
          label={
            form.kind === 'hours'
              ? 'Hours per turn'
              : form.kind === 'days'
                ? 'Days per turn'
                : 'Weeks per turn'
          }
          name={`${prefix}turn.count`}
          required
          type="number"
          min="1"
          value={form.count}
          onInput={(count) => set({ count })}
          hint={
            form.kind === 'hours'
              ? 'Elapsed time: across a clock change the local hand-off time moves by an hour.'
              : 'Hands off at the start’s local time, whatever the clocks do.'
          }
        />
      )}

      <fieldset class="participants">
        <legend>Participants, in turn order</legend>
        {form.participants.length === 0 ? (
          <p class="muted">Nobody yet: add the people who take turns.</p>
        ) : (
          <ol class="participant-list">
            {form.participants.map((id, i) => (
              <li key={`${id}-${i}`}>
                <span class="who">{nameOf(id)}</span>
                <span class="row-actions">
                  <button
                    type="button"
                    class="small"
                    disabled={i === 0}
                    aria-label={`Move ${nameOf(id)} up`}
                    onClick={() => move(i, i - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    class="small"
                    disabled={i === form.participants.length - 1}
                    aria-label={`Move ${nameOf(id)} down`}
                    onClick={() => move(i, i + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Remove ${nameOf(id)}`}
                    onClick={() =>
                      set({ participants: form.participants.filter((_, j) => j !== i) })
                    }
                  >
                    Remove
                  </button>
                </span>
              </li>
            ))}
          </ol>
        )}
        <Field
          label="Add a participant"
          name={`${prefix}participants`}
          required
          value=""
          options={[
            { value: '', label: 'Choose a person…' },
            ...addable.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
          ]}
          onInput={(id) => {
            if (id) set({ participants: [...form.participants, id] });
          }}
          hint="A person may take more than one turn in the order."
        />
      </fieldset>

      <fieldset class="restrictions">
        <legend>Weekly restrictions</legend>
        <p class="hint">
          None: the layer is on call around the clock. With windows, only inside them (in {zone}{' '}
          time); a window may cross midnight and the weekend.
        </p>
        {form.restrictions.map((w, i) => (
          <div class="window-row" key={i} role="group" aria-label={`Window ${i + 1}`}>
            <Field
              label={`Window ${i + 1} from day`}
              name={`${prefix}restrictions[${i}].startDay`}
              required
              options={DAY_OPTIONS}
              value={w.startDay}
              onInput={(v) => setWindow(i, { startDay: v as Weekday })}
            />
            <Field
              label={`Window ${i + 1} from time`}
              name={`${prefix}restrictions[${i}].startTime`}
              required
              type="time"
              value={w.startTime}
              onInput={(v) => setWindow(i, { startTime: v })}
            />
            <Field
              label={`Window ${i + 1} to day`}
              name={`${prefix}restrictions[${i}].endDay`}
              required
              options={DAY_OPTIONS}
              value={w.endDay}
              onInput={(v) => setWindow(i, { endDay: v as Weekday })}
            />
            <Field
              label={`Window ${i + 1} to time`}
              name={`${prefix}restrictions[${i}].endTime`}
              required
              type="time"
              value={w.endTime}
              onInput={(v) => setWindow(i, { endTime: v })}
            />
            <button
              type="button"
              class="small"
              aria-label={`Remove window ${i + 1}`}
              onClick={() => set({ restrictions: form.restrictions.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          class="small"
          onClick={() =>
            set({
              restrictions: [
                ...form.restrictions,
                { startDay: 'MONDAY', startTime: '09:00', endDay: 'MONDAY', endTime: '17:00' },
              ],
            })
          }
        >
          Add a window
        </button>
      </fieldset>
    </div>
  );
}
