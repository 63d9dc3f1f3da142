// Who is on call now on every schedule, filterable by team, person and text, refreshed live;
// and "My shifts": the signed-in person's coming shifts on every schedule, with their calendar.

import { useState } from 'preact/hooks';
import { api } from '../api';
import { scheduleShifts, tenantOnCall, type TenantOnCall } from '../api/schedules';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { Time } from '../ui/Time';
import { durationText } from '../ui/time';
import { CalendarFeedBox } from './calendar-feed';
import { onCallColumns } from './schedules';
import { matchesOnCall, myUpcomingShifts } from '../oncall';
import './schedules.css';

const LOOK_AHEAD_DAYS = 28;

export function OnCallPage() {
  const { session } = useSession();
  const [teamId, setTeamId] = useState('');
  const [userId, setUserId] = useState('');
  const [text, setText] = useState('');
  const filters = useLoad(async () => {
    const [teams, users] = await Promise.all([api.listTeams(), api.listUsers()]);
    return { teams, users };
  }, []);
  const onCall = useLoad(
    () =>
      tenantOnCall({
        ...(teamId ? { teamId } : {}),
        ...(userId ? { userId } : {}),
      }),
    [teamId, userId],
    { everyMs: 5000 },
  );

  return (
    <Page title="On call" lead="Who is on call right now on every schedule, and your own shifts.">
      <form
        class="filters-form"
        role="search"
        aria-label="Filter who is on call"
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="field">
          <label for="oncall-team">Team</label>
          <select
            id="oncall-team"
            value={teamId}
            onChange={(e) => setTeamId(e.currentTarget.value)}
          >
            <option value="">All teams</option>
            {filters.data?.teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="oncall-person">Person</label>
          <select
            id="oncall-person"
            value={userId}
            onChange={(e) => setUserId(e.currentTarget.value)}
          >
            <option value="">Everyone</option>
            {filters.data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="oncall-text">Filter</label>
          <input
            id="oncall-text"
            type="search"
            placeholder="Schedule, team or person"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
      </form>
      <div aria-live="polite">
        <Loading state={onCall}>
          {(answer) => (
            <OnCallTable
              answer={answer}
              text={text}
              personFilter={userId !== ''}
              filtered={teamId !== '' || userId !== ''}
            />
          )}
        </Loading>
      </div>

      <section class="panel" aria-labelledby="my-shifts-heading" id="my-shifts">
        <h2 id="my-shifts-heading">My shifts</h2>
        <MyShifts userId={session.user.id} />
        <h3>My calendar</h3>
        <CalendarFeedBox
          target={{ userId: session.user.id }}
          what="your shifts on every schedule"
        />
      </section>
    </Page>
  );
}

function OnCallTable({
  answer,
  text,
  personFilter,
  filtered,
}: {
  answer: TenantOnCall;
  text: string;
  personFilter: boolean;
  filtered: boolean;
}) {
  const rows = answer.items.filter((i) => matchesOnCall(i, text));
  if (answer.items.length === 0) {
    return (
      <Empty>
        {filtered
          ? 'No schedule matches these filters. Choose “All teams” and “Everyone” to see every schedule.'
          : 'No schedules yet. Create one under Schedules, then name it in an escalation policy.'}
      </Empty>
    );
  }
  if (rows.length === 0) {
    return <Empty>Nothing matches “{text.trim()}”. Clear the filter to see every schedule.</Empty>;
  }
  return (
    <DataTable
      caption="Who is on call now, by schedule"
      rows={rows}
      rowKey={(i) => i.schedule.id}
      columns={[
        ...onCallColumns<TenantOnCall['items'][number]>(),
        ...(personFilter
          ? [
              {
                label: 'Their next shift',
                cell: (i: TenantOnCall['items'][number]) =>
                  i.nextShift ? (
                    <>
                      <Time at={i.nextShift.start} style="short" /> –{' '}
                      <Time at={i.nextShift.end} style="short" />
                    </>
                  ) : (
                    <span class="muted">None in the next 90 days</span>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

function MyShifts({ userId }: { userId: string }) {
  const shifts = useLoad(
    async () => {
      const mine = await tenantOnCall({ userId });
      const now = Date.now();
      const to = new Date(now + LOOK_AHEAD_DAYS * 86_400_000).toISOString();
      const from = new Date(now).toISOString();
      const all = await Promise.all(
        mine.items.map(async (i) => ({
          schedule: i.schedule,
          shifts: (await scheduleShifts(i.schedule.id, from, to)).shifts,
        })),
      );
      return myUpcomingShifts(all, userId);
    },
    [userId],
    { everyMs: 60_000 },
  );
  return (
    <Loading state={shifts}>
      {(items) =>
        items.length === 0 ? (
          <Empty>
            You have no shifts in the next {LOOK_AHEAD_DAYS} days. An admin adds you to a layer of a
            schedule; you can also cover someone’s shift from a schedule’s page.
          </Empty>
        ) : (
          <DataTable
            caption={`My shifts in the next ${LOOK_AHEAD_DAYS} days`}
            rows={items}
            rowKey={(s) => `${s.schedule.id}-${s.start}`}
            columns={[
              {
                label: 'Schedule',
                rowHeader: true,
                cell: (s) => (
                  <a href={`/schedules/${encodeURIComponent(s.schedule.id)}`}>{s.schedule.name}</a>
                ),
              },
              { label: 'From', cell: (s) => <Time at={s.start} style="short" /> },
              { label: 'To', cell: (s) => <Time at={s.end} style="short" /> },
              {
                label: 'Length',
                cell: (s) => durationText(Date.parse(s.end) - Date.parse(s.start)),
              },
            ]}
          />
        )
      }
    </Loading>
  );
}
