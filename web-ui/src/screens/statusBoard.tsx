// The status board: every service's health from its open incidents, live. A service with an open
// high-urgency incident is in a major outage; only low-urgency ones make it degraded.

import { getStatusBoard, type ServiceState, type ServiceStatus } from '../api/insights';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { IncidentItem } from '../ui/IncidentItem';
import { Time } from '../ui/Time';
import { boardSummary } from './analyticsSeries';
import './statusBoard.css';

export const STATE_LABELS: Record<ServiceState, string> = {
  operational: 'Operational',
  degraded: 'Degraded',
  major_outage: 'Major outage',
};

export function StatusBoardPage() {
  const { isAdmin } = useSession();
  const board = useLoad(() => getStatusBoard(), [], { everyMs: 5000 });
  return (
    <Page
      title="Status board"
      lead="Each service's health from its open incidents. It refreshes by itself."
    >
      <Loading state={board}>
        {(b) =>
          b.items.length === 0 ? (
            <Empty>
              No services yet, so there is nothing to report on.{' '}
              {isAdmin ? (
                <a href="/services">Add a service in the service directory</a>
              ) : (
                'An owner or admin adds services in the service directory.'
              )}
            </Empty>
          ) : (
            <>
              <p class={`board-summary ${worst(b.items)}`}>
                {boardSummary(b.items.map((s) => s.status))}{' '}
                <span class="muted">
                  (as of <Time at={b.at} />)
                </span>
              </p>
              <DataTable
                caption="Services and their health"
                rows={b.items}
                rowKey={(s) => s.serviceId}
                rowClass={(s) => `board-${s.status}`}
                columns={[
                  {
                    label: 'Service',
                    rowHeader: true,
                    cell: (s) => (
                      <a href={`/services/${encodeURIComponent(s.serviceId)}`}>{s.serviceName}</a>
                    ),
                  },
                  {
                    label: 'State',
                    cell: (s) => (
                      <span class={`board-state ${s.status}`}>{STATE_LABELS[s.status]}</span>
                    ),
                  },
                  {
                    label: 'Owning team',
                    cell: (s) => (
                      <a href={`/teams/${encodeURIComponent(s.teamId)}`}>{s.teamName}</a>
                    ),
                  },
                  { label: 'Impact', cell: (s) => <OpenIncidents service={s} /> },
                ]}
              />
            </>
          )
        }
      </Loading>
    </Page>
  );
}

function worst(items: readonly ServiceStatus[]): ServiceState {
  if (items.some((s) => s.status === 'major_outage')) return 'major_outage';
  return items.some((s) => s.status === 'degraded') ? 'degraded' : 'operational';
}

function OpenIncidents({ service }: { service: ServiceStatus }) {
  if (service.openIncidents.length === 0) return <span class="muted">No open incidents</span>;
  return (
    <ul class="plain board-incidents">
      {service.openIncidents.map((i) => (
        <IncidentItem key={i.id} incident={i}>
          since <Time at={i.createdAt} style="short" />
        </IncidentItem>
      ))}
    </ul>
  );
}
