// Teams: the list, creating one, and a team's page with its members and owned services.

import { useState } from 'preact/hooks';
import { api, TEAM_KINDS, type TeamDetail, type TeamKind, type User } from '../api';
import { navigate } from '../app';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import './directory.css';

const KIND_OPTIONS = TEAM_KINDS.map((k) => ({
  value: k,
  label: k === 'engineering' ? 'Engineering (on call for incidents)' : 'Support (owns tickets)',
}));

function kindOf(value: string | undefined): TeamKind {
  return value === 'support' ? 'support' : 'engineering';
}

export function TeamsPage() {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const teams = useLoad(() => api.listTeams(), []);
  return (
    <Page
      title="Teams"
      lead="Engineering teams go on call for the services they own; support teams own customer tickets."
    >
      <Loading state={teams}>
        {(items) =>
          items.length === 0 ? (
            <Empty>
              No teams yet.
              {isAdmin
                ? ' Create the first one below.'
                : ' Ask an owner or admin to create your team.'}
            </Empty>
          ) : (
            <DataTable
              caption="Teams"
              rows={items}
              rowKey={(t) => t.id}
              columns={[
                {
                  label: 'Team',
                  rowHeader: true,
                  cell: (t) => <a href={`/teams/${encodeURIComponent(t.id)}`}>{t.name}</a>,
                },
                { label: 'Kind', cell: (t) => <span class={`badge ${t.kind}`}>{t.kind}</span> },
                {
                  label: 'Description',
                  cell: (t) => t.description || <span class="muted">—</span>,
                },
                { label: 'Members', class: 'num', cell: (t) => t.memberCount },
                { label: 'Services', class: 'num', cell: (t) => t.serviceCount },
              ]}
            />
          )
        }
      </Loading>
      {isAdmin && (
        <section class="panel" aria-labelledby="create-team">
          <h2 id="create-team">Create a team</h2>
          <Form
            label="Create a team"
            submit="Create team"
            onSubmit={async (v) => {
              const team = await api.createTeam({
                name: v.name ?? '',
                kind: kindOf(v.kind),
                description: v.description,
              });
              announce(`Created team ${team.name}.`);
              navigate(`/teams/${encodeURIComponent(team.id)}`);
            }}
          >
            <Field label="Team name" name="name" required />
            <Field label="Kind" name="kind" required options={KIND_OPTIONS} />
            <Field label="Description" name="description" multiline />
          </Form>
        </section>
      )}
    </Page>
  );
}

export function TeamPage({ params }: { params: { id: string } }) {
  const { isAdmin } = useSession();
  const team = useLoad(() => api.getTeam(params.id), [params.id]);
  const users = useLoad(
    () => (isAdmin ? api.listUsers() : Promise.resolve([] as User[])),
    [isAdmin],
  );
  return (
    <Loading state={team}>
      {(detail) => (
        <TeamView team={detail} users={users.data ?? []} show={team.set} isAdmin={isAdmin} />
      )}
    </Loading>
  );
}

function TeamView({
  team,
  users,
  show,
  isAdmin,
}: {
  team: TeamDetail;
  users: User[];
  show: (detail: TeamDetail) => void;
  isAdmin: boolean;
}) {
  const announce = useAnnounce();
  const act = async (work: () => Promise<TeamDetail>, message: string) => {
    try {
      show(await work());
      announce(message);
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const memberIds = new Set(team.members.map((m) => m.id));
  const candidates = users.filter((u) => u.active && !memberIds.has(u.id));

  return (
    <Page
      title={team.name}
      titleExtra={
        <>
          {' '}
          <span class={`badge ${team.kind}`}>{team.kind}</span>
        </>
      }
      lead={team.description ?? undefined}
      breadcrumb={{ href: '/teams', label: 'All teams' }}
    >
      <div class="columns">
        <section class="panel" aria-labelledby="team-members">
          <h2 id="team-members">Members ({team.members.length})</h2>
          {team.members.length === 0 ? (
            <Empty>
              No members yet.
              {isAdmin ? ' Add people below.' : ' An owner or admin adds them.'}
            </Empty>
          ) : (
            <ul class="list">
              {team.members.map((m) => (
                <li key={m.id}>
                  <span class="who">
                    <strong>{m.name}</strong> <span class="muted wrap-anywhere">{m.email}</span>
                  </span>
                  {!m.active && <span class="badge inactive">deactivated</span>}
                  {isAdmin && (
                    <button
                      type="button"
                      class="small"
                      aria-label={`Remove ${m.name} from ${team.name}`}
                      onClick={() =>
                        void act(
                          () => api.removeTeamMember(team.id, m.id),
                          `Removed ${m.name} from ${team.name}.`,
                        )
                      }
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {isAdmin &&
            (candidates.length === 0 ? (
              <p class="muted">
                Everyone active is already a member. <a href="/users">Invite more people</a>.
              </p>
            ) : (
              <Form
                label="Add a member"
                submit="Add member"
                class="inline"
                onSubmit={async (v) => {
                  const user = candidates.find((u) => u.id === v.userId);
                  show(await api.addTeamMember(team.id, v.userId ?? ''));
                  announce(`Added ${user?.name ?? 'the member'} to ${team.name}.`);
                }}
              >
                <Field
                  label="Add a member"
                  name="userId"
                  required
                  options={candidates.map((u) => ({
                    value: u.id,
                    label: `${u.name} (${u.email})`,
                  }))}
                />
              </Form>
            ))}
        </section>
        <section class="panel" aria-labelledby="team-services">
          <h2 id="team-services">Owned services ({team.services.length})</h2>
          {team.services.length === 0 ? (
            <Empty>
              This team owns no services yet.{' '}
              {isAdmin && <a href="/services">Add one in the service directory</a>}
            </Empty>
          ) : (
            <ul class="list">
              {team.services.map((s) => (
                <li key={s.id}>
                  <a href={`/services/${encodeURIComponent(s.id)}`}>{s.name}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {isAdmin && <EditTeam team={team} show={show} />}
    </Page>
  );
}

function EditTeam({ team, show }: { team: TeamDetail; show: (detail: TeamDetail) => void }) {
  const announce = useAnnounce();
  const remove = async () => {
    if (!window.confirm(`Delete the team “${team.name}”? This cannot be undone.`)) return;
    try {
      await api.deleteTeam(team.id);
      announce(`Deleted team ${team.name}.`);
      navigate('/teams');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  // The form is drawn once opened, so the page does not hold the team's texts twice.
  const [open, setOpen] = useState(false);
  return (
    <details class="panel" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Edit or delete this team</summary>
      {open && (
        <Form
          label="Edit team"
          submit="Save team"
          onSubmit={async (v) => {
            const updated = await api.updateTeam(team.id, {
              name: v.name,
              kind: kindOf(v.kind),
              description: v.description ?? '',
            });
            show(updated);
            announce(`Saved ${updated.name}.`);
          }}
        >
          <Field label="Team name" name="name" required value={team.name} />
          <Field label="Kind" name="kind" required options={KIND_OPTIONS} value={team.kind} />
          <Field label="Description" name="description" multiline value={team.description ?? ''} />
        </Form>
      )}
      <div class="danger-zone">
        <button type="button" class="danger" onClick={() => void remove()}>
          Delete team
        </button>
      </div>
    </details>
  );
}
