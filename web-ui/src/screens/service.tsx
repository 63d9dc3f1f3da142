// One service's page: what it is and who owns it, the escalation policy its incidents page (with
// who is on call for the first step right now), its open incidents, its alert integrations
// (owners and admins), its support hours and maintenance windows. Admins edit and attach;
// responders plan maintenance; anyone who responds can trigger a test incident.

import { useState } from 'preact/hooks';
import { api, type Incident, type Service } from '../api';
import {
  addMaintenance,
  clearSupportHours,
  deleteMaintenance,
  getPolicy,
  getService,
  getSupportHours,
  listMaintenance,
  listPolicies,
  previewPolicy,
  setServicePolicy,
  setSupportHours,
  type DayOfWeek,
  type MaintenanceWindow,
  type SupportHours,
} from '../api/policies';
import { DAY_LABELS, DAYS, simpleHours, weeklyWindows, windowText } from '../escalation';
import { errorText, Field, Form, useFieldError } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { canRespond, useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { IncidentItem } from '../ui/IncidentItem';
import { Time, useViewerZone } from '../ui/Time';
import { fromLocalInput, zoneLabel } from '../ui/time';
import { AlertGroupingPanel } from './alertGrouping';
import { Integrations } from './integrations';
import { PagedNow } from './policies';
import './policies.css';

const OPEN: Incident['status'][] = ['triggered', 'acknowledged'];

export function ServicePage({ params }: { params: { id: string } }) {
  const service = useLoad(() => getService(params.id), [params.id], { everyMs: 5000 });
  return (
    <Page
      title={service.data?.name ?? 'Service'}
      titleExtra={
        service.data && (
          <>
            {' '}
            <span class={`badge ${service.data.team.kind}`}>{service.data.team.kind}</span>
          </>
        )
      }
      breadcrumb={{ href: '/services', label: 'Service directory' }}
      lead={service.data?.description || undefined}
    >
      <Loading state={service}>
        {(s) => <ServiceDetail service={s} changed={(next) => service.set(next)} />}
      </Loading>
    </Page>
  );
}

function ServiceDetail({ service, changed }: { service: Service; changed: (s: Service) => void }) {
  const { isAdmin, session } = useSession();
  const responder = canRespond(session.user.role);
  return (
    <>
      <dl class="facts" aria-label="Service summary">
        <div>
          <dt>Owning team</dt>
          <dd>
            <a href={`/teams/${encodeURIComponent(service.team.id)}`}>{service.team.name}</a>
          </dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <Time at={service.updatedAt} />
          </dd>
        </div>
      </dl>
      {isAdmin && <EditService service={service} changed={changed} />}
      <Escalation service={service} changed={changed} />
      <OpenIncidents service={service} canTrigger={responder} />
      {isAdmin && <Integrations service={service} />}
      <AlertGroupingPanel serviceId={service.id} />
      <SupportHoursPanel service={service} />
      <Maintenance service={service} />
    </>
  );
}

function EditService({ service, changed }: { service: Service; changed: (s: Service) => void }) {
  const announce = useAnnounce();
  const teams = useLoad(() => api.listTeams(), []);
  return (
    <details class="panel">
      <summary>Edit name, description or owning team</summary>
      <Loading state={teams}>
        {(list) => (
          <Form
            label="Edit the service"
            submit="Save service"
            onSubmit={async (v) => {
              const next = await api.updateService(service.id, {
                name: v.name,
                description: v.description,
                teamId: v.teamId,
              });
              changed(next);
              announce(`Saved ${next.name}.`);
            }}
          >
            <Field label="Service name" name="name" required value={service.name} />
            <Field
              label="Description"
              name="description"
              multiline
              value={service.description ?? ''}
            />
            <Field
              label="Owning team"
              name="teamId"
              required
              value={service.team.id}
              options={list.map((t) => ({ value: t.id, label: `${t.name} (${t.kind})` }))}
            />
          </Form>
        )}
      </Loading>
    </details>
  );
}

function Escalation({ service, changed }: { service: Service; changed: (s: Service) => void }) {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const policyId = service.escalationPolicyId;
  const policies = useLoad(() => (isAdmin ? listPolicies() : Promise.resolve([])), [isAdmin]);
  const policy = useLoad(
    () => (policyId ? getPolicy(policyId) : Promise.resolve(null)),
    [policyId],
    { everyMs: 5000 },
  );
  const preview = useLoad(
    () => (policyId ? previewPolicy(policyId) : Promise.resolve(null)),
    [policyId],
    { everyMs: 5000 },
  );
  return (
    <section class="panel" aria-labelledby="service-escalation">
      <h2 id="service-escalation">Escalation</h2>
      {!policyId ? (
        <p class="callout warn-box" role="note">
          <strong>No escalation policy: incidents on this service page nobody.</strong>{' '}
          {isAdmin
            ? 'Attach a policy below.'
            : 'Ask an owner or admin to attach an escalation policy.'}
        </p>
      ) : (
        <Loading state={policy}>
          {(p) =>
            p && (
              <>
                <p>
                  Incidents page the policy{' '}
                  <a href={`/escalation-policies/${encodeURIComponent(p.id)}`}>{p.name}</a> (
                  {p.steps.length} {p.steps.length === 1 ? 'step' : 'steps'}).
                </p>
                <h3 id="on-call-now">On call now</h3>
                <PagedNow policy={p} preview={preview.data} firstStepOnly />
              </>
            )
          }
        </Loading>
      )}
      {isAdmin && (
        <Loading state={policies}>
          {(list) =>
            list.length === 0 ? (
              <Empty>
                No escalation policies yet.{' '}
                <a href="/escalation-policies">Create an escalation policy</a>, then attach it here.
              </Empty>
            ) : (
              <Form
                label="Attach an escalation policy"
                submit="Save escalation policy"
                class="inline attach-policy"
                onSubmit={async (v) => {
                  const chosen = v.policyId ? v.policyId : null;
                  const next = await setServicePolicy(service.id, chosen);
                  changed(next);
                  const name = list.find((p) => p.id === chosen)?.name;
                  announce(
                    name
                      ? `${next.name} now pages ${name}.`
                      : `${next.name} has no escalation policy: its incidents page nobody.`,
                  );
                }}
              >
                <Field
                  label="Escalation policy"
                  name="policyId"
                  required
                  value={policyId ?? ''}
                  options={[
                    { value: '', label: 'None: incidents page nobody' },
                    ...list.map((p) => ({ value: p.id, label: p.name })),
                  ]}
                />
              </Form>
            )
          }
        </Loading>
      )}
    </section>
  );
}

function OpenIncidents({ service, canTrigger }: { service: Service; canTrigger: boolean }) {
  const announce = useAnnounce();
  const incidents = useLoad(
    () => api.listIncidents({ serviceId: service.id, statuses: OPEN, limit: 50 }),
    [service.id],
    { everyMs: 5000 },
  );
  const trigger = async () => {
    if (
      !window.confirm(
        `Trigger a test incident on ${service.name}? It pages whoever the escalation policy pages.`,
      )
    ) {
      return;
    }
    try {
      const { incident } = await api.triggerIncident({
        serviceId: service.id,
        title: `Test incident on ${service.name}`,
        details: 'Triggered from the service page to check that paging works.',
        urgency: 'high',
      });
      announce(`Triggered #${incident.number}: ${incident.title}.`);
      await incidents.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby="service-incidents">
      <h2 id="service-incidents">Open incidents</h2>
      <Loading state={incidents}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              No open incidents on this service.
              {canTrigger && ' Trigger a test incident to check who gets paged.'}
            </Empty>
          ) : (
            <ul class="plain incident-links">
              {list.map((i) => (
                <IncidentItem key={i.id} incident={i}>
                  opened <Time at={i.createdAt} style="relative" />
                </IncidentItem>
              ))}
            </ul>
          )
        }
      </Loading>
      {canTrigger && (
        <p>
          <button type="button" onClick={() => void trigger()}>
            Trigger a test incident
          </button>
        </p>
      )}
    </section>
  );
}

