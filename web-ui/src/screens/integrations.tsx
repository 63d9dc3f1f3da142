// A service's integrations (owners and admins; the API refuses others, since a key is enough to
// page people): each with the URL (and for Events API v2 the key) to paste into a monitoring
// tool, rotate key, delete, and a form to add one. docs/integrations/inbound.md.

import type { Service } from '../api';
import {
  createIntegration,
  deleteIntegration,
  listIntegrations,
  rotateIntegrationKey,
  type Integration,
} from '../api/alerts';
import {
  CREATABLE_TYPES,
  heartbeatIntervalSeconds,
  integrationTarget,
  integrationTypeName,
  needsSeparateKey,
} from '../alerts';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { Empty, Loading } from '../ui/page';
import { CopyField } from '../ui/secret';
import { useAnnounce } from '../ui/status';
import { Time } from '../ui/Time';
import './alerts.css';

export function Integrations({ service }: { service: Service }) {
  const announce = useAnnounce();
  const list = useLoad(() => listIntegrations(service.id), [service.id]);

  const rotate = async (i: Integration) => {
    if (
      !window.confirm(
        `Rotate the key of ${i.name}? The old key stops working at once: update the tool that sends to it.`,
      )
    ) {
      return;
    }
    try {
      const next = await rotateIntegrationKey(service.id, i.id);
      announce(`Rotated the key of ${next.name}: the old key no longer works.`);
      await list.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  const remove = async (i: Integration) => {
    if (!window.confirm(`Delete the integration ${i.name}? Its key stops working at once.`)) {
      return;
    }
    try {
      await deleteIntegration(service.id, i.id);
      announce(`Deleted the integration ${i.name}.`);
      await list.reload();
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };

  return (
    <section class="panel" aria-labelledby="service-integrations">
      <h2 id="service-integrations">Integrations</h2>
      <p class="muted">
        Monitoring tools open incidents on this service by sending alerts to an integration. Only
        owners and admins see keys: whoever holds one can page people.
      </p>
      <Loading state={list}>
        {(items) =>
          items.length === 0 ? (
            <Empty>
              No integrations yet — add one to let your monitoring tool open incidents on this
              service.
            </Empty>
          ) : (
            <ul class="plain integration-list">
              {items.map((i) => (
                <li key={i.id} class="integration" aria-label={`Integration ${i.name}`}>
                  <h3>
                    {i.name} <span class="badge">{integrationTypeName(i.type)}</span>
                  </h3>
                  <p class="muted">
                    Added <Time at={i.createdAt} />
                  </p>
                  {i.heartbeat && (
                    <p class="muted">
                      Expects a ping every {Math.round(i.heartbeat.intervalSeconds / 60)} min (grace{' '}
                      {Math.round(i.heartbeat.graceSeconds / 60)} min): {i.heartbeat.status}
                      {i.heartbeat.lastPingAt && (
                        <>
                          , last ping <Time at={i.heartbeat.lastPingAt} />
                        </>
                      )}
                    </p>
                  )}
                  {integrationTarget(i) ? (
                    <>
                      <CopyField
                        label={`${integrationTarget(i)!.label} for ${i.name}`}
                        value={integrationTarget(i)!.value}
                      />
                      {needsSeparateKey(i.type) && (
                        <CopyField
                          label={`Integration key (routing_key) for ${i.name}`}
                          value={i.key}
                        />
                      )}
                    </>
                  ) : (
                    <p class="hint">This integration has no address to show.</p>
                  )}
                  <p class="integration-actions">
                    <button type="button" class="small" onClick={() => void rotate(i)}>
                      Rotate key<span class="visually-hidden"> of {i.name}</span>
                    </button>{' '}
                    <button type="button" class="small danger" onClick={() => void remove(i)}>
                      Delete<span class="visually-hidden"> {i.name}</span>
                    </button>
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
      <p class="hint">
        Prometheus Alertmanager or Grafana: use a PagerDuty receiver and change only its URL to the
        PagerDuty Events API v2 integration&rsquo;s URL (<code>…/v2/enqueue</code>), with its key as
        the routing key (Grafana: the Integration Key). Alertmanager can also post its own webhook
        to a Prometheus Alertmanager integration&rsquo;s URL. Any other tool can post JSON to a
        generic webhook.
      </p>
      <Form
        label="Add an integration"
        submit="Add integration"
        class="two-up"
        resetOnSuccess
        onSubmit={async (v) => {
          const type = v.type ?? '';
          const created = await createIntegration(service.id, {
            type,
            name: v.name ?? '',
            intervalSeconds:
              type === 'heartbeat' ? heartbeatIntervalSeconds(v.intervalMinutes) : undefined,
          });
          announce(`Added the integration ${created.name}: copy its URL into your tool.`);
          await list.reload();
        }}
      >
        <Field
          label="Type"
          name="type"
          required
          value="events_v2"
          options={CREATABLE_TYPES.map((t) => ({ value: t, label: integrationTypeName(t) }))}
          hint="Heartbeat: a URL your cron job pings; a missed ping opens an incident. Email: an address whose mail opens incidents."
        />
        <Field
          label="Integration name"
          name="name"
          required
          placeholder="e.g. Datadog production"
        />
        <Field
          label="Heartbeat interval (minutes)"
          name="intervalMinutes"
          type="number"
          hint="Heartbeat only; 1 minute to 7 days, 60 if empty."
        />
      </Form>
    </section>
  );
}
