// SLA policies: the list, one policy's targets per priority, business hours with holidays, the
// warning percent and the escalation policy a breach pages; owners and admins create, edit and
// delete them.

import { useState } from 'preact/hooks';
import { navigate } from 'wouter-preact/use-browser-location';
import {
  createSlaPolicy,
  deleteSlaPolicy,
  getSlaPolicy,
  listPolicyNames,
  listSlaPolicies,
  replaceSlaPolicy,
  TICKET_PRIORITIES,
  type PolicyName,
  type SlaPolicy,
} from '../api/support';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { useViewerZone } from '../ui/Time';
import {
  DAY_OPTIONS,
  definitionOf,
  draftOf,
  newDraft,
  officeHours,
  priorityLabel,
  targetText,
  windowsText,
  type SlaDraft,
} from './sla';
import './support.css';

const enc = encodeURIComponent;

function policyName(policies: PolicyName[] | undefined, id: string): string {
  return policies?.find((p) => p.id === id)?.name ?? 'an escalation policy';
}

function hoursText(policy: SlaPolicy): string {
  const hours = policy.businessHours;
  if (!hours) return 'Around the clock (24x7)';
  return `${windowsText(hours.windows)} (${hours.timeZone})`;
}

export function SlaPoliciesPage() {
  const { isAdmin } = useSession();
  const policies = useLoad(listSlaPolicies, []);
  const escalation = useLoad(listPolicyNames, []);
  return (
    <Page
      title="SLA policies"
      lead="How fast each customer tier gets answers: targets per priority, counted in business hours. A ticket’s policy is the one of its customer’s tier."
    >
      <Loading state={policies}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              No SLA policies yet, so tickets have no clocks.{' '}
              {isAdmin
                ? 'Add one for a customer tier below.'
                : 'Ask an owner or admin to add one per customer tier.'}
            </Empty>
          ) : (
            <DataTable
              caption="SLA policies"
              rows={list}
              rowKey={(p) => p.id}
              columns={[
                {
                  label: 'Policy',
                  rowHeader: true,
                  cell: (p) => <a href={`/sla-policies/${enc(p.id)}`}>{p.name}</a>,
                },
                { label: 'Tier', cell: (p) => <span class="badge tier">{p.tier}</span> },
                {
                  label: 'First response',
                  cell: (p) => (
                    <ul class="plain">
                      {p.targets.map((t) => (
                        <li key={t.priority}>
                          {priorityLabel(t.priority)}: {targetText(t.firstResponseMinutes)}
                        </li>
                      ))}
                    </ul>
                  ),
                },
                { label: 'Business hours', cell: (p) => hoursText(p) },
                {
                  label: 'Breach pages',
                  cell: (p) => (
                    <a href={`/escalation-policies/${enc(p.escalationPolicyId)}`}>
                      {policyName(escalation.data, p.escalationPolicyId)}
                    </a>
                  ),
                },
              ]}
            />
          )
        }
      </Loading>
      {isAdmin && (
        <section class="panel" aria-labelledby="add-sla-policy">
          <h2 id="add-sla-policy">Add an SLA policy</h2>
          <SlaPolicyEditor
            policies={escalation.data}
            submit="Create SLA policy"
            onSave={async (draft) => {
              const created = await createSlaPolicy(definitionOf(draft));
              navigate(`/sla-policies/${enc(created.id)}`);
              return created;
            }}
          />
        </section>
      )}
    </Page>
  );
}

