// The outbox (owners and admins): every SMS, call and email the default provider kept instead of
// sending, newest first and live, with "Reply" on SMS pages to answer as the recipient would.

import { useState } from 'preact/hooks';
import { listOutbox, replyToOutbox, type OutboxMessage } from '../api/outbox';
import { Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { AdminOnly, DataTable, Empty, Loading, Page } from '../ui/page';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import { channelLabel, directionLabel, suggestedReply } from './outboxText';
import './directory.css';
import './outbox.css';

export function OutboxPage() {
  return (
    <AdminOnly title="Outbox">
      <Outbox />
    </AdminOnly>
  );
}

function Outbox() {
  const messages = useLoad(() => listOutbox(), [], { everyMs: 5000 });
  const [replying, setReplying] = useState<string | null>(null);
  return (
    <Page
      title="Outbox"
      lead="Messages Switchboard would have sent by SMS, voice and email. It refreshes by itself."
    >
      <Loading state={messages}>
        {(items) =>
          items.length === 0 ? (
            <Empty>
              No messages yet. With no Twilio or SendGrid configured, every page, verification code
              and test message lands here instead of on a phone. Add and verify a phone on{' '}
              <a href="/profile">your profile</a> or send yourself a test message to see one.
            </Empty>
          ) : (
            <DataTable
              caption="Outbox messages, newest first"
              rows={items}
              rowKey={(m) => m.id}
              rowClass={(m) => (m.direction === 'inbound' ? 'inbound' : undefined)}
              columns={[
                { label: 'When', class: 'nowrap', cell: (m) => <Time at={m.createdAt} /> },
                { label: 'Channel', class: 'nowrap', cell: (m) => channelLabel(m.channel) },
                {
                  label: 'To',
                  class: 'outbox-to',
                  cell: (m) => (
                    <span class="wrap-anywhere">
                      {m.direction === 'inbound' ? `From ${m.address}` : m.address}
                    </span>
                  ),
                },
                {
                  label: 'Message',
                  class: 'outbox-body',
                  cell: (m) => (
                    <>
                      {m.subject && <strong class="wrap-anywhere">{m.subject}</strong>}
                      <p class="pre-wrap wrap-anywhere">{m.body}</p>
                    </>
                  ),
                },
                {
                  label: 'Status',
                  class: 'nowrap',
                  cell: (m) => (
                    <span class={`badge ${m.direction === 'inbound' ? 'acknowledged' : ''}`}>
                      {directionLabel(m.direction)}
                    </span>
                  ),
                },
                {
                  label: 'Actions',
                  class: 'row-actions',
                  cell: (m) =>
                    m.channel === 'sms' && m.direction === 'outbound' ? (
                      replying === m.id ? (
                        <ReplyForm
                          message={m}
                          done={() => {
                            setReplying(null);
                            void messages.reload();
                          }}
                          cancel={() => setReplying(null)}
                        />
                      ) : (
                        <button
                          type="button"
                          class="small"
                          aria-label={`Reply to the SMS to ${m.address}`}
                          onClick={() => setReplying(m.id)}
                        >
                          Reply
                        </button>
                      )
                    ) : null,
                },
              ]}
            />
          )
        }
      </Loading>
    </Page>
  );
}

function ReplyForm({
  message,
  done,
  cancel,
}: {
  message: OutboxMessage;
  done: () => void;
  cancel: () => void;
}) {
  const announce = useAnnounce();
  return (
    <Form
      label={`Reply to the SMS to ${message.address}`}
      submit="Send reply"
      class="reply-form"
      actions={
        <button type="button" class="small" onClick={cancel}>
          Cancel
        </button>
      }
      onSubmit={async (v) => {
        const result = await replyToOutbox(message.id, v.body ?? '');
        announce(
          result.answer
            ? `Replied “${result.reply.body}”. Switchboard answered: ${result.answer.body}`
            : `Replied “${result.reply.body}”. Switchboard did not answer.`,
        );
        done();
      }}
    >
      <Field
        label="Reply text"
        name="body"
        required
        value={suggestedReply(message.body)}
        hint="42A acknowledges incident 42, 42R resolves it, 42E escalates it."
      />
    </Form>
  );
}
