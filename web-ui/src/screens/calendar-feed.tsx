// A secret calendar address (iCalendar) of a schedule's shifts or of one person's shifts: create
// it, copy it, revoke it. The API shows the address once and has no list of feeds, so the box
// keeps the one made here until it is revoked or the page is left.

import { useState } from 'preact/hooks';
import { createCalendarFeed, revokeCalendarFeed, type CalendarFeed } from '../api/schedules';
import { errorText } from '../ui/form';
import { useAnnounce } from '../ui/status';

export function CalendarFeedBox({
  target,
  what,
}: {
  target: { scheduleId: string } | { userId: string };
  /** "the shifts of Primary", "your shifts". */
  what: string;
}) {
  const announce = useAnnounce();
  const [feed, setFeed] = useState<CalendarFeed | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      announce(errorText(error), 'error');
    } finally {
      setBusy(false);
    }
  };

  if (!feed) {
    return (
      <div class="calendar-feed">
        <p>
          Subscribe to {what} in Google Calendar, Outlook or Apple Calendar with a secret address
          (14 days back, 90 days ahead). It is shown once; anyone with it can read the shifts, so
          revoke it when it leaks.
        </p>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              setFeed(await createCalendarFeed(target));
              announce('Calendar address created. Copy it now: it is shown only once.');
            })
          }
        >
          Create calendar address
        </button>
      </div>
    );
  }
  return (
    <div class="secret-box calendar-feed">
      <p>Copy this address into your calendar app now; it will not be shown again.</p>
      <label for={`feed-${feed.id}`}>Calendar address (secret)</label>
      <input id={`feed-${feed.id}`} class="secret" readOnly value={feed.url} />
      <div class="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await navigator.clipboard.writeText(feed.url);
              announce('Calendar address copied.');
            })
          }
        >
          Copy
        </button>
        <button
          type="button"
          class="danger"
          disabled={busy}
          onClick={() =>
            void run(async () => {
              await revokeCalendarFeed(feed.id);
              setFeed(null);
              announce('Calendar address revoked: it no longer works.');
            })
          }
        >
          Revoke
        </button>
      </div>
    </div>
  );
}
