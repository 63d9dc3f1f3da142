// `/`: a signed-in person's start page — the open incidents paging them (acknowledge here), the
// other open incidents, whether they are on call now and their next shift, and for support
// agents their open tickets. Refreshed every 5 s. Owners with an unfinished onboarding
// checklist get a banner pointing at it.

import { api, type Incident } from '../api';
import { onCallOf, openTicketCount } from '../api/profile';
import { listIncidentPage } from '../api/incidents';
import { onCallSummary, splitMine } from '../home';
import { checklist } from '../onboarding';
import { canAcknowledge } from '../incidents';
import { errorText } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import { loadChecklist, wantsChecklist } from './onboarding';
import './home.css';

interface MyIncidents {
  paging: Incident[];
  others: Incident[];
}

/** The 50 newest open incidents in one request, split by whether they paged the viewer. */
async function myIncidents(userId: string): Promise<MyIncidents> {
  const open = await listIncidentPage({ statuses: ['triggered', 'acknowledged'], limit: 50 });
  return splitMine(open, userId);
}

export function HomePage() {
  const { session } = useSession();
  const me = session.user;
  const greeting = me.name.split(' ')[0] || me.name;
  return (
    <Page title={`Hello, ${greeting}`} lead="What needs you now, and when you are on call.">
      {me.role === 'owner' && <OnboardingBanner userId={me.id} />}
      <div class="home-grid">
        <IncidentsPanel userId={me.id} />
        <OnCallPanel userId={me.id} />
        {me.role === 'agent' && <TicketsPanel userId={me.id} />}
      </div>
    </Page>
  );
}

function OnboardingBanner({ userId }: { userId: string }) {
  // Not live: the banner only points the way.
  const state = useLoad(() => loadChecklist(userId), [userId]);
  if (!state.data || !wantsChecklist('owner', userId, state.data)) return null;
  const steps = checklist(state.data);
  const done = steps.filter((s) => s.done).length;
  return (
    <p class="home-banner" role="note">
      {done === 0
        ? 'Your organization is not paging anyone yet. '
        : `Getting started: ${done} of ${steps.length} steps done. `}
      <a href="/onboarding">Finish the checklist</a> to get your first page.
    </p>
  );
}

function IncidentsPanel({ userId }: { userId: string }) {
  const { session } = useSession();
  const announce = useAnnounce();
  const incidents = useLoad(() => myIncidents(userId), [userId], { everyMs: 5000 });
  const mayAck = canAcknowledge(session.user.role);
  const acknowledge = async (incident: Incident) => {
    try {
      await api.acknowledgeIncident(incident.id);
      announce(`Acknowledged #${incident.number}.`);
      await incidents.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel home-incidents" aria-labelledby="home-incidents">
      <h2 id="home-incidents">My open incidents</h2>
      <Loading state={incidents}>
        {({ paging, others }) => (
          <>
            {paging.length === 0 ? (
              <Empty>
                Nothing is paging you. Open incidents of every service are on{' '}
                <a href="/incidents">Incidents</a>.
              </Empty>
            ) : (
              <DataTable
                caption="Open incidents paging you"
                rows={paging}
                rowKey={(i) => i.id}
                columns={[
                  {
                    label: 'Incident',
                    rowHeader: true,
                    cell: (i) => (
                      <a href={`/incidents/${encodeURIComponent(i.id)}`}>
                        #{i.number} {i.title}
                      </a>
                    ),
                  },
                  { label: 'Service', cell: (i) => i.serviceName },
                  {
                    label: 'Status',
                    cell: (i) => (
                      <span class={`badge ${i.status}`}>
                        {i.status}
                        {i.urgency === 'high' ? ', high' : ', low'}
                      </span>
                    ),
                  },
                  {
                    label: 'Triggered',
                    class: 'nowrap',
                    cell: (i) => <Time at={i.createdAt} style="relative" />,
                  },
                  ...(mayAck
                    ? [
                        {
                          label: 'Actions',
                          class: 'row-actions',
                          cell: (i: Incident) =>
                            i.status === 'triggered' ? (
                              <button
                                type="button"
                                class="primary small"
                                aria-label={`Acknowledge #${i.number}`}
                                onClick={() => void acknowledge(i)}
                              >
                                Acknowledge
                              </button>
                            ) : (
                              <span class="muted">Acknowledged by {i.acknowledgedBy}</span>
                            ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
            <p class="muted">
              {others.length === 0
                ? 'No other open incidents.'
                : `${others.length} other open incident${others.length === 1 ? '' : 's'}.`}{' '}
              <a href="/incidents">All incidents</a>
            </p>
          </>
        )}
      </Loading>
    </section>
  );
}

function OnCallPanel({ userId }: { userId: string }) {
  const oncall = useLoad(() => onCallOf(userId), [userId], { everyMs: 5000 });
  return (
    <section class="panel home-oncall" aria-labelledby="home-oncall">
      <h2 id="home-oncall">On call</h2>
      <Loading state={oncall}>
        {(data) => {
          const summary = onCallSummary(data.items, userId, new Date(data.at));
          if (data.items.length === 0) {
            return (
              <Empty>
                You are on no schedule. Ask an admin to add you to a rotation, or see{' '}
                <a href="/oncall">who is on call</a>.
              </Empty>
            );
          }
          return (
            <>
              {summary.now.length > 0 ? (
                <p class="home-oncall-now">
                  <strong>You are on call now</strong> for{' '}
                  {summary.now.map((n, i) => (
                    <span key={n.schedule.id}>
                      {i > 0 && ', '}
                      <a href={`/schedules/${encodeURIComponent(n.schedule.id)}`}>
                        {n.schedule.name}
                      </a>
                      {n.until && (
                        <>
                          {' '}
                          until <Time at={n.until} style="short" />
                        </>
                      )}
                    </span>
                  ))}
                  .
                </p>
              ) : (
                <p>You are not on call right now.</p>
              )}
              {summary.next ? (
                <p>
                  Next shift:{' '}
                  <a href={`/schedules/${encodeURIComponent(summary.next.schedule.id)}`}>
                    {summary.next.schedule.name}
                  </a>
                  , <Time at={summary.next.start} style="short" /> to{' '}
                  <Time at={summary.next.end} style="short" /> (
                  <Time at={summary.next.start} style="relative" />
                  ).
                </p>
              ) : (
                <p class="muted">No other shift in the next 90 days.</p>
              )}
              <p class="muted">
                Your schedules: {data.items.map((i) => i.schedule.name).join(', ')}.{' '}
                <a href="/oncall">Everyone on call</a> · <a href="/profile">Calendar feed</a>
              </p>
            </>
          );
        }}
      </Loading>
    </section>
  );
}

function TicketsPanel({ userId }: { userId: string }) {
  const count = useLoad(() => openTicketCount(userId), [userId], { everyMs: 5000 });
  return (
    <section class="panel" aria-labelledby="home-tickets">
      <h2 id="home-tickets">My tickets</h2>
      <Loading state={count}>
        {(n) =>
          n === 0 ? (
            <Empty>
              No open tickets are assigned to you. Pick one from the <a href="/tickets">queue</a>.
            </Empty>
          ) : (
            <p>
              <a href="/tickets">
                {n >= 100 ? '100 or more' : n} open ticket{n === 1 ? '' : 's'} assigned to you
              </a>
            </p>
          )
        }
      </Loading>
    </section>
  );
}
