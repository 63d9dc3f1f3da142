// Adding a contact method and verifying it by the code it was sent: shared by the onboarding
// checklist (your phone) and the profile (every method). While no SMS or email provider is set,
// codes wait in the outbox; owners and admins see the latest message to the address right here.

import { useSession } from '../ui/session';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import { listOutbox } from '../api/onboarding';
import {
  addContactMethod,
  CHANNELS,
  channelLabel,
  sendCode,
  verifyContactMethod,
  type Channel,
  type ContactMethod,
  type ContactMethodSent,
} from '../api/profile';

/** What to say after a code was (or could not be) sent. */
function sentText(sent: ContactMethodSent): string {
  const where = `${channelLabel(sent.method.channel)} ${sent.method.address}`;
  if (sent.method.verifiedAt) return `${where} is verified already.`;
  if (sent.codeSent) return `A 6-digit code is on its way to ${where}. Enter it to verify.`;
  return `Could not send a code to ${where}: ${sent.sendError ?? 'unknown error'}. Try “Send a new code”.`;
}

export function AddMethodForm({
  userId,
  only,
  onAdded,
}: {
  userId: string;
  /** Offer this channel only (the onboarding's phone step: SMS). */
  only?: Channel;
  onAdded: (sent: ContactMethodSent) => Promise<void> | void;
}) {
  const announce = useAnnounce();
  return (
    <Form
      label={only === 'sms' ? 'Add your mobile number' : 'Add a contact method'}
      submit={only === 'sms' ? 'Add number and send code' : 'Add and send code'}
      class="two-up"
      resetOnSuccess
      onSubmit={async (v) => {
        const sent = await addContactMethod(userId, {
          channel: (only ?? v.channel ?? 'sms') as Channel,
          address: (v.address ?? '').trim(),
          label: v.label,
        });
        announce(sentText(sent), sent.codeSent || sent.method.verifiedAt ? 'info' : 'error');
        await onAdded(sent);
      }}
    >
      {!only && (
        <Field
          label="Channel"
          name="channel"
          required
          options={CHANNELS.map((c) => ({ value: c.value, label: c.label }))}
        />
      )}
      <Field
        label={only === 'sms' ? 'Mobile number' : 'Phone number or email'}
        name="address"
        type={only === 'sms' ? 'tel' : 'text'}
        autocomplete={only === 'sms' ? 'tel' : 'off'}
        required
        hint="Phone numbers in international format, e.g. +14155550123."
      />
      {!only && <Field label="Label" name="label" placeholder="e.g. Work mobile" />}
    </Form>
  );
}

/** The code form of one unverified method, with "Send a new code" and the outbox's message. */
export function VerifyMethod({
  method,
  onVerified,
}: {
  method: ContactMethod;
  onVerified: (method: ContactMethod) => Promise<void> | void;
}) {
  const announce = useAnnounce();
  const resend = async () => {
    try {
      announce(sentText(await sendCode(method.userId, method.id)));
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <div class="verify-method">
      <Form
        label={`Verify ${method.address}`}
        submit="Verify"
        class="inline"
        onSubmit={async (v) => {
          const verified = await verifyContactMethod(method.userId, method.id, v.code ?? '');
          announce(`${channelLabel(verified.channel)} ${verified.address} is verified.`);
          await onVerified(verified);
        }}
        actions={
          <button type="button" onClick={() => void resend()}>
            Send a new code
          </button>
        }
      >
        <Field
          label={`Code sent to ${method.address}`}
          name="code"
          required
          autocomplete="one-time-code"
          hint="The 6 digits of the message (a voice call reads them twice). Codes last 10 minutes."
        />
      </Form>
      <OutboxLatest address={method.address} />
    </div>
  );
}

/**
 * The newest message the outbox kept for an address (owners and admins only), refreshed every
 * 3 s: where codes and pages arrive while no provider is configured.
 */
export function OutboxLatest({ address }: { address: string }) {
  const { isAdmin } = useSession();
  const latest = useLoad(
    async () => (isAdmin ? ((await listOutbox({ address, limit: 1 }))[0] ?? null) : null),
    [address, isAdmin],
    { everyMs: 3000 },
  );
  if (!isAdmin) return null;
  const message = latest.data;
  return (
    <p class="outbox-latest">
      {message ? (
        <>
          <span class="muted">
            Latest in the <a href="/outbox">outbox</a> for {address} (
            <Time at={message.createdAt} style="short" />
            ):
          </span>{' '}
          <q>{message.body}</q>
        </>
      ) : (
        <span class="muted">
          Nothing for {address} in the <a href="/outbox">outbox</a> yet. Without an SMS provider
          configured, messages wait there instead of being sent.
        </span>
      )}
    </p>
  );
}
