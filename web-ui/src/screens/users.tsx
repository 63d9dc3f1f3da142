// Users: everyone in the organization; owners and admins change roles, deactivate and
// reactivate people, and invite new ones with a one-time accept link.

import { useState } from 'preact/hooks';
import { api, type CreatedInvitation, type Role, type User } from '../api';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { SecretBox } from '../ui/secret';
import { grantableRoles, ROLE_LABELS, roleOptions, useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import './directory.css';

export function UsersPage() {
  const { session, isAdmin } = useSession();
  const announce = useAnnounce();
  const users = useLoad(() => api.listUsers(), []);
  const me = session.user;
  const grantable = grantableRoles(me.role);

  const setActive = async (user: User, active: boolean) => {
    if (
      !active &&
      !window.confirm(`Deactivate ${user.name}? They will be logged out and cannot log in.`)
    ) {
      return;
    }
    try {
      await (active ? api.reactivateUser(user.id) : api.deactivateUser(user.id));
      announce(`${active ? 'Reactivated' : 'Deactivated'} ${user.name}.`);
      await users.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  const mayManage = (u: User) => isAdmin && u.id !== me.id && grantable.includes(u.role);

  return (
    <Page
      title="Users"
      lead={
        <>
          Everyone who can sign in to {session.tenant.name}. Your own name, time zone and password
          are on <a href="/profile">your profile</a>.
        </>
      }
    >
      <section class="panel" aria-labelledby="people">
        <h2 id="people">
          People in {session.tenant.name}
          {users.data ? ` (${users.data.length})` : ''}
        </h2>
        <Loading state={users}>
          {(list) => (
            <DataTable
              caption="Users"
              rows={list}
              rowKey={(u) => u.id}
              rowClass={(u) => (u.active ? undefined : 'inactive')}
              columns={[
                {
                  label: 'Name',
                  rowHeader: true,
                  cell: (u) => (
                    <>
                      {u.name}
                      {u.id === me.id && <span class="muted"> (you)</span>}
                    </>
                  ),
                },
                { label: 'Email', cell: (u) => <span class="wrap-anywhere">{u.email}</span> },
                {
                  label: 'Role',
                  cell: (u) =>
                    mayManage(u) ? (
                      <RoleChanger user={u} roles={grantable} onChanged={users.reload} />
                    ) : (
                      ROLE_LABELS[u.role]
                    ),
                },
                { label: 'Time zone', cell: (u) => u.timeZone },
                {
                  label: 'Status',
                  cell: (u) =>
                    u.active ? 'Active' : <span class="badge inactive">Deactivated</span>,
                },
                ...(isAdmin
                  ? [
                      {
                        label: 'Actions',
                        class: 'row-actions',
                        cell: (u: User) =>
                          mayManage(u) ? (
                            <button
                              type="button"
                              class={u.active ? 'small danger' : 'small'}
                              aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`}
                              onClick={() => void setActive(u, !u.active)}
                            >
                              {u.active ? 'Deactivate' : 'Reactivate'}
                            </button>
                          ) : null,
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Loading>
      </section>
      {isAdmin && <InviteSection roles={grantable} />}
    </Page>
  );
}

/** A role picker and its button for one user; changing a role revokes that user's API keys. */
function RoleChanger({
  user,
  roles,
  onChanged,
}: {
  user: User;
  roles: Role[];
  onChanged: () => Promise<void>;
}) {
  const announce = useAnnounce();
  const [role, setRole] = useState<Role>(user.role);
  const [busy, setBusy] = useState(false);
  const id = `role-${user.id}`;
  const change = async (event: Event) => {
    event.preventDefault();
    if (role === user.role) return;
    setBusy(true);
    try {
      const updated = await api.updateUser(user.id, { role });
      announce(`${updated.name} is now ${ROLE_LABELS[updated.role]}.`);
      await onChanged();
    } catch (error) {
      announce(errorText(error), 'error');
      setRole(user.role);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="role-change" onSubmit={(e) => void change(e)}>
      <label for={id} class="visually-hidden">
        Role of {user.name}
      </label>
      <select
        id={id}
        value={role}
        onChange={(e) => setRole(e.currentTarget.value as Role)}
        disabled={busy}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        class="small"
        disabled={busy || role === user.role}
        aria-label={`Change the role of ${user.name}`}
      >
        Change role
      </button>
    </form>
  );
}

function InviteSection({ roles }: { roles: Role[] }) {
  const announce = useAnnounce();
  const invitations = useLoad(() => api.listInvitations(), []);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const revoke = async (id: string, email: string) => {
    try {
      await api.revokeInvitation(id);
      announce(`Revoked the invitation for ${email}.`);
      await invitations.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  return (
    <section class="panel" aria-labelledby="invite">
      <h2 id="invite">Invite someone</h2>
      <Form
        label="Invite someone"
        submit="Create invitation"
        class="two-up"
        resetOnSuccess
        onSubmit={async (v) => {
          setCreated(null);
          const role = roles.find((r) => r === v.role) ?? 'viewer';
          const result = await api.invite({ email: (v.email ?? '').trim(), role });
          setCreated(result);
          announce(`Invited ${result.invitation.email} as ${ROLE_LABELS[result.invitation.role]}.`);
          await invitations.reload();
        }}
      >
        <Field label="Email" name="email" type="email" required />
        <Field label="Role" name="role" required value="responder" options={roleOptions(roles)} />
      </Form>
      {created && (
        <SecretBox
          title={`Invitation for ${created.invitation.email}`}
          explain="Send them this link. It is shown only once and works for 7 days."
          label="Accept link"
          value={created.acceptUrl}
        />
      )}
      <h3 id="pending-invitations">
        Pending invitations{invitations.data ? ` (${invitations.data.length})` : ''}
      </h3>
      <Loading state={invitations}>
        {(list) =>
          list.length === 0 ? (
            <Empty>No pending invitations. Invite someone with the form above.</Empty>
          ) : (
            <ul class="list" aria-labelledby="pending-invitations">
              {list.map((i) => (
                <li key={i.id}>
                  <span class="who">
                    <strong class="wrap-anywhere">{i.email}</strong>{' '}
                    <span class="muted">
                      {ROLE_LABELS[i.role]} · expires <Time at={i.expiresAt} />
                    </span>
                  </span>
                  <button
                    type="button"
                    class="small"
                    aria-label={`Revoke the invitation for ${i.email}`}
                    onClick={() => void revoke(i.id, i.email)}
                  >
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </section>
  );
}
