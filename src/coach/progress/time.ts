/** A day as YYYY-MM-DD at `offsetMinutes` east of UTC. */
export function localDay(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The start of the reader's week (Monday 00:00 at their offset), as an ISO instant. */
export function weekStart(now: Date, offsetMinutes: number): string {
  const local = new Date(now.getTime() + offsetMinutes * 60_000);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const monday = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - sinceMonday);
  return new Date(monday - offsetMinutes * 60_000).toISOString();
}

/**
 * Consecutive days with practice, ending today or yesterday (a streak is not lost before the day is over);
 * `days` are YYYY-MM-DD at the reader's offset, newest first.
 */
export function streakOf(days: readonly string[], now: Date, offsetMinutes: number): number {
  const today = localDay(now, offsetMinutes);
  const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  let expected = days[0] === today ? today : dayBefore(today);
  let streak = 0;
  for (const day of days) {
    if (day !== expected) break;
    streak++;
    expected = dayBefore(day);
  }
  return streak;
}
