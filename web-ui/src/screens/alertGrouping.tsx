// A service's cap on the incidents its alerts open: a storm of distinct alert keys opens at most
// this many incidents per window, and the rest attach to the newest open one, so nobody gets an SMS
// per alert. Everyone sees it; owners and admins change it. docs/integrations/alerts.md.

import {
  clearAlertGrouping,
  getAlertGrouping,
  setAlertGrouping,
  type AlertGrouping,
  type AlertLimits,
} from '../api/alerts';
import { errorText, Field, Form } from '../ui/form';
import { useLoad } from '../ui/load';
import { Loading } from '../ui/page';
import { useSession } from '../ui/session';
import { useAnnounce } from '../ui/status';

/** "5 incidents per 5 minutes". */
export function capText(limits: AlertLimits): string {
  if (limits.incidentsPerWindow === 0) return 'no cap';
  const incidents = `${limits.incidentsPerWindow} ${limits.incidentsPerWindow === 1 ? 'incident' : 'incidents'}`;
  return `${incidents} per ${windowText(limits.windowSeconds)}`;
}

function windowText(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

export function AlertGroupingPanel({ serviceId }: { serviceId: string }) {
  const { isAdmin } = useSession();
  const announce = useAnnounce();
  const grouping = useLoad(() => getAlertGrouping(serviceId), [serviceId]);
  const reset = async () => {
    try {
      grouping.set(await clearAlertGrouping(serviceId));
      announce('This service groups alerts by the defaults again.');
    } catch (error) {
      announce(errorText(error), 'error');
    }
  };
  return (
    <section class="panel" aria-labelledby="alert-grouping">
      <h2 id="alert-grouping">Alert storms</h2>
      <Loading state={grouping}>
        {(g: AlertGrouping) => (
          <>
            <p>
              Alerts with new keys open at most <strong>{capText(g)}</strong>
              {g.custom ? '' : ' (the default)'}; beyond that they join the newest open incident
              instead of paging again.
            </p>
            {isAdmin && (
              <details class="subpanel">
                <summary>Change the cap</summary>
                <Form
                  label="Cap on incidents from alerts"
                  submit="Save cap"
                  class="two-up"
                  fieldAliases={{ windowSeconds: 'windowMinutes' }}
                  onSubmit={async (v) => {
                    const next = await setAlertGrouping(serviceId, {
                      incidentsPerWindow: Number(v.incidentsPerWindow),
                      windowSeconds: Math.round(Number(v.windowMinutes) * 60),
                    });
                    grouping.set(next);
                    announce(`Saved: at most ${capText(next)}.`);
                  }}
                  actions={
                    g.custom && (
                      <button type="button" onClick={() => void reset()}>
                        Use the default ({capText(g.defaults)})
                      </button>
                    )
                  }
                >
                  <Field
                    key={`n-${g.incidentsPerWindow}`}
                    label="New incidents at most"
                    name="incidentsPerWindow"
                    type="number"
                    required
                    value={String(g.incidentsPerWindow)}
                    hint="1 to 100"
                  />
                  <Field
                    key={`w-${g.windowSeconds}`}
                    label="Per window of (minutes)"
                    name="windowMinutes"
                    type="number"
                    required
                    value={String(g.windowSeconds / 60)}
                    hint="1 to 1,440"
                  />
                </Form>
              </details>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