const WEEKDAYS: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'];

function SupportHoursPanel({ service }: { service: Service }) {
  const { isAdmin } = useSession();
  const hours = useLoad(() => getSupportHours(service.id), [service.id]);
  return (
    <section class="panel" aria-labelledby="support-hours">
      <h2 id="support-hours">Support hours</h2>
      <Loading state={hours}>
        {(h) => (
          <>
            {h === null ? (
              <p>
                <strong>Around the clock.</strong> Every incident pages at once, whatever its
                urgency.
              </p>
            ) : (
              <>
                <ul class="plain hours-list">
                  {h.windows.map((w, i) => (
                    <li key={i}>{windowText(w)}</li>
                  ))}
                </ul>
                <p class="muted">Times in {zoneLabel(h.timeZone)}.</p>
                <p>
                  <strong>Outside these hours</strong> a low-urgency incident opens but nobody is
                  paged until the hours begin; a high-urgency incident always pages at once.
                </p>
              </>
            )}
            {isAdmin && (
              <details class="subpanel" open={h === null}>
                <summary>{h === null ? 'Set support hours' : 'Change support hours'}</summary>
                <HoursForm serviceId={service.id} hours={h} saved={(next) => hours.set(next)} />
              </details>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}

function HoursForm({
  serviceId,
  hours,
  saved,
}: {
  serviceId: string;
  hours: SupportHours | null;
  saved: (h: SupportHours | null) => void;
}) {
  const announce = useAnnounce();
  const viewerZone = useViewerZone();
  const simple = hours ? simpleHours(hours.windows) : null;
  const [days, setDays] = useState<DayOfWeek[]>(simple?.days ?? WEEKDAYS);
  const [start, setStart] = useState(simple?.start ?? '09:00');
  const [end, setEnd] = useState(simple?.end ?? '17:00');
  const [zone, setZone] = useState(hours?.timeZone ?? viewerZone);
  const toggle = (day: DayOfWeek) =>
    setDays(days.includes(day) ? days.filter((d) => d !== day) : [...days, day]);
  const clear = async () => {
    try {
      await clearSupportHours(serviceId);
      saved(null);
      announce('Support hours removed: every incident pages at once.');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <Form
      label="Set support hours"
      submit="Save support hours"
      fieldAliases={{ windows: 'days' }}
      onSubmit={async () => {
        const next = await setSupportHours(serviceId, {
          timeZone: zone,
          windows: weeklyWindows(days, start, end),
        });
        saved(next);
        announce('Support hours saved.');
      }}
      actions={
        hours && (
          <button type="button" onClick={() => void clear()}>
            Page around the clock
          </button>
        )
      }
    >
      {hours && !simple && (
        <p class="hint">These hours are irregular; saving replaces them with the hours below.</p>
      )}
      <DaysField days={days} toggle={toggle} />
      <div class="columns narrow">
        <Field
          label="Opens at"
          name="start"
          type="time"
          required
          value={start}
          onInput={setStart}
        />
        <Field
          label="Closes at"
          name="end"
          type="time"
          required
          value={end}
          onInput={setEnd}
          hint="An earlier time than the opening runs past midnight."
        />
      </div>
      <Field
        label="Time zone"
        name="timeZone"
        required
        timeZones
        value={zone}
        onInput={setZone}
        hint="The hours are kept in this zone, across daylight-saving changes."
      />
    </Form>
  );
}

function DaysField({ days, toggle }: { days: DayOfWeek[]; toggle: (d: DayOfWeek) => void }) {
  const error = useFieldError('days');
  return (
    <fieldset class="days" aria-invalid={error ? 'true' : undefined}>
      <legend>Days</legend>
      {DAYS.map((d) => (
        <label key={d} class="day">
          <input
            type="checkbox"
            name="days"
            value={d}
            checked={days.includes(d)}
            onChange={() => toggle(d)}
          />{' '}
          {DAY_LABELS[d]}
        </label>
      ))}
      {error && <p class="field-error">{error}</p>}
    </fieldset>
  );
}

function Maintenance({ service }: { service: Service }) {
  const { session } = useSession();
  const announce = useAnnounce();
  const zone = useViewerZone();
  const role = session.user.role;
  const mayPlan = role === 'owner' || role === 'admin' || role === 'responder';
  const windows = useLoad(() => listMaintenance(service.id), [service.id], { everyMs: 5000 });
  const remove = async (w: MaintenanceWindow) => {
    if (!window.confirm('Delete this maintenance window? Paging resumes at once.')) return;
    try {
      await deleteMaintenance(service.id, w.id);
      announce('Maintenance window deleted.');
      await windows.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby="maintenance">
      <h2 id="maintenance">Maintenance windows</h2>
      <p class="muted">During a window incidents still open, but nobody is paged until it ends.</p>
      <Loading state={windows}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              No maintenance planned.
              {mayPlan && ' Plan a window below before work that would set off alerts.'}
            </Empty>
          ) : (
            <DataTable
              caption="Current and upcoming maintenance windows"
              rows={list}
              rowKey={(w) => w.id}
              columns={[
                {
                  label: 'From',
                  cell: (w) => (
                    <>
                      <Time at={w.startsAt} />
                      {Date.parse(w.startsAt) <= Date.now() && (
                        <>
                          {' '}
                          <span class="badge acknowledged">in progress</span>
                        </>
                      )}
                    </>
                  ),
                },
                { label: 'Until', cell: (w) => <Time at={w.endsAt} /> },
                {
                  label: 'Reason',
                  cell: (w) => w.reason || <span class="muted">No reason given</span>,
                },
                { label: 'Planned by', cell: (w) => w.createdBy },
                ...(mayPlan
                  ? [
                      {
                        label: 'Actions',
                        class: 'row-actions',
                        cell: (w: MaintenanceWindow) => (
                          <button
                            type="button"
                            class="danger small"
                            aria-label={`Delete the maintenance window ${w.reason || ''}`.trim()}
                            onClick={() => void remove(w)}
                          >
                            Delete
                          </button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </Loading>
      {mayPlan && (
        <Form
          label="Plan maintenance"
          submit="Add maintenance window"
          class="two-up"
          resetOnSuccess
          onSubmit={async (v) => {
            const start = v.start ? (fromLocalInput(v.start, zone) ?? v.start) : null;
            const end = v.end ? (fromLocalInput(v.end, zone) ?? v.end) : null;
            await addMaintenance(service.id, { start, end, reason: v.reason });
            announce('Maintenance window added.');
            await windows.reload();
          }}
        >
          <Field
            label="From"
            name="start"
            type="datetime-local"
            hint={`Blank: now. In your zone, ${zoneLabel(zone)}.`}
          />
          <Field
            label="Until"
            name="end"
            type="datetime-local"
            required
            hint={`At most 31 days. In your zone, ${zoneLabel(zone)}.`}
          />
          <Field label="Reason" name="reason" placeholder="e.g. database upgrade" />
        </Form>
      )}
    </section>
  );
}
