// The schedules: each with who is on call now and when they hand off, refreshed live; owners and
// admins create a schedule with its first layer here.

import { useState } from 'preact/hooks';
import { navigate } from 'wouter-preact/use-browser-location';
import { api, type Team, type User } from '../api';
import {
  createSchedule,
  listSchedules,
  scheduleOnCall,
  type ScheduleOnCall,
  type ScheduleSummary,
  type UserRef,
} from '../api/schedules';
import { Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page, type Column } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time, useViewerZone } from '../ui/Time';
import { emptyLayerForm, LayerEditor, layerInputOf, type LayerForm } from './layer-editor';
import './schedules.css';

export function SchedulesPage() {
  const { isAdmin } = useSession();
  const schedules = useLoad(
    async () => {
      const list = await listSchedules();
      return Promise.all(list.map((s) => scheduleOnCall(s.id)));
    },
    [],
    { everyMs: 5000 },
  );
  return (
    <Page
      title="Schedules"
      lead="Who is on call, rotation by rotation. Open a schedule to see its timeline, layers and overrides."
    >
      <Loading state={schedules}>
        {(items) =>
          items.length === 0 ? (
            <Empty>
              No schedules yet: nobody can be paged by rotation.
              {isAdmin
                ? ' Create the first one below, then name it in an escalation policy.'
                : ' Ask an owner or admin to create one.'}
            </Empty>
          ) : (
            <ScheduleTable items={items} />
          )
        }
      </Loading>
      {isAdmin && <CreateSchedule />}
    </Page>
  );
}

/** The schedule (linked), its team and who is on call now: the columns both lists share. */
export function onCallColumns<
  T extends { schedule: ScheduleSummary; user: UserRef | null },
>(): Column<T>[] {
  return [
    {
      label: 'Schedule',
      rowHeader: true,
      cell: (i) => (
        <a href={`/schedules/${encodeURIComponent(i.schedule.id)}`}>{i.schedule.name}</a>
      ),
    },
    { label: 'Team', cell: (i) => i.schedule.team?.name ?? <span class="muted">No team</span> },
    {
      label: 'On call now',
      cell: (i) =>
        i.user ? <strong>{i.user.name}</strong> : <span class="warn">No one (gap)</span>,
    },
  ];
}

function ScheduleTable({ items }: { items: ScheduleOnCall[] }) {
  return (
    <DataTable
      caption="Schedules and who is on call now"
      rows={items}
      rowKey={(i) => i.schedule.id}
      columns={[
        ...onCallColumns<ScheduleOnCall>(),
        {
          label: 'Next hand-off',
          cell: (i) =>
            i.shift ? <Time at={i.shift.end} style="short" /> : <span class="muted">—</span>,
        },
        { label: 'Time zone', cell: (i) => i.schedule.timeZone },
      ]}
    />
  );
}

function CreateSchedule() {
  const announce = useAnnounce();
  const viewerZone = useViewerZone();
  const [zone, setZone] = useState(viewerZone);
  const [layer, setLayer] = useState<LayerForm>(() => emptyLayerForm());
  const people = useLoad(async () => {
    const [users, teams] = await Promise.all([api.listUsers(), api.listTeams()]);
    return { users, teams };
  }, []);
  return (
    <section class="panel" aria-labelledby="create-schedule">
      <h2 id="create-schedule">Create a schedule</h2>
      <Loading state={people}>
        {({ users, teams }: { users: User[]; teams: Team[] }) => (
          <Form
            label="Create a schedule"
            submit="Create schedule"
            onSubmit={async (v) => {
              const created = await createSchedule({
                name: v.name ?? '',
                timeZone: zone,
                description: v.description || undefined,
                teamId: v.teamId || null,
                layers: [layerInputOf(layer, zone)],
              });
              announce(`Created ${created.name}.`);
              navigate(`/schedules/${encodeURIComponent(created.id)}`);
            }}
          >
            <Field label="Schedule name" name="name" required placeholder="e.g. Payments primary" />
            <Field
              label="Time zone"
              name="timeZone"
              required
              timeZones
              value={zone}
              onInput={setZone}
              hint="Hand-offs and restriction windows follow this zone’s clock, daylight saving included."
            />
            <Field
              label="Team"
              name="teamId"
              options={[
                { value: '', label: 'No team' },
                ...teams.map((t) => ({ value: t.id, label: t.name })),
              ]}
            />
            <Field label="Description" name="description" multiline />
            <fieldset class="first-layer">
              <legend>First layer</legend>
              <LayerEditor
                form={layer}
                onChange={setLayer}
                users={users}
                zone={zone}
                prefix="layers[0]."
              />
            </fieldset>
          </Form>
        )}
      </Loading>
    </section>
  );
}
