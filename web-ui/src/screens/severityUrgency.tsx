// The tenant's severity → urgency mapping for alerts from monitoring tools: which severities page
// at high urgency (SMS and voice, now) and which at low. Everyone sees it; owners and admins
// change it. docs/integrations/inbound.md.

import {
  getSeverityUrgencies,
  setSeverityUrgencies,
  SEVERITIES,
  type Severity,
  type Urgency,
} from '../api/alerts';
import { Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { DataTable, Loading } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';

const URGENCY_NAMES: Record<Urgency, string> = {
  high: 'High: page now',
  low: 'Low: low-urgency rules',
};

export function SeverityUrgencySettings() {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const mapping = useLoad(() => getSeverityUrgencies(), []);

  return (
    <section class="panel" aria-labelledby="severity-urgency">
      <h2 id="severity-urgency">Alert severity → incident urgency</h2>
      <p class="muted">
        An alert from a monitoring tool names a severity; the incident it opens gets the urgency set
        here, for every service of the organization.
      </p>
      <Loading state={mapping}>
        {(current) =>
          isAdmin ? (
            <Form
              label="Alert severity to incident urgency"
              submit="Save urgencies"
              class="two-up"
              onSubmit={async (v) => {
                const changes: Partial<Record<Severity, Urgency>> = {};
                for (const severity of SEVERITIES) {
                  changes[severity] = (v[severity] ?? current[severity]) as Urgency;
                }
                await setSeverityUrgencies(changes);
                announce('Saved: new alerts open incidents with these urgencies.');
                await mapping.reload();
              }}
            >
              {SEVERITIES.map((severity) => (
                <Field
                  key={`${severity}-${current[severity]}`}
                  label={`Severity ${severity}`}
                  name={severity}
                  required
                  value={current[severity]}
                  options={(['high', 'low'] as Urgency[]).map((u) => ({
                    value: u,
                    label: URGENCY_NAMES[u],
                  }))}
                />
              ))}
            </Form>
          ) : (
            <DataTable
              caption="Alert severity and the urgency of the incident it opens"
              rows={SEVERITIES}
              rowKey={(s) => s}
              columns={[
                { label: 'Severity', rowHeader: true, cell: (s) => s },
                { label: 'Urgency', cell: (s) => URGENCY_NAMES[current[s]] },
              ]}
            />
          )
        }
      </Loading>
    </section>
  );
}
