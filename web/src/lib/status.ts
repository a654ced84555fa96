/**
 * A request's detailed status as a shape, so status is never told by colour alone (the badge and
 * the map markers both use it, next to the word or an accessible name).
 */
export const STATUS_SHAPES: Record<string, string> = {
  SUBMITTED: '○',
  ACKNOWLEDGED: '◐',
  IN_PROGRESS: '◑',
  SCHEDULED: '◔',
  ON_HOLD: '‖',
  COMPLETED: '✓',
  CLOSED_NOT_FIXED: '✕',
  DUPLICATE: '⇆',
  CANCELED: '–',
};
