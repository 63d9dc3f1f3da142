import { useSession } from './session';
import { browserZone, formatDateTime, formatShort, relative } from './time';

/** The zone a signed-in person reads times in. */
export function useViewerZone(): string {
  return useSession().session.user.timeZone || browserZone();
}

/** An instant in the viewer's zone, with the zone named; the exact ISO time on hover. */
export function Time({
  at,
  style = 'long',
}: {
  at: string;
  style?: 'long' | 'short' | 'relative';
}) {
  const zone = useViewerZone();
  const text =
    style === 'relative'
      ? relative(at)
      : style === 'short'
        ? formatShort(at, zone)
        : formatDateTime(at, zone);
  return (
    <time dateTime={at} title={formatDateTime(at, zone)}>
      {text}
    </time>
  );
}
