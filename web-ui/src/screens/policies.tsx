// Escalation policies: the list (which services use each), and one policy's page with who would
// be paged right now at each step and the step editor (admins). Saving sends the whole policy in
// one PUT; the API's messages land beside the inputs they name (steps[0].targets[1].id).

import { useState } from 'preact/hooks';
import { navigate } from 'wouter-preact/use-browser-location';
import { api, type Service, type Team, type User } from '../api';
import {
  createPolicy,
  deletePolicy,
  getPolicy,
  listPolicies,
  listScheduleNames,
  previewPolicy,
  replacePolicy,
  type EscalationPolicy,
  type PolicyDefinition,
  type PolicyPreview,
  type Target,
  type TargetType,
  type TeamMode,
} from '../api/policies';
import {
  addStep,
  addTarget,
  definitionOf,
  delayText,
  draftOf,
  emptyDraft,
  moveStep,
  removeStep,
  removeTarget,
  TARGET_KIND_LABELS,
  TEAM_MODE_LABELS,
  updateStep,
  updateTarget,
  type Draft,
} from '../escalation';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import './policies.css';

const policyHref = (id: string) => `/escalation-policies/${encodeURIComponent(id)}`;
const serviceHref = (id: string) => `/services/${encodeURIComponent(id)}`;

/** Every service (the API answers up to 500), to say which use a policy. */
function allServices(): Promise<Service[]> {
  return api.searchServices('', 500);
}

export function PoliciesPage() {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const state = useLoad(
    async () => {
      const [policies, services] = await Promise.all([listPolicies(), allServices()]);
      return { policies, services };
    },
    [],
    { everyMs: 5000 },
  );
  return (
    <Page
      title="Escalation policies"
      lead="Who gets paged for a service's incidents, in which order, and how long each step waits for an acknowledgement."
    >
      <Loading state={state}>
        {({ policies, services }) =>
          policies.length === 0 ? (
            <Empty>
              No escalation policies yet.{' '}
              {isAdmin
                ? 'Create one below, then attach it to a service so its incidents page someone.'
                : 'Ask an owner or admin to create one: until then incidents page nobody.'}
            </Empty>
          ) : (
            <DataTable
              caption="Escalation policies"
              rows={policies}
              rowKey={(p) => p.id}
              columns={[
                {
                  label: 'Policy',
                  rowHeader: true,
                  cell: (p) => <a href={policyHref(p.id)}>{p.name}</a>,
                },
                {
                  label: 'Steps',
                  cell: (p) => (
                    <>
                      {p.steps.length} {p.steps.length === 1 ? 'step' : 'steps'}
                      {p.repeatCount > 0 && <span class="muted">, repeated {p.repeatCount}×</span>}
                    </>
                  ),
                },
                {
                  label: 'Used by',
                  cell: (p) => (
                    <ServiceLinks
                      services={services.filter((s) => s.escalationPolicyId === p.id)}
                    />
                  ),
                },
                {
                  label: 'Reachability',
                  cell: (p) =>
                    p.unreachable.length === 0 ? (
                      <span class="ok">Everyone reachable</span>
                    ) : (
                      <span class="warn">
                        {p.unreachable.length} unreachable:{' '}
                        {p.unreachable.map((u) => u.name).join(', ')}
                      </span>
                    ),
                },
              ]}
            />
          )
        }
      </Loading>
      {isAdmin && (
        <section class="panel" aria-labelledby="create-policy">
          <h2 id="create-policy">Create a policy</h2>
          <PolicyEditor
            draft={emptyDraft()}
            submit="Create policy"
            label="Create a policy"
            onSave={async (definition) => {
              const created = await createPolicy(definition);
              announce(`Created the policy ${created.name}.`);
              navigate(policyHref(created.id));
            }}
          />
        </section>
      )}
    </Page>
  );
}

function ServiceLinks({ services }: { services: { id: string; name: string }[] }) {
  if (services.length === 0) return <span class="muted">No service yet</span>;
  return (
    <ul class="inline-list">
      {services.map((s) => (
        <li key={s.id}>
          <a href={serviceHref(s.id)}>{s.name}</a>
        </li>
      ))}
    </ul>
  );
}

