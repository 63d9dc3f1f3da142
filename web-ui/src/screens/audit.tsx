// The audit log (owners and admins): who changed what and when, newest first, a page at a time.

import { useState } from 'preact/hooks';
import { api } from '../api';
import { useLoad } from '../ui/load';
import { AdminOnly, DataTable, Empty, Loading, Page } from '../ui/page';
import { Time } from '../ui/Time';
import './directory.css';

export const AUDIT_PAGE_SIZE = 25;

export function AuditPage() {
  return (
    <AdminOnly title="Audit log">
      <Audit />
    </AdminOnly>
  );
}

function Audit() {
  // The cursors of the pages before the current one, so "Newer" can go back.
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const before = cursors[cursors.length - 1] ?? null;
  const page = useLoad(() => api.auditPage({ before, limit: AUDIT_PAGE_SIZE }), [before]);
  return (
    <Page
      title="Audit log"
      lead="Every change made in your organization, by people and API keys, newest first."
    >
      <div aria-live="polite">
        <Loading state={page}>
          {(p) =>
            p.items.length === 0 ? (
              <Empty>Nothing recorded yet. Changes to users, teams and settings appear here.</Empty>
            ) : (
              <DataTable
                caption="Audit events"
                rows={p.items}
                rowKey={(e) => String(e.id)}
                columns={[
                  { label: 'When', class: 'nowrap', cell: (e) => <Time at={e.occurredAt} /> },
                  {
                    label: 'Who',
                    cell: (e) => e.actorName ?? <span class="muted">{e.actorKind}</span>,
                  },
                  { label: 'Action', cell: (e) => <code>{e.action}</code> },
                  {
                    label: 'What happened',
                    cell: (e) => <span class="wrap-anywhere">{e.summary}</span>,
                  },
                  { label: 'From', cell: (e) => <span class="muted">{e.clientIp ?? '—'}</span> },
                ]}
              />
            )
          }
        </Loading>
      </div>
      <nav class="pager" aria-label="Audit log pages">
        <button
          type="button"
          disabled={cursors.length === 1}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <span class="muted">Page {cursors.length}</span>
        <button
          type="button"
          disabled={!page.data || page.data.nextBefore === null}
          onClick={() => page.data && setCursors([...cursors, page.data.nextBefore])}
        >
          Older →
        </button>
      </nav>
    </Page>
  );
}
