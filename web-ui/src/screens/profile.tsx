// /profile: the signed-in person's own settings — name and time zone, contact methods with
// verification by code and a test message, notification rules (which method after how many
// minutes), status updates on incidents they were paged for, a calendar feed of their shifts, and
// their password.

import { useState } from 'preact/hooks';
import { api, URGENCIES, type Urgency } from '../api';
import {
  addNotificationRule,
  channelLabel,
  createCalendarFeed,
  deleteContactMethod,
  deleteNotificationRule,
  listContactMethods,
  listNotificationRules,
  revokeCalendarFeed,
  sendTestMessage,
  changePassword,
  type CalendarFeed,
  type ContactMethod,
  type NotificationRule,
} from '../api/profile';
import { capitalize, errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { ROLE_LABELS, useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { zoneLabel } from '../ui/time';
import { AddMethodForm, VerifyMethod } from './contact';
import './profile.css';

export function ProfilePage() {
  const { session } = useSession();
  const me = session.user;
  return (
    <Page
      title="My profile"
      lead={`${me.email} · ${ROLE_LABELS[me.role]} in ${session.tenant.name}`}
    >
      <NameAndZone />
      <ContactAndRules userId={me.id} />
      <StatusUpdatesPanel />
      <CalendarFeedPanel userId={me.id} />
      <PasswordPanel />
    </Page>
  );
}

function NameAndZone() {
  const { session, update } = useSession();
  const announce = useAnnounce();
  const me = session.user;
  return (
    <section class="panel" aria-labelledby="profile-me">
      <h2 id="profile-me">Name and time zone</h2>
      <p class="muted">
        Every time in Switchboard is shown in your zone, now {zoneLabel(me.timeZone || 'UTC')}.
      </p>
      <Form
        label="Name and time zone"
        submit="Save"
        class="two-up"
        onSubmit={async (v) => {
          const user = await api.updateUser(me.id, {
            name: v.name ?? '',
            timeZone: (v.timeZone ?? '').trim(),
          });
          update({ ...session, user });
          announce('Saved your name and time zone.');
        }}
      >
        <Field label="Your name" name="name" value={me.name} required autocomplete="name" />
        <Field label="Time zone" name="timeZone" value={me.timeZone} required timeZones />
      </Form>
    </section>
  );
}

function StatusUpdatesPanel() {
  const { session, update } = useSession();
  const announce = useAnnounce();
  const me = session.user;
  const [saving, setSaving] = useState(false);
  const toggle = async (on: boolean) => {
    setSaving(true);
    try {
      const user = await api.updateUser(me.id, { statusUpdates: on });
      update({ ...session, user });
      announce(on ? 'Status updates are on.' : 'Status updates are off.');
    } catch (error) {
      announce(errorText(error), 'error');
    } finally {
      setSaving(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="profile-status-updates">
      <h2 id="profile-status-updates">Status updates</h2>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={me.statusUpdates}
          disabled={saving}
          onChange={(e) => void toggle(e.currentTarget.checked)}
        />{' '}
        Tell me when an incident I was paged for is acknowledged or resolved by someone else
      </label>
      <p class="muted">
        A short message on the contact method that paged you (email or SMS; a call&apos;s update
        goes by email, else SMS), so you can stand down.
      </p>
    </section>
  );
}

interface Reach {
  methods: ContactMethod[];
  rules: NotificationRule[];
}

function ContactAndRules({ userId }: { userId: string }) {
  const announce = useAnnounce();
  const reach = useLoad<Reach>(async () => {
    const [methods, rules] = await Promise.all([
      listContactMethods(userId),
      listNotificationRules(userId),
    ]);
    return { methods, rules };
  }, [userId]);
  const remove = async (m: ContactMethod) => {
    if (!window.confirm(`Delete ${channelLabel(m.channel)} ${m.address}? Its rules go with it.`)) {
      return;
    }
    try {
      await deleteContactMethod(userId, m.id);
      announce(`Deleted ${m.address}.`);
      await reach.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const test = async (m: ContactMethod) => {
    try {
      const result = await sendTestMessage(userId, m.id);
      if (result.sent) announce(`Sent a test message to ${m.address}.`);
      else
        announce(`Could not send to ${m.address}: ${result.sendError ?? 'unknown error'}`, 'error');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const removeRule = async (r: NotificationRule) => {
    try {
      await deleteNotificationRule(userId, r.id);
      announce('Deleted the rule.');
      await reach.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <Loading state={reach}>
      {({ methods, rules }) => (
        <>
          <section class="panel" aria-labelledby="profile-methods">
            <h2 id="profile-methods">Contact methods</h2>
            {methods.length === 0 ? (
              <Empty>
                No contact methods: Switchboard cannot page you. Add your mobile number below and
                verify it with the code it is sent.
              </Empty>
            ) : (
              <DataTable
                caption="Your contact methods"
                rows={methods}
                rowKey={(m) => m.id}
                columns={[
                  {
                    label: 'Method',
                    rowHeader: true,
                    cell: (m) => (
                      <>
                        {channelLabel(m.channel)} <span class="address">{m.address}</span>
                        {m.label && <span class="muted"> · {m.label}</span>}
                      </>
                    ),
                  },
                  { label: 'State', cell: (m) => <MethodState method={m} /> },
                  {
                    label: 'Actions',
                    class: 'row-actions',
                    cell: (m) => (
                      <>
                        {m.verifiedAt && !m.disabledAt && (
                          <button
                            type="button"
                            class="small"
                            aria-label={`Send a test message to ${m.address}`}
                            onClick={() => void test(m)}
                          >
                            Send test
                          </button>
                        )}{' '}
                        <button
                          type="button"
                          class="danger small"
                          aria-label={`Delete ${m.address}`}
                          onClick={() => void remove(m)}
                        >
                          Delete
                        </button>
                      </>
                    ),
                  },
                ]}
              />
            )}
            {methods
              .filter((m) => m.verifiedAt === null)
              .map((m) => (
                <div key={m.id} class="profile-verify">
                  <h3>
                    Verify {channelLabel(m.channel)} {m.address}
                  </h3>
                  <VerifyMethod method={m} onVerified={reach.reload} />
                </div>
              ))}
            <h3>Add a contact method</h3>
            <AddMethodForm userId={userId} onAdded={reach.reload} />
          </section>
          <RulesPanel
            userId={userId}
            methods={methods}
            rules={rules}
            onChange={reach.reload}
            remove={removeRule}
          />
        </>
      )}
    </Loading>
  );
}

function MethodState({ method }: { method: ContactMethod }) {
  if (method.disabledAt) return <span class="warn">Stopped (the number replied STOP)</span>;
  if (method.verifiedAt) return <span class="ok">Verified</span>;
  return <span class="warn">Not verified: not paged until you enter its code</span>;
}

function delayText(minutes: number): string {
  return minutes === 0 ? 'at once' : `after ${minutes} min`;
}

function RulesPanel({
  userId,
  methods,
  rules,
  onChange,
  remove,
}: {
  userId: string;
  methods: ContactMethod[];
  rules: NotificationRule[];
  onChange: () => Promise<void>;
  remove: (rule: NotificationRule) => Promise<void>;
}) {
  const announce = useAnnounce();
  const byId = new Map(methods.map((m) => [m.id, m]));
  const sorted = rules
    .slice()
    .sort((a, b) => a.urgency.localeCompare(b.urgency) || a.delayMinutes - b.delayMinutes);
  const usable = methods.filter((m) => m.verifiedAt !== null && m.disabledAt === null);
  return (
    <section class="panel" aria-labelledby="profile-rules">
      <h2 id="profile-rules">Notification rules</h2>
      <p class="muted">
        When you are paged, each rule sends one message through its method after its delay, until
        someone acknowledges. Low-urgency incidents use the high-urgency rules when there are no low
        ones.
      </p>
      {sorted.length === 0 ? (
        <Empty>
          No rules yet: a page goes at once to your first verified method (SMS, then voice, then
          email). Add rules below, e.g. SMS at once and a call after 5 minutes.
        </Empty>
      ) : (
        <DataTable
          caption="Your notification rules"
          rows={sorted}
          rowKey={(r) => r.id}
          columns={[
            { label: 'Urgency', rowHeader: true, cell: (r) => capitalize(r.urgency) },
            {
              label: 'Method',
              cell: (r) => {
                const m = byId.get(r.contactMethodId);
                return m ? `${channelLabel(m.channel)} ${m.address}` : 'a deleted method';
              },
            },
            { label: 'When', cell: (r) => delayText(r.delayMinutes) },
            {
              label: 'Actions',
              class: 'row-actions',
              cell: (r) => (
                <button
                  type="button"
                  class="danger small"
                  aria-label={`Delete the ${r.urgency}-urgency rule ${delayText(r.delayMinutes)}`}
                  onClick={() => void remove(r)}
                >
                  Delete
                </button>
              ),
            },
          ]}
        />
      )}
      <h3>Add a rule</h3>
      {usable.length === 0 ? (
        <p class="muted">Verify a contact method first; rules only use verified methods.</p>
      ) : (
        <Form
          label="Add a notification rule"
          submit="Add rule"
          class="two-up"
          onSubmit={async (v) => {
            const rule = await addNotificationRule(userId, {
              contactMethodId: v.contactMethodId ?? '',
              urgency: (v.urgency ?? 'high') as Urgency,
              delayMinutes: Number(v.delayMinutes === '' ? NaN : v.delayMinutes),
            });
            const m = byId.get(rule.contactMethodId);
            announce(
              `Added: ${rule.urgency} urgency, ${m ? channelLabel(m.channel) : 'method'} ${delayText(rule.delayMinutes)}.`,
            );
            await onChange();
          }}
        >
          <Field
            label="Method"
            name="contactMethodId"
            required
            options={usable.map((m) => ({
              value: m.id,
              label: `${channelLabel(m.channel)} ${m.address}`,
            }))}
          />
          <Field
            label="Urgency"
            name="urgency"
            value="high"
            required
            options={URGENCIES.map((u) => ({ value: u, label: capitalize(u) }))}
          />
          <Field
            label="Minutes after the page"
            name="delayMinutes"
            type="number"
            min="0"
            max="1440"
            value="0"
            required
            hint="0 sends at once."
          />
        </Form>
      )}
    </section>
  );
}

function CalendarFeedPanel({ userId }: { userId: string }) {
  const announce = useAnnounce();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    try {
      setFeed(await createCalendarFeed({ userId }));
      announce('Made a calendar link. Copy it now: it is shown only once.');
    } catch (error) {
      announce(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    if (!feed) return;
    try {
      await revokeCalendarFeed(feed.id);
      setFeed(null);
      announce('The calendar link no longer works.');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby="profile-calendar">
      <h2 id="profile-calendar">Calendar feed of my shifts</h2>
      <p class="muted">
        A secret address your calendar app subscribes to: every shift of yours, two weeks back to 90
        days ahead, kept up to date. Anyone with the address can read it.
      </p>
      {feed ? (
        <div class="secret-box">
          <p>Copy this address now; it is not shown again.</p>
          <label for="calendar-url">Calendar address</label>
          <input
            id="calendar-url"
            class="secret"
            readOnly
            value={feed.url}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div class="actions">
            <button type="button" class="danger" onClick={() => void revoke()}>
              Stop this link
            </button>
          </div>
        </div>
      ) : (
        <button type="button" disabled={busy} onClick={() => void create()}>
          Make a calendar link
        </button>
      )}
    </section>
  );
}

function PasswordPanel() {
  const announce = useAnnounce();
  return (
    <section class="panel" aria-labelledby="profile-password">
      <h2 id="profile-password">Change my password</h2>
      <p class="muted">Your other sessions end; this one stays signed in.</p>
      <Form
        label="Change my password"
        submit="Change password"
        class="two-up"
        resetOnSuccess
        onSubmit={async (v) => {
          await changePassword({
            currentPassword: v.currentPassword ?? '',
            newPassword: v.newPassword ?? '',
          });
          announce('Changed your password. Your other sessions have ended.');
        }}
      >
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          required
          autocomplete="current-password"
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          required
          autocomplete="new-password"
          hint="At least 10 characters."
        />
      </Form>
    </section>
  );
}
