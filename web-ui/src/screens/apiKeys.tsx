// API keys for integrations (owners and admins): create (the token is shown once), list, revoke.

import { useState } from 'preact/hooks';
import { api, type ApiKey, type CreatedApiKey } from '../api';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { AdminOnly, DataTable, Empty, Loading, Page } from '../ui/page';
import { SecretBox } from '../ui/secret';
import { grantableRoles, ROLE_LABELS, roleOptions, useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import './directory.css';

export function ApiKeysPage() {
  return (
    <AdminOnly title="API keys">
      <ApiKeys />
    </AdminOnly>
  );
}

function ApiKeys() {
  const { session } = useSession();
  const announce = useAnnounce();
  const keys = useLoad(() => api.listApiKeys(), []);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const roles = grantableRoles(session.user.role);

  const revoke = async (k: ApiKey) => {
    if (!window.confirm(`Revoke “${k.name}”? Integrations using it stop working at once.`)) return;
    try {
      await api.revokeApiKey(k.id);
      announce(`Revoked ${k.name}.`);
      await keys.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  return (
    <Page
      title="API keys"
      lead={
        <>
          Integrations call the API with <code>Authorization: Bearer &lt;token&gt;</code>. A key
          acts with the role you give it.
        </>
      }
    >
      <section class="panel" aria-labelledby="create-key">
        <h2 id="create-key">Create a key</h2>
        <Form
          label="Create an API key"
          submit="Create key"
          class="two-up"
          resetOnSuccess
          onSubmit={async (v) => {
            setCreated(null);
            const role = roles.find((r) => r === v.role) ?? 'viewer';
            const result = await api.createApiKey({ name: v.name ?? '', role });
            setCreated(result);
            announce(`Created API key ${result.key.name}.`);
            await keys.reload();
          }}
        >
          <Field label="Name" name="name" required placeholder="e.g. Monitoring webhook" />
          <Field label="Role" name="role" required value="responder" options={roleOptions(roles)} />
        </Form>
        {created && (
          <SecretBox
            title={`Token for ${created.key.name}`}
            explain="Copy it now: Switchboard keeps only a hash and cannot show it again."
            label="Token"
            value={created.token}
          />
        )}
      </section>
      <section class="panel" aria-labelledby="keys">
        <h2 id="keys">Keys</h2>
        <Loading state={keys}>
          {(list) =>
            list.length === 0 ? (
              <Empty>
                No API keys yet. Create one above for each monitoring tool or script that opens
                incidents.
              </Empty>
            ) : (
              <DataTable
                caption="API keys"
                rows={list}
                rowKey={(k) => k.id}
                rowClass={(k) => (k.revokedAt ? 'inactive' : undefined)}
                columns={[
                  { label: 'Name', rowHeader: true, cell: (k) => k.name },
                  { label: 'Role', cell: (k) => ROLE_LABELS[k.role] },
                  { label: 'Token', cell: (k) => <code>{k.tokenHint}</code> },
                  { label: 'Created', cell: (k) => <Time at={k.createdAt} /> },
                  {
                    label: 'Last used',
                    cell: (k) =>
                      k.lastUsedAt ? <Time at={k.lastUsedAt} /> : <span class="muted">never</span>,
                  },
                  {
                    label: 'Status',
                    cell: (k) =>
                      k.revokedAt ? (
                        <span class="badge inactive">
                          Revoked <Time at={k.revokedAt} />
                        </span>
                      ) : (
                        'Active'
                      ),
                  },
                  {
                    label: 'Actions',
                    class: 'row-actions',
                    cell: (k) =>
                      k.revokedAt ? null : (
                        <button
                          type="button"
                          class="small danger"
                          aria-label={`Revoke API key ${k.name}`}
                          onClick={() => void revoke(k)}
                        >
                          Revoke
                        </button>
                      ),
                  },
                ]}
              />
            )
          }
        </Loading>
      </section>
    </Page>
  );
}
