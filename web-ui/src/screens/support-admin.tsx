// Support's configuration: customers and their tiers, the message templates suggested replies
// are made from, impact rules, and the surge settings of similar tickets.

import { useState } from 'preact/hooks';
import {
  createCustomer,
  createImpactRule,
  deleteImpactRule,
  getSupportSettings,
  listCustomers,
  listImpactRules,
  listMessageTemplates,
  listPolicyNames,
  replaceImpactRule,
  resetMessageTemplate,
  saveMessageTemplate,
  saveSupportSettings,
  updateCustomer,
  type Customer,
  type ImpactRule,
  type MessageTemplate,
  type PolicyName,
} from '../api/support';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { canWorkTickets } from './desk';
import './support.css';

const enc = encodeURIComponent;

export function CustomersPage() {
  const { session } = useSession();
  const announce = useAnnounce();
  const canWork = canWorkTickets(session.user.role);
  const [tier, setTier] = useState('');
  const customers = useLoad(() => listCustomers(tier || undefined), [tier]);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Page
      title="Customers"
      lead="The organizations that write to support. A customer’s tier picks the SLA policy of its tickets."
    >
      <form
        class="queue-filters"
        aria-label="Filter customers"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field
          label="Tier"
          name="tierFilter"
          value={tier}
          onInput={setTier}
          placeholder="e.g. premium"
          hint="Only customers of this tier."
        />
      </form>
      <Loading state={customers}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              {tier
                ? `No ${tier} customers.`
                : `No customers yet.${canWork ? ' Add the first one below; tickets can then name it.' : ''}`}
            </Empty>
          ) : (
            <DataTable
              caption="Customers"
              rows={list}
              rowKey={(c) => c.id}
              columns={[
                { label: 'Customer', rowHeader: true, cell: (c) => c.name },
                { label: 'Tier', cell: (c) => <span class="badge tier">{c.tier}</span> },
                {
                  label: 'External id',
                  cell: (c) => c.externalId ?? <span class="muted">None</span>,
                  class: 'wrap-anywhere',
                },
                {
                  label: 'Tickets',
                  cell: (c) => <a href={`/tickets?customer=${enc(c.id)}`}>Open tickets</a>,
                },
                ...(canWork
                  ? [
                      {
                        label: 'Tier change',
                        cell: (c: Customer) =>
                          editing === c.id ? (
                            <Form
                              class="desk-form"
                              label={`Change the tier of ${c.name}`}
                              submit="Save tier"
                              actions={
                                <button
                                  type="button"

                                  onClick={() => setEditing(null)}
                                >
                                  Cancel
                                </button>
                              }
                              onSubmit={async (v) => {
                                await updateCustomer(c.id, { tier: v.tier });
                                setEditing(null);
                                announce(
                                  `${c.name} is now ${v.tier ?? ''}; its open tickets’ SLA clocks follow.`,
                                );
                                await customers.reload();
                              }}
                            >
                              <Field label="Tier" name="tier" required value={c.tier} />
                            </Form>
                          ) : (
                            <button
                              type="button"
                              class="small"
                              aria-label={`Change the tier of ${c.name}`}
                              onClick={() => setEditing(c.id)}
                            >
                              Change tier
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
      {canWork && (
        <section class="panel" aria-labelledby="add-customer">
          <h2 id="add-customer">Add a customer</h2>
          <Form
            label="Add a customer"
            submit="Add customer"
            resetOnSuccess
            onSubmit={async (v) => {
              const c = await createCustomer({
                name: v.name ?? '',
                tier: (v.tier ?? '').trim(),
                externalId: v.externalId || undefined,
              });
              announce(`Added ${c.name} (${c.tier}).`);
              await customers.reload();
            }}
          >
            <Field label="Name" name="name" required />
            <Field
              label="Tier"
              name="tier"
              required
              hint="Lower-case letters, digits, - or _, e.g. premium, business, standard."
            />
            <Field label="External id" name="externalId" hint="Its id in your helpdesk or CRM." />
          </Form>
        </section>
      )}
    </Page>
  );
}

const TEMPLATE_LABELS: Record<string, string> = {
  acknowledged: 'When engineering acknowledges the incident',
  status_update: 'When engineering posts a status update',
  resolved: 'When the incident is resolved',
};

export function MessageTemplatesPage() {
  const { isAdmin } = useSession();
  const templates = useLoad(listMessageTemplates, []);
  return (
    <Page
      title="Message templates"
      lead="When a linked incident changes, every ticket gets a suggested reply made from these texts; agents send it with one click."
    >
      <Loading state={templates}>
        {(t) => (
          <>
            <p>
              Placeholders:{' '}
              {t.placeholders.map((p, n) => (
                <span key={p}>
                  {n > 0 && ', '}
                  <code>{p}</code>
                </span>
              ))}
            </p>
            {t.items.length === 0 ? (
              <Empty>No templates: the built-in texts apply.</Empty>
            ) : (
              t.items.map((item) => (
                <TemplateEditor
                  key={item.event + (item.updatedAt ?? '')}
                  template={item}
                  editable={isAdmin}
                  saved={() => void templates.reload()}
                />
              ))
            )}
          </>
        )}
      </Loading>
    </Page>
  );
}

function TemplateEditor({
  template,
  editable,
  saved,
}: {
  template: MessageTemplate;
  editable: boolean;
  saved: () => void;
}) {
  const announce = useAnnounce();
  const title = TEMPLATE_LABELS[template.event] ?? template.event;
  const reset = async () => {
    try {
      await resetMessageTemplate(template.event);
      announce(`${title}: back to the built-in text.`);
      saved();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby={`template-${template.event}`}>
      <h2 id={`template-${template.event}`}>
        {title} {template.builtIn && <span class="badge">built-in</span>}
      </h2>
      {editable ? (
        <Form
          class="desk-form"
          label={title}
          submit="Save template"
          fieldAliases={{ body: `body-${template.event}` }}
          actions={
            !template.builtIn && (
              <button type="button" onClick={() => void reset()}>
                Use the built-in text
              </button>
            )
          }
          onSubmit={async (v) => {
            await saveMessageTemplate(template.event, v[`body-${template.event}`] ?? '');
            announce(`${title}: saved.`);
            saved();
          }}
        >
          <Field
            label="Text"
            name={`body-${template.event}`}
            required
            multiline
            value={template.body}
          />
        </Form>
      ) : (
        <p class="pre-wrap">{template.body}</p>
      )}
    </section>
  );
}

function ruleCondition(r: ImpactRule): string {
  const parts = [];
  if (r.minTickets !== null) parts.push(`at least ${r.minTickets} linked tickets`);
  if (r.tier !== null) parts.push(`a ${r.tier} customer affected`);
  return parts.join(' and ');
}

function ruleAction(r: ImpactRule, policies: PolicyName[] | undefined): string {
  if (r.action === 'raise_urgency') return 'Raise the incident to high urgency';
  const name = policies?.find((p) => p.id === r.policyId)?.name ?? 'an escalation policy';
  return `Also page ${name}`;
}

export function ImpactRulesPage() {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const rules = useLoad(listImpactRules, []);
  const policies = useLoad(listPolicyNames, []);
  const [action, setAction] = useState('raise_urgency');
  const toggle = async (r: ImpactRule) => {
    try {
      await replaceImpactRule(r.id, {
        name: r.name,
        minTickets: r.minTickets,
        tier: r.tier,
        action: r.action,
        policyId: r.policyId,
        enabled: !r.enabled,
      });
      announce(`${r.name} is ${r.enabled ? 'off' : 'on'}.`);
      await rules.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const remove = async (r: ImpactRule) => {
    if (!window.confirm(`Delete the impact rule “${r.name}”?`)) return;
    try {
      await deleteImpactRule(r.id);
      announce(`Deleted ${r.name}.`);
      await rules.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <Page
      title="Impact rules"
      lead="What happens to an incident once enough customers are hurt: each rule acts once per incident, when tickets are escalated or linked to it."
    >
      <Loading state={rules}>
        {(list) =>
          list.length === 0 ? (
            <Empty>
              No impact rules: incidents keep the urgency they were opened with.
              {isAdmin && ' Add one below, e.g. raise the urgency at ten linked tickets.'}
            </Empty>
          ) : (
            <DataTable
              caption="Impact rules"
              rows={list}
              rowKey={(r) => r.id}
              columns={[
                { label: 'Rule', rowHeader: true, cell: (r) => r.name },
                { label: 'When', cell: ruleCondition },
                { label: 'Then', cell: (r) => ruleAction(r, policies.data) },
                {
                  label: 'State',
                  cell: (r) => (r.enabled ? 'On' : <span class="muted">Off</span>),
                },
                ...(isAdmin
                  ? [
                      {
                        label: 'Actions',
                        class: 'row-actions',
                        cell: (r: ImpactRule) => (
                          <>
                            <button
                              type="button"
                              class="small"
                              aria-label={`${r.enabled ? 'Turn off' : 'Turn on'} ${r.name}`}
                              onClick={() => void toggle(r)}
                            >
                              {r.enabled ? 'Turn off' : 'Turn on'}
                            </button>{' '}
                            <button
                              type="button"
                              class="danger small"
                              aria-label={`Delete ${r.name}`}
                              onClick={() => void remove(r)}
                            >
                              Delete
                            </button>
                          </>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </Loading>
      {isAdmin && (
        <section class="panel" aria-labelledby="add-impact-rule">
          <h2 id="add-impact-rule">Add an impact rule</h2>
          <Form
            label="Add an impact rule"
            submit="Add rule"
            resetOnSuccess
            onSubmit={async (v) => {
              const rule = await createImpactRule({
                name: v.name ?? '',
                minTickets: v.minTickets ? Number(v.minTickets) : null,
                tier: v.tier?.trim() || null,
                action,
                policyId: action === 'add_responders' ? v.policyId || null : null,
              });
              announce(`Added the impact rule ${rule.name}.`);
              await rules.reload();
            }}
          >
            <Field label="Name" name="name" required />
            <Field
              label="At least this many linked tickets"
              name="minTickets"
              type="number"
              min="1"
              hint="Give this, a tier, or both (then both must hold)."
            />
            <Field label="A customer of tier" name="tier" hint="e.g. premium" />
            <Field
              label="Then"
              name="action"
              required
              value={action}
              onInput={setAction}
              options={[
                { value: 'raise_urgency', label: 'Raise the incident to high urgency' },
                { value: 'add_responders', label: 'Also page an escalation policy' },
              ]}
            />
            {action === 'add_responders' && (
              <Field
                label="Escalation policy to page"
                name="policyId"
                required
                options={[
                  { value: '', label: 'Choose an escalation policy' },
                  ...(policies.data ?? []).map((p) => ({ value: p.id, label: p.name })),
                ]}
              />
            )}
          </Form>
        </section>
      )}
    </Page>
  );
}

export function SupportSettingsPage() {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const settings = useLoad(getSupportSettings, []);
  const policies = useLoad(listPolicyNames, []);
  return (
    <Page
      title="Support settings"
      lead="When similar tickets surge: how many within how long, and who hears about it (a notice, not a page)."
    >
      <Loading state={settings}>
        {(s) =>
          isAdmin ? (
            <Form
              label="Surge alerts"
              submit="Save settings"
              onSubmit={async (v) => {
                const saved = await saveSupportSettings({
                  surgeThreshold: Number(v.surgeThreshold),
                  surgeWindowMinutes: Number(v.surgeWindowMinutes),
                  surgeAlertPolicyId: v.surgeAlertPolicyId || null,
                });
                settings.set(saved);
                announce('Saved the support settings.');
              }}
            >
              <Field
                label="Similar tickets that make a surge"
                name="surgeThreshold"
                type="number"
                min="2"
                max="1000"
                required
                value={String(s.surgeThreshold)}
              />
              <Field
                label="Within (minutes)"
                name="surgeWindowMinutes"
                type="number"
                min="1"
                max="1440"
                required
                value={String(s.surgeWindowMinutes)}
              />
              <Field
                label="Who hears about a surge"
                name="surgeAlertPolicyId"
                value={s.surgeAlertPolicyId ?? ''}
                options={[
                  { value: '', label: 'Every member of the support teams' },
                  ...(policies.data ?? []).map((p) => ({
                    value: p.id,
                    label: `The first step of ${p.name}`,
                  })),
                ]}
              />
            </Form>
          ) : (
            <p>
              A surge is {s.surgeThreshold} similar tickets within {s.surgeWindowMinutes} minutes.
              Only owners and admins change this.
            </p>
          )
        }
      </Loading>
    </Page>
  );
}