export function PolicyPage({ params }: { params: { id: string } }) {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const policy = useLoad(() => getPolicy(params.id), [params.id]);
  const preview = useLoad(() => previewPolicy(params.id), [params.id], { everyMs: 5000 });
  const services = useLoad(allServices, [], { everyMs: 5000 });
  // Bumped after a save, so the editor starts again from what the server kept.
  const [saved, setSaved] = useState(0);

  const remove = async (p: EscalationPolicy) => {
    if (!window.confirm(`Delete the escalation policy “${p.name}”?`)) return;
    try {
      await deletePolicy(p.id);
      announce(`Deleted the policy ${p.name}.`);
      navigate('/escalation-policies');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  const title = policy.data?.name ?? 'Escalation policy';
  return (
    <Page
      title={title}
      breadcrumb={{ href: '/escalation-policies', label: 'All escalation policies' }}
      lead={policy.data?.description || undefined}
    >
      <Loading state={policy}>
        {(p) => {
          const using =
            preview.data?.services ??
            (services.data ?? []).filter((s) => s.escalationPolicyId === p.id);
          return (
            <>
              <section class="panel" aria-labelledby="policy-services">
                <h2 id="policy-services">Services using this policy</h2>
                {using.length === 0 ? (
                  <Empty>
                    No service uses this policy yet: attach it from a service's page (open one in
                    the <a href="/services">service directory</a>).
                  </Empty>
                ) : (
                  <ServiceLinks services={using} />
                )}
              </section>
              <section class="panel" aria-labelledby="paged-now">
                <h2 id="paged-now">Who would be paged right now</h2>
                <PagedNow policy={p} preview={preview.data} />
              </section>
              {isAdmin && (
                <section class="panel" aria-labelledby="edit-steps">
                  <h2 id="edit-steps">Edit the policy</h2>
                  <PolicyEditor
                    key={`${p.id}-${saved}`}
                    draft={draftOf(p)}
                    submit="Save policy"
                    label="Edit the policy"
                    onSave={async (definition) => {
                      const next = await replacePolicy(p.id, definition);
                      policy.set(next);
                      setSaved((n) => n + 1);
                      await preview.reload();
                      announce(`Saved the policy ${next.name}.`);
                    }}
                  />
                  <div class="danger-zone">
                    <button type="button" class="danger" onClick={() => void remove(p)}>
                      Delete policy
                    </button>
                    <p class="hint">
                      A policy a service still uses cannot be deleted: point the service at another
                      policy first.
                    </p>
                  </div>
                </section>
              )}
            </>
          );
        }}
      </Loading>
    </Page>
  );
}

const KIND_WORDS: Record<TargetType, string> = {
  user: 'person',
  schedule: 'schedule',
  team: 'team',
};

function targetText(t: Target): string {
  const name = t.name ?? `a deleted ${KIND_WORDS[t.type]}`;
  if (t.type === 'schedule') return `${name} (whoever is on call)`;
  if (t.type === 'team') {
    return `${name} (${t.teamMode === 'round_robin' ? 'one member in turn' : 'all members'})`;
  }
  return name;
}

/**
 * Each step of the saved policy: its targets, the people they stand for now and whether a page
 * would reach them. Without the server's preview, the targets and the policy's unreachable list.
 */
export function PagedNow({
  policy,
  preview,
  firstStepOnly = false,
}: {
  policy: EscalationPolicy;
  preview: PolicyPreview | null | undefined;
  firstStepOnly?: boolean;
}) {
  const unreachable = new Map(policy.unreachable.map((u) => [u.id, u.reason]));
  const steps = firstStepOnly ? policy.steps.slice(0, 1) : policy.steps;
  return (
    <>
      {preview && (
        <p class="muted">
          As of <Time at={preview.at} />, for a high-urgency incident.
        </p>
      )}
      <ol class="paged-steps">
        {steps.map((step, index) => {
          const seen = preview?.steps[index];
          return (
            <li key={index} aria-label={`Step ${index + 1}`}>
              <p class="step-title">
                <strong>Step {index + 1}</strong>{' '}
                <span class="muted">
                  pages {step.targets.map(targetText).join(', ')};{' '}
                  {delayText(step.delayMinutes, index, policy.steps.length, policy.repeatCount)}
                </span>
              </p>
              {seen ? (
                <>
                  {seen.targets
                    .filter((t) => t.note)
                    .map((t) => (
                      <p key={t.id} class="warn">
                        {targetText(t)}: {t.note}
                      </p>
                    ))}
                  {seen.people.length === 0 ? (
                    <p class="warn">Nobody would be paged at this step right now.</p>
                  ) : (
                    <ul class="people">
                      {seen.people.map((person) => (
                        <li key={person.id} class={person.reachable ? undefined : 'unreachable'}>
                          <span class="person-name">{person.name ?? 'A removed user'}</span>{' '}
                          {person.reachable ? (
                            person.warning ? (
                              <span class="warn">({person.warning})</span>
                            ) : (
                              <span class="badge reachable">reachable</span>
                            )
                          ) : (
                            <span class="badge unreachable">Unreachable: {person.reason}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                <ul class="people">
                  {step.targets
                    .filter((t) => t.type === 'user')
                    .map((t) => (
                      <li key={t.id} class={unreachable.has(t.id) ? 'unreachable' : undefined}>
                        <span class="person-name">{t.name ?? 'A removed user'}</span>{' '}
                        {unreachable.has(t.id) && (
                          <span class="badge unreachable">
                            Unreachable: {unreachable.get(t.id)}
                          </span>
                        )}
                      </li>
                    ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {!preview && policy.unreachable.length > 0 && (
        <div class="form-error" role="note">
          <p>These people can be paged by this policy but cannot be reached:</p>
          <ul>
            {policy.unreachable.map((u) => (
              <li key={u.id}>
                {u.name}: {u.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

interface Choices {
  users: User[];
  schedules: { id: string; name: string }[];
  teams: Team[];
}

async function loadChoices(): Promise<Choices> {
  const [users, schedules, teams] = await Promise.all([
    api.listUsers(),
    listScheduleNames(),
    api.listTeams(),
  ]);
  return { users: users.filter((u) => u.active), schedules, teams };
}

const CHOOSE: Record<TargetType, string> = {
  user: 'Choose a person…',
  schedule: 'Choose a schedule…',
  team: 'Choose a team…',
};

function choicesFor(type: TargetType, choices: Choices) {
  const list =
    type === 'user'
      ? choices.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))
      : type === 'schedule'
        ? choices.schedules.map((s) => ({ value: s.id, label: s.name }))
        : choices.teams.map((t) => ({
            value: t.id,
            label: `${t.name} (${t.memberCount} ${t.memberCount === 1 ? 'member' : 'members'})`,
          }));
  return [{ value: '', label: CHOOSE[type] }, ...list];
}

/** The whole policy as one form: name, repeats, and the ordered steps with their targets. */
function PolicyEditor(props: {
  draft: Draft;
  submit: string;
  label: string;
  onSave: (definition: PolicyDefinition) => Promise<void>;
}) {
  const [draft, setDraft] = useState<Draft>(props.draft);
  const choices = useLoad(loadChoices, []);
  const repeats = Number(draft.repeatCount) || 0;
  return (
    <Loading state={choices}>
      {(c) => (
        <Form
          label={props.label}
          class="policy-form"
          submit={props.submit}
          onSubmit={() => props.onSave(definitionOf(draft))}
        >
          <div class="columns">
            <Field
              label="Policy name"
              name="name"
              required
              value={draft.name}
              onInput={(name) => setDraft({ ...draft, name })}
            />
            <Field
              label="Repeat all steps"
              name="repeatCount"
              type="number"
              min="0"
              max="9"
              required
              value={draft.repeatCount}
              onInput={(repeatCount) => setDraft({ ...draft, repeatCount })}
              hint="How many more times to run the steps when nobody acknowledges (0–9)."
            />
          </div>
          <Field
            label="Description"
            name="description"
            multiline
            value={draft.description}
            onInput={(description) => setDraft({ ...draft, description })}
          />
          <ol class="step-editor">
            {draft.steps.map((step, s) => (
              <li key={step.key}>
                <fieldset class="step">
                  <legend>Step {s + 1}</legend>
                  <div class="step-moves">
                    <button
                      type="button"
                      class="small"
                      disabled={s === 0}
                      aria-label={`Move step ${s + 1} up`}
                      onClick={() => setDraft(moveStep(draft, s, -1))}
                    >
                      ↑ Up
                    </button>
                    <button
                      type="button"
                      class="small"
                      disabled={s === draft.steps.length - 1}
                      aria-label={`Move step ${s + 1} down`}
                      onClick={() => setDraft(moveStep(draft, s, 1))}
                    >
                      ↓ Down
                    </button>
                    <button
                      type="button"
                      class="small danger"
                      disabled={draft.steps.length === 1}
                      aria-label={`Remove step ${s + 1}`}
                      onClick={() => setDraft(removeStep(draft, s))}
                    >
                      Remove step
                    </button>
                  </div>
                  {step.targets.map((target, t) => (
                    <div
                      class="target-row"
                      key={target.key}
                      role="group"
                      aria-label={`Step ${s + 1}, target ${t + 1}`}
                    >
                      <Field
                        label="Page"
                        name={`steps[${s}].targets[${t}].type`}
                        required
                        value={target.type}
                        options={(Object.keys(TARGET_KIND_LABELS) as TargetType[]).map((k) => ({
                          value: k,
                          label: TARGET_KIND_LABELS[k],
                        }))}
                        onInput={(type) =>
                          setDraft(updateTarget(draft, s, t, { type: type as TargetType }))
                        }
                      />
                      <Field
                        label="Who"
                        name={`steps[${s}].targets[${t}].id`}
                        required
                        value={target.id}
                        options={choicesFor(target.type, c)}
                        onInput={(id) => setDraft(updateTarget(draft, s, t, { id }))}
                      />
                      {target.type === 'team' && (
                        <Field
                          label="Team members paged"
                          name={`steps[${s}].targets[${t}].teamMode`}
                          required
                          value={target.teamMode}
                          options={(Object.keys(TEAM_MODE_LABELS) as TeamMode[]).map((m) => ({
                            value: m,
                            label: TEAM_MODE_LABELS[m],
                          }))}
                          onInput={(mode) =>
                            setDraft(updateTarget(draft, s, t, { teamMode: mode as TeamMode }))
                          }
                        />
                      )}
                      <button
                        type="button"
                        class="small"
                        disabled={step.targets.length === 1}
                        aria-label={`Remove target ${t + 1} of step ${s + 1}`}
                        onClick={() => setDraft(removeTarget(draft, s, t))}
                      >
                        Remove
                      </button>
                    </div>
                  ))}
                  <p>
                    <button
                      type="button"
                      class="small"
                      aria-label={`Add a target to step ${s + 1}`}
                      onClick={() => setDraft(addTarget(draft, s))}
                    >
                      + Add target
                    </button>
                  </p>
                  <Field
                    label="Then wait (minutes)"
                    name={`steps[${s}].delayMinutes`}
                    type="number"
                    min="1"
                    max="1440"
                    required
                    value={step.delayMinutes}
                    onInput={(delayMinutes) => setDraft(updateStep(draft, s, { delayMinutes }))}
                    hint={
                      /^\d+$/.test(step.delayMinutes.trim())
                        ? `Pages every target, ${delayText(Number(step.delayMinutes), s, draft.steps.length, repeats)}.`
                        : 'Minutes to wait for an acknowledgement before going on (1–1440).'
                    }
                  />
                </fieldset>
              </li>
            ))}
          </ol>
          <p>
            <button type="button" onClick={() => setDraft(addStep(draft))}>
              + Add step
            </button>
          </p>
        </Form>
      )}
    </Loading>
  );
}
