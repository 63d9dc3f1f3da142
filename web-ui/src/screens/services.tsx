// The service directory: "who owns…?" answered by searching services, descriptions and teams.

import { useEffect, useState } from 'preact/hooks';
import { api, type Service, type Team } from '../api';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Empty, Loading, Page } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';
import { SeverityUrgencySettings } from './severityUrgency';

export function ServicesPage() {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const [query, setQuery] = useState(
    () => new URLSearchParams(window.location.search).get('q') ?? '',
  );
  const [debounced, setDebounced] = useState(query);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(query), 200);
    return () => window.clearTimeout(timer);
  }, [query]);
  useEffect(() => {
    const q = debounced.trim();
    window.history.replaceState(
      null,
      '',
      q === '' ? '/services' : `/services?q=${encodeURIComponent(q)}`,
    );
  }, [debounced]);

  const services = useLoad(() => api.searchServices(debounced), [debounced]);
  const teams = useLoad(
    () => (isAdmin ? api.listTeams() : Promise.resolve([] as Team[])),
    [isAdmin],
  );

  const remove = async (s: Service) => {
    if (!window.confirm(`Delete the service “${s.name}”?`)) return;
    try {
      await api.deleteService(s.id);
      announce(`Deleted ${s.name}.`);
      await services.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  return (
    <Page
      title="Service directory"
      lead="Find the team that owns a service — search by service name, what it does, or team name."
    >
      <form
        role="search"
        class="search"
        aria-label="Search services"
        onSubmit={(e) => {
          e.preventDefault();
          setDebounced(query);
        }}
      >
        <label for="service-search">Who owns…?</label>
        <div class="search-row">
          <input
            id="service-search"
            type="search"
            name="q"
            placeholder="Service, description or team, e.g. “checkout”"
            autoComplete="off"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button type="submit">Search</button>
        </div>
      </form>
      <div class="results" aria-live="polite">
        <Loading state={services}>
          {(items) =>
            items.length === 0 ? (
              <Empty>
                {debounced.trim() === ''
                  ? `No services yet.${isAdmin ? ' Add the first one below.' : ''}`
                  : `No service matches “${debounced.trim()}”.`}
              </Empty>
            ) : (
              <DataTable
                caption="Services and their owning teams"
                rows={items}
                rowKey={(s) => s.id}
                columns={[
                  {
                    label: 'Service',
                    rowHeader: true,
                    cell: (s) => <a href={`/services/${encodeURIComponent(s.id)}`}>{s.name}</a>,
                  },
                  {
                    label: 'Description',
                    cell: (s) => s.description || <span class="muted">No description</span>,
                  },
                  {
                    label: 'Owning team',
                    cell: (s) => (
                      <>
                        <a href={`/teams/${encodeURIComponent(s.team.id)}`}>{s.team.name}</a>{' '}
                        <span class={`badge ${s.team.kind}`}>{s.team.kind}</span>
                      </>
                    ),
                  },
                  {
                    label: 'Escalation',
                    cell: (s) =>
                      s.escalationPolicyId ? (
                        <a
                          href={`/escalation-policies/${encodeURIComponent(s.escalationPolicyId)}`}
                        >
                          Policy attached
                        </a>
                      ) : (
                        <span class="warn">Pages nobody: no policy</span>
                      ),
                  },
                  ...(isAdmin
                    ? [
                        {
                          label: 'Actions',
                          class: 'row-actions',
                          cell: (s: Service) => (
                            <button
                              type="button"
                              class="danger small"
                              aria-label={`Delete service ${s.name}`}
                              onClick={() => void remove(s)}
                            >
                              Delete
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
      </div>
      {isAdmin && (
        <section class="panel" aria-labelledby="add-service">
          <h2 id="add-service">Add a service</h2>
          <Loading state={teams}>
            {(list) =>
              list.length === 0 ? (
                <p>
                  Every service is owned by a team. <a href="/teams">Create a team</a> first.
                </p>
              ) : (
                <Form
                  label="Add a service"
                  submit="Add service"
                  resetOnSuccess
                  onSubmit={async (v) => {
                    const service = await api.createService({
                      name: v.name ?? '',
                      description: v.description,
                      teamId: v.teamId ?? '',
                    });
                    announce(`Added ${service.name}, owned by ${service.team.name}.`);
                    await services.reload();
                  }}
                >
                  <Field label="Service name" name="name" required />
                  <Field
                    label="Description"
                    name="description"
                    multiline
                    hint="What it does, so people can find it."
                  />
                  <Field
                    label="Owning team"
                    name="teamId"
                    required
                    options={list.map((t) => ({ value: t.id, label: `${t.name} (${t.kind})` }))}
                  />
                </Form>
              )
            }
          </Loading>
        </section>
      )}
      <SeverityUrgencySettings />
    </Page>
  );
}