export function SlaPolicyPage({ params }: { params: { id: string } }) {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const policy = useLoad(() => getSlaPolicy(params.id), [params.id]);
  const escalation = useLoad(listPolicyNames, []);
  const [editing, setEditing] = useState(false);
  const remove = async (p: SlaPolicy) => {
    if (!window.confirm(`Delete the SLA policy “${p.name}”? Its running clocks stop.`)) return;
    try {
      await deleteSlaPolicy(p.id);
      announce(`Deleted ${p.name}.`);
      navigate('/sla-policies');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <Page
      title={policy.data ? policy.data.name : 'SLA policy'}
      breadcrumb={{ href: '/sla-policies', label: 'SLA policies' }}
    >
      <Loading state={policy}>
        {(p) => (
          <>
            <dl class="facts" aria-label="SLA policy summary">
              <div>
                <dt>Customer tier</dt>
                <dd>
                  <span class="badge tier">{p.tier}</span>
                </dd>
              </div>
              <div>
                <dt>Business hours</dt>
                <dd>{hoursText(p)}</dd>
              </div>
              {p.businessHours && (
                <div>
                  <dt>Holidays</dt>
                  <dd>
                    {p.businessHours.holidays.length === 0
                      ? 'None'
                      : p.businessHours.holidays.join(', ')}
                  </dd>
                </div>
              )}
              <div>
                <dt>Warning</dt>
                <dd>at {p.warningPercent}% of each target</dd>
              </div>
              <div>
                <dt>A breach pages</dt>
                <dd>
                  <a href={`/escalation-policies/${enc(p.escalationPolicyId)}`}>
                    {policyName(escalation.data, p.escalationPolicyId)}
                  </a>
                </dd>
              </div>
            </dl>
            <h2>Targets</h2>
            <p class="muted">
              In business time. A priority not listed has no clocks; a metric left out has no clock.
            </p>
            <DataTable
              caption="Targets per priority"
              rows={p.targets}
              rowKey={(t) => t.priority}
              columns={[
                { label: 'Priority', rowHeader: true, cell: (t) => priorityLabel(t.priority) },
                { label: 'First response', cell: (t) => targetText(t.firstResponseMinutes) },
                { label: 'Next response', cell: (t) => targetText(t.nextResponseMinutes) },
                { label: 'Resolution', cell: (t) => targetText(t.resolutionMinutes) },
              ]}
            />
            {isAdmin && (
              <div class="actions desk-actions">
                {!editing && (
                  <button type="button" onClick={() => setEditing(true)}>
                    Edit policy
                  </button>
                )}
                <button type="button" class="danger" onClick={() => void remove(p)}>
                  Delete policy
                </button>
              </div>
            )}
            {isAdmin && editing && (
              <section class="panel" aria-labelledby="edit-sla-policy">
                <h2 id="edit-sla-policy">Edit {p.name}</h2>
                <SlaPolicyEditor
                  initial={p}
                  policies={escalation.data}
                  submit="Save changes"
                  onCancel={() => setEditing(false)}
                  onSave={async (draft) => {
                    const saved = await replaceSlaPolicy(p.id, definitionOf(draft));
                    policy.set(saved);
                    setEditing(false);
                    return saved;
                  }}
                />
              </section>
            )}
          </>
        )}
      </Loading>
    </Page>
  );
}

function SlaPolicyEditor({
  initial,
  policies,
  submit,
  onSave,
  onCancel,
}: {
  initial?: SlaPolicy;
  policies: PolicyName[] | undefined;
  submit: string;
  onSave: (draft: SlaDraft) => Promise<SlaPolicy>;
  onCancel?: () => void;
}) {
  const zone = useViewerZone();
  const announce = useAnnounce();
  const [draft, setDraft] = useState<SlaDraft>(() =>
    initial ? draftOf(initial, zone) : newDraft(zone),
  );
  const set = (change: Partial<SlaDraft>) => setDraft((d) => ({ ...d, ...change }));
  const setTarget = (i: number, change: Partial<SlaDraft['targets'][number]>) =>
    setDraft((d) => ({
      ...d,
      targets: d.targets.map((t, n) => (n === i ? { ...t, ...change } : t)),
    }));
  const setWindow = (i: number, change: Partial<SlaDraft['windows'][number]>) =>
    setDraft((d) => ({
      ...d,
      windows: d.windows.map((w, n) => (n === i ? { ...w, ...change } : w)),
    }));
  const unused = TICKET_PRIORITIES.filter((p) => !draft.targets.some((t) => t.priority === p));

  return (
    <Form
      label={submit}
      submit={submit}
      class="sla-editor"
      actions={
        onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )
      }
      onSubmit={async () => {
        const saved = await onSave(draft);
        announce(`Saved the SLA policy ${saved.name} for ${saved.tier} customers.`);
      }}
    >
      <Field
        label="Name"
        name="name"
        required
        value={draft.name}
        onInput={(v) => set({ name: v })}
      />
      <Field
        label="Customer tier"
        name="tier"
        required
        value={draft.tier}
        onInput={(v) => set({ tier: v })}
        hint="The tier of the customers it covers, e.g. premium. One policy per tier."
      />
      <Field
        label="Escalation policy a breach pages"
        name="escalationPolicyId"
        required
        value={draft.escalationPolicyId}
        onInput={(v) => set({ escalationPolicyId: v })}
        hint={
          policies && policies.length === 0 ? (
            <>
              There is no escalation policy yet. <a href="/escalation-policies">Create one</a>{' '}
              first.
            </>
          ) : (
            'A breach opens an incident through it; the warning goes to its first step when the ticket is unassigned.'
          )
        }
        options={[
          { value: '', label: 'Choose an escalation policy' },
          ...(policies ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
      <Field
        label="Warning at (% of the target)"
        name="warningPercent"
        type="number"
        min="1"
        max="99"
        value={draft.warningPercent}
        onInput={(v) => set({ warningPercent: v })}
      />

      <h3>Targets per priority</h3>
      <p class="hint">
        In business minutes (60 = 1 hour). Leave next response or resolution blank for no clock.
      </p>
      {draft.targets.map((t, i) => (
        <fieldset class="row-editor" key={i}>
          <legend>Target {i + 1}</legend>
          <Field
            label="Priority"
            name={`targets[${i}].priority`}
            required
            value={t.priority}
            onInput={(v) => setTarget(i, { priority: v })}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
          />
          <Field
            label="First response (min)"
            name={`targets[${i}].firstResponseMinutes`}
            type="number"
            min="1"
            required
            value={t.first}
            onInput={(v) => setTarget(i, { first: v })}
          />
          <Field
            label="Next response (min)"
            name={`targets[${i}].nextResponseMinutes`}
            type="number"
            min="1"
            value={t.next}
            onInput={(v) => setTarget(i, { next: v })}
          />
          <Field
            label="Resolution (min)"
            name={`targets[${i}].resolutionMinutes`}
            type="number"
            min="1"
            value={t.resolution}
            onInput={(v) => setTarget(i, { resolution: v })}
          />
          {draft.targets.length > 1 && (
            <button
              type="button"
              class="small"
              aria-label={`Remove target ${i + 1}`}
              onClick={() => set({ targets: draft.targets.filter((_, n) => n !== i) })}
            >
              Remove
            </button>
          )}
        </fieldset>
      ))}
      {unused.length > 0 && (
        <button
          type="button"
          class="small"
          onClick={() =>
            set({
              targets: [
                ...draft.targets,
                { priority: unused[0]!, first: '', next: '', resolution: '' },
              ],
            })
          }
        >
          Add a target
        </button>
      )}

      <h3>Business hours</h3>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={draft.allDay}
          onChange={(e) => set({ allDay: e.currentTarget.checked })}
        />{' '}
        Around the clock (24x7): every minute counts
      </label>
      {!draft.allDay && (
        <>
          <Field
            label="Time zone"
            name="businessHours.timeZone"
            required
            timeZones
            value={draft.timeZone}
            onInput={(v) => set({ timeZone: v })}
          />
          {draft.windows.map((w, i) => (
            <fieldset class="row-editor" key={i}>
              <legend>Window {i + 1}</legend>
              <Field
                label="From day"
                name={`businessHours.windows[${i}].startDay`}
                required
                value={w.startDay}
                onInput={(v) => setWindow(i, { startDay: v as typeof w.startDay })}
                options={DAY_OPTIONS}
              />
              <Field
                label="From"
                name={`businessHours.windows[${i}].startTime`}
                type="time"
                required
                value={w.startTime}
                onInput={(v) => setWindow(i, { startTime: v })}
              />
              <Field
                label="To day"
                name={`businessHours.windows[${i}].endDay`}
                required
                value={w.endDay}
                onInput={(v) => setWindow(i, { endDay: v as typeof w.endDay })}
                options={DAY_OPTIONS}
              />
              <Field
                label="To"
                name={`businessHours.windows[${i}].endTime`}
                type="time"
                required
                value={w.endTime}
                onInput={(v) => setWindow(i, { endTime: v })}
              />
              {draft.windows.length > 1 && (
                <button
                  type="button"
                  class="small"
                  aria-label={`Remove window ${i + 1}`}
                  onClick={() => set({ windows: draft.windows.filter((_, n) => n !== i) })}
                >
                  Remove
                </button>
              )}
            </fieldset>
          ))}
          <div class="actions desk-actions">
            <button
              type="button"
              class="small"
              onClick={() =>
                set({
                  windows: [
                    ...draft.windows,
                    {
                      startDay: 'SATURDAY',
                      startTime: '09:00',
                      endDay: 'SATURDAY',
                      endTime: '13:00',
                    },
                  ],
                })
              }
            >
              Add a window
            </button>
            <button type="button" class="small" onClick={() => set({ windows: officeHours() })}>
              Reset to Monday–Friday 09:00–17:00
            </button>
          </div>
          <Field
            label="Holidays"
            name="businessHours.holidays"
            multiline
            value={draft.holidays}
            onInput={(v) => set({ holidays: v })}
            hint="One date a line, e.g. 2026-12-25: the whole day does not count."
          />
        </>
      )}
    </Form>
  );
}
