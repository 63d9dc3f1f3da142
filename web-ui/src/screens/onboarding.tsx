// /onboarding: a new organization's checklist, each step ticked from real data and each with a
// small form, so an owner goes from an empty organization to a page on their phone and its
// acknowledgement without leaving the page. Everything is reloaded every 5 s, so a reply from
// the phone (or another tab) ticks its step.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { navigate } from 'wouter-preact/use-browser-location';
import { api, type Incident, type Role } from '../api';
import {
  attachPolicy,
  createPolicy,
  createSchedule,
  listOutbox,
  listPolicies,
  listSchedules,
  replyToOutbox,
  WEEKDAYS,
  type Weekday,
} from '../api/onboarding';
import { listContactMethods } from '../api/profile';
import {
  checklist,
  checklistHidden,
  conversation,
  inviteSkipped,
  latestPage,
  nextStep,
  replyCode,
  setChecklistHidden,
  setInviteSkipped,
  usablePhones,
  type ChecklistData,
  type Step,
  type StepId,
} from '../onboarding';
import { capitalize, errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { AdminOnly, Loading, Page } from '../ui/page';
import { grantableRoles, ROLE_LABELS, useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import { AddMethodForm, VerifyMethod } from './contact';
import './onboarding.css';

export interface ChecklistState extends ChecklistData {
  teams: { id: string; name: string }[];
}

/** Everything the checklist reads, for the viewer (an owner or admin). */
export async function loadChecklist(userId: string): Promise<ChecklistState> {
  const [users, invitations, teams, services, schedules, policies, methods, incidents] =
    await Promise.all([
      api.listUsers(),
      api.listInvitations(),
      api.listTeams(),
      api.searchServices(''),
      listSchedules(),
      listPolicies(),
      listContactMethods(userId),
      api.listIncidents({ limit: 20 }),
    ]);
  return {
    users,
    invitations,
    teams,
    services,
    schedules,
    policies,
    methods,
    incidents,
    inviteSkipped: inviteSkipped(userId),
  };
}

export function OnboardingPage() {
  return (
    <AdminOnly title="Get started">
      <Onboarding />
    </AdminOnly>
  );
}

function Onboarding() {
  const { session } = useSession();
  const me = session.user;
  const state = useLoad(() => loadChecklist(me.id), [me.id], { everyMs: 5000 });
  return (
    <Page
      title="Get started"
      lead="Six steps from an empty organization to a page on your phone. Each ticks itself once it is done."
    >
      <Loading state={state}>{(data) => <Checklist data={data} reload={state.reload} />}</Loading>
    </Page>
  );
}

function Checklist({ data, reload }: { data: ChecklistState; reload: () => Promise<void> }) {
  const steps = checklist(data);
  const current = nextStep(steps);
  const doneCount = steps.filter((s) => s.done).length;
  return (
    <>
      <p class="onb-progress">
        <progress max={steps.length} value={doneCount} aria-label="Steps done" /> {doneCount} of{' '}
        {steps.length} done
      </p>
      <ol class="onb-steps">
        {steps.map((step, i) => (
          <StepItem key={step.id} step={step} index={i} current={step.id === current}>
            <StepBody id={step.id} done={step.done} data={data} reload={reload} />
          </StepItem>
        ))}
      </ol>
      {current === null && <AllDone />}
    </>
  );
}

function StepItem({
  step,
  index,
  current,
  children,
}: {
  step: Step;
  index: number;
  current: boolean;
  children: ComponentChildren;
}) {
  return (
    <li class={`panel onb-step${step.done ? ' done' : ''}${current ? ' current' : ''}`}>
      <h2 id={`step-${step.id}`}>
        <span class="onb-mark" aria-hidden="true">
          {step.done ? '✓' : index + 1}
        </span>{' '}
        {step.title}{' '}
        <span class={`badge ${step.done ? 'onb-done' : 'onb-todo'}`}>
          {step.done ? 'Done' : current ? 'Next' : 'To do'}
        </span>
      </h2>
      {children}
    </li>
  );
}

function StepBody({
  id,
  done,
  data,
  reload,
}: {
  id: StepId;
  done: boolean;
  data: ChecklistState;
  reload: () => Promise<void>;
}) {
  switch (id) {
    case 'invite':
      return <InviteStep done={done} data={data} reload={reload} />;
    case 'service':
      return <ServiceStep done={done} data={data} reload={reload} />;
    case 'schedule':
      return <ScheduleStep done={done} data={data} reload={reload} />;
    case 'policy':
      return <PolicyStep done={done} data={data} reload={reload} />;
    case 'phone':
      return <PhoneStep done={done} data={data} reload={reload} />;
    case 'testPage':
      return <TestPageStep done={done} data={data} reload={reload} />;
  }
}

interface StepProps {
  done: boolean;
  data: ChecklistState;
  reload: () => Promise<void>;
}

function InviteStep({ done, data, reload }: StepProps) {
  const { session } = useSession();
  const announce = useAnnounce();
  const others = data.users.length - 1;
  if (done) {
    return (
      <p>
        {others > 0 ? `${others} teammate${others === 1 ? '' : 's'}` : 'No teammates yet'}
        {data.invitations.length > 0 && `, ${data.invitations.length} invitation(s) pending`}.{' '}
        <a href="/users">Manage users</a>
        {data.inviteSkipped && others === 0 && data.invitations.length === 0 && (
          <>
            {' · '}
            <button
              type="button"
              class="link"
              onClick={() => {
                setInviteSkipped(session.user.id, false);
                void reload();
              }}
            >
              Invite someone now
            </button>
          </>
        )}
      </p>
    );
  }
  const roles = grantableRoles(session.user.role);
  return (
    <>
      <p>
        Whoever is on call needs an account. They get an email with a link to join (in the{' '}
        <a href="/outbox">outbox</a> while no email provider is set).
      </p>
      <Form
        label="Invite a teammate"
        submit="Send invitation"
        class="two-up"
        resetOnSuccess
        onSubmit={async (v) => {
          const created = await api.invite({
            email: (v.email ?? '').trim(),
            role: (v.role ?? 'responder') as Role,
          });
          announce(`Invited ${created.invitation.email}.`);
          await reload();
        }}
        actions={
          <button
            type="button"
            class="ghost"
            onClick={() => {
              setInviteSkipped(session.user.id, true);
              void reload();
            }}
          >
            Skip for now
          </button>
        }
      >
        <Field label="Email" name="email" type="email" required />
        <Field
          label="Role"
          name="role"
          value="responder"
          options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        />
      </Form>
    </>
  );
}

function ServiceStep({ done, data, reload }: StepProps) {
  const announce = useAnnounce();
  if (done) {
    return (
      <p>
        {data.services.map((s, i) => (
          <span key={s.id}>
            {i > 0 && ', '}
            <a href={`/services/${encodeURIComponent(s.id)}`}>{s.name}</a> (owned by {s.team.name})
          </span>
        ))}
        . <a href="/services">All services</a>
      </p>
    );
  }
  return (
    <>
      <p>A service is what breaks (“Checkout API”); its team owns it and its incidents.</p>
      <Form
        label="Create a team and a service"
        submit={data.teams.length === 0 ? 'Create team and service' : 'Create service'}
        class="two-up"
        onSubmit={async (v) => {
          let teamId = v.teamId ?? '';
          if (data.teams.length === 0) {
            teamId = (await api.createTeam({ name: v.team ?? '', kind: 'engineering' })).id;
          }
          const service = await api.createService({ name: v.service ?? '', teamId });
          announce(`Created ${service.name}, owned by ${service.team.name}.`);
          await reload();
        }}
        fieldAliases={{ name: 'service' }}
      >
        {data.teams.length === 0 ? (
          <Field label="Team name" name="team" required placeholder="e.g. Platform" />
        ) : (
          <Field
            label="Owning team"
            name="teamId"
            required
            options={data.teams.map((t) => ({ value: t.id, label: t.name }))}
          />
        )}
        <Field label="Service name" name="service" required placeholder="e.g. Checkout API" />
      </Form>
    </>
  );
}

function ScheduleStep({ done, data, reload }: StepProps) {
  const { session } = useSession();
  const announce = useAnnounce();
  const zone = session.user.timeZone || 'UTC';
  if (done) {
    return (
      <p>
        {data.schedules.map((s, i) => (
          <span key={s.id}>
            {i > 0 && ', '}
            <a href={`/schedules/${encodeURIComponent(s.id)}`}>{s.name}</a> ({s.timeZone})
          </span>
        ))}
        . <a href="/oncall">Who is on call</a>
      </p>
    );
  }
  const active = data.users.filter((u) => u.active);
  const people = [
    ...active.filter((u) => u.id === session.user.id),
    ...active.filter((u) => u.id !== session.user.id),
  ];
  const team = data.teams[0];
  return (
    <>
      <p>
        A weekly rotation: the people you tick take turns, in this order, handing over on the day
        and time you choose. The first one is on call from now. Invited people join the rotation
        once they have accepted.
      </p>
      <Form
        label="Make an on-call schedule"
        submit="Create schedule"
        class="two-up"
        fieldAliases={{
          'layers[0].participants': 'participants',
          'layers[0].turn.time': 'time',
          'layers[0].turn.day': 'day',
        }}
        onSubmit={async (v, form) => {
          const participants = new FormData(form).getAll('participants').map(String);
          const schedule = await createSchedule({
            name: v.name ?? '',
            timeZone: (v.timeZone ?? '').trim(),
            teamId: team?.id,
            layers: [
              {
                name: 'Weekly',
                start: new Date(Date.now() - 60_000).toISOString(),
                turn: { kind: 'weekly', day: (v.day ?? 'MONDAY') as Weekday, time: v.time ?? '' },
                participants,
              },
            ],
          });
          announce(`Created the schedule ${schedule.name}.`);
          await reload();
        }}
      >
        <Field
          label="Schedule name"
          name="name"
          required
          value={team ? `${team.name} on call` : 'Primary on call'}
        />
        <Field label="Time zone" name="timeZone" required value={zone} timeZones />
        <Field
          label="Hand-off day"
          name="day"
          value="MONDAY"
          options={WEEKDAYS.map((d) => ({ value: d, label: capitalize(d.toLowerCase()) }))}
        />
        <Field label="Hand-off time" name="time" type="time" value="09:00" required />
        <fieldset class="onb-people">
          <legend>Participants, in turn order</legend>
          {people.map((u) => (
            <label key={u.id} class="check">
              <input
                type="checkbox"
                name="participants"
                value={u.id}
                defaultChecked={u.id === session.user.id}
              />{' '}
              {u.name} <span class="muted">{u.email}</span>
            </label>
          ))}
        </fieldset>
      </Form>
    </>
  );
}

function PolicyStep({ done, data, reload }: StepProps) {
  const announce = useAnnounce();
  const attached = data.services.filter((s) => s.escalationPolicyId !== null);
  if (done) {
    return (
      <p>
        {attached.map((s, i) => {
          const policy = data.policies.find((p) => p.id === s.escalationPolicyId);
          return (
            <span key={s.id}>
              {i > 0 && ', '}
              {s.name} pages{' '}
              <a href={`/escalation-policies/${encodeURIComponent(s.escalationPolicyId!)}`}>
                {policy?.name ?? 'its policy'}
              </a>
            </span>
          );
        })}
        .
      </p>
    );
  }
  if (data.services.length === 0 || data.schedules.length === 0) {
    return <p class="muted">First create a service (step 2) and a schedule (step 3).</p>;
  }
  const service = data.services[0]!;
  return (
    <>
      <p>
        An escalation policy says who is paged when the service has an incident: here, whoever is on
        call on the schedule, paged again until someone acknowledges.
      </p>
      <Form
        label="Create an escalation policy"
        submit="Create policy and attach it"
        class="two-up"
        fieldAliases={{ 'steps[0].delayMinutes': 'delayMinutes' }}
        onSubmit={async (v) => {
          const policy = await createPolicy({
            name: v.name ?? '',
            repeatCount: 2,
            steps: [
              {
                delayMinutes: Number(v.delayMinutes || 0),
                targets: [{ type: 'schedule', id: v.scheduleId ?? '' }],
              },
            ],
          });
          const attachedTo = await attachPolicy(v.serviceId ?? '', policy.id);
          announce(`${attachedTo.name} now pages ${policy.name}.`);
          await reload();
        }}
      >
        <Field label="Policy name" name="name" required value={`${service.name} escalation`} />
        <Field
          label="Service"
          name="serviceId"
          required
          options={data.services.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Field
          label="First step pages the schedule"
          name="scheduleId"
          required
          options={data.schedules.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Field
          label="Page again after (minutes)"
          name="delayMinutes"
          type="number"
          min="1"
          max="1440"
          value="5"
          required
          hint="Repeated twice more while nobody acknowledges."
        />
      </Form>
    </>
  );
}

function PhoneStep({ done, data, reload }: StepProps) {
  const { session } = useSession();
  const phones = usablePhones(data.methods);
  if (done) {
    return (
      <p>
        Verified: {phones.map((m) => m.address).join(', ')}. <a href="/profile">Your profile</a>{' '}
        sets which method is used after how many minutes.
      </p>
    );
  }
  const pending = data.methods.find((m) => m.channel !== 'email' && m.verifiedAt === null);
  return (
    <>
      <p>Pages go to your phone by SMS. Switchboard texts a code to check the number is yours.</p>
      {pending ? (
        <VerifyMethod method={pending} onVerified={reload} />
      ) : (
        <AddMethodForm userId={session.user.id} only="sms" onAdded={reload} />
      )}
    </>
  );
}

function TestPageStep({ done, data, reload }: StepProps) {
  const announce = useAnnounce();
  const [sentId, setSentId] = useState<string | null>(null);
  const ready = data.services.filter((s) => s.escalationPolicyId !== null);
  const phoneReady = usablePhones(data.methods).length > 0;
  const incident =
    data.incidents.find((i) => i.id === sentId) ??
    (done ? data.incidents.find((i) => i.acknowledgedAt !== null) : data.incidents[0]);
  if (ready.length === 0 || !phoneReady) {
    return (
      <p class="muted">
        First attach a policy to a service (step 4) and verify your phone (step 5).
      </p>
    );
  }
  return (
    <>
      {!done && (
        <>
          <p>
            Trigger an incident on the service and watch the page reach your phone. Acknowledge it
            by replying to the SMS.
          </p>
          <Form
            label="Send a test page"
            submit="Send a test page"
            class="inline"
            onSubmit={async (v) => {
              const result = await api.triggerIncident({
                serviceId: v.serviceId ?? '',
                title: 'Test page from the onboarding checklist',
                urgency: 'high',
              });
              setSentId(result.incident.id);
              announce(`Triggered #${result.incident.number}. The page is on its way.`);
              await reload();
            }}
          >
            <Field
              label="Service"
              name="serviceId"
              required
              options={ready.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form>
        </>
      )}
      {incident && <TestPageWatch incident={incident} phones={data.methods} reload={reload} />}
    </>
  );
}

/** The test incident's state and the page in the outbox, with a simulated SMS reply. */
function TestPageWatch({
  incident,
  phones,
  reload,
}: {
  incident: Incident;
  phones: ChecklistData['methods'];
  reload: () => Promise<void>;
}) {
  const announce = useAnnounce();
  const addresses = usablePhones(phones).map((m) => m.address);
  const outbox = useLoad(() => listOutbox({ limit: 50 }), [incident.id], { everyMs: 3000 });
  const page = outbox.data ? latestPage(outbox.data, addresses) : null;
  const code = page ? replyCode(page.body) : null;
  const replies = page && outbox.data ? conversation(outbox.data, page) : [];
  const reply = async () => {
    if (!page || !code) return;
    try {
      const result = await replyToOutbox(page.id, code);
      announce(result.answer ? `Replied ${code}. ${result.answer.body}` : `Replied ${code}.`);
      await Promise.all([outbox.reload(), reload()]);
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <div class="onb-watch" aria-live="polite">
      <p>
        <a href={`/incidents/${encodeURIComponent(incident.id)}`}>
          #{incident.number} {incident.title}
        </a>{' '}
        on {incident.serviceName}: <span class={`badge ${incident.status}`}>{incident.status}</span>
        {incident.acknowledgedBy && (
          <span>
            {' '}
            by {incident.acknowledgedBy}
            {incident.acknowledgedAt && (
              <>
                {' '}
                at <Time at={incident.acknowledgedAt} style="short" />
              </>
            )}
          </span>
        )}
      </p>
      {page ? (
        <div class="onb-sms">
          <p class="muted">
            Texted to {page.address} (<Time at={page.createdAt} style="short" />, kept in the{' '}
            <a href="/outbox">outbox</a> while no SMS provider is set):
          </p>
          <blockquote class="onb-message">{page.body}</blockquote>
          {replies.map((m) => (
            <blockquote
              key={m.id}
              class={`onb-message ${m.direction === 'inbound' ? 'from-phone' : ''}`}
            >
              <span class="muted">{m.direction === 'inbound' ? 'You replied: ' : 'Answer: '}</span>
              {m.body}
            </blockquote>
          ))}
          {code && incident.status === 'triggered' && (
            <p>
              Reply <strong>{code}</strong> to acknowledge — from your phone once a provider is set,
              or here:{' '}
              <button type="button" class="primary" onClick={() => void reply()}>
                Reply {code} from {page.address}
              </button>
            </p>
          )}
        </div>
      ) : (
        incident.status === 'triggered' && (
          <p class="muted">
            Waiting for the page… It goes to whoever is on call on the policy’s schedule; the{' '}
            <a href={`/incidents/${encodeURIComponent(incident.id)}`}>incident’s timeline</a> says
            whom it paged.
          </p>
        )
      )}
    </div>
  );
}

function AllDone() {
  const { session } = useSession();
  return (
    <section class="panel onb-finished" aria-labelledby="onb-finished">
      <h2 id="onb-finished">Switchboard pages you now</h2>
      <p>
        Next: add people and layers on <a href="/schedules">Schedules</a>, more steps on{' '}
        <a href="/escalation-policies">Escalation policies</a>, and your notification rules on{' '}
        <a href="/profile">your profile</a>.
      </p>
      <button
        type="button"
        onClick={() => {
          setChecklistHidden(session.user.id, true);
          navigate('/');
        }}
      >
        Hide checklist
      </button>
    </section>
  );
}

/** For the home page: should this person be pointed at the checklist? */
export function wantsChecklist(
  role: Role,
  userId: string,
  data: ChecklistData | undefined,
): boolean {
  if (role !== 'owner' || checklistHidden(userId) || !data) return false;
  return nextStep(checklist(data)) !== null;
}
