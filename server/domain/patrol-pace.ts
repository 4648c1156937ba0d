// How fast a patrol goes: the estimate that says whether one person can visit a task's houses before
// it is due. There is no road network (routing.ts measures straight lines), so the speed stands for
// the pace over the real paths; the defaults are an inspector on foot in a hilly village.
//
//   minutes of a task = route length ÷ speed + stops × minutes per stop
//   a person's budget = min(minutes until due, one shift)   — nobody patrols 72 h without sleep
//
// Set per deployment: ANJU_PATROL_KMH, ANJU_MINUTES_PER_STOP, ANJU_SHIFT_HOURS (server/config.ts).

export interface PatrolPace {
  /** Travel speed between houses, km/h (4: walking; 20–30: a motorbike on village roads). */
  speedKmh: number;
  /** Time at one house: look, ask, tick the checklist, photograph (看、听、记、拍、传). */
  minutesPerStop: number;
  /** At most this long for one person in one go, however far away the due time is. */
  shiftHours: number;
}

export const DEFAULT_PACE: PatrolPace = { speedKmh: 4, minutesPerStop: 15, shiftHours: 8 };

export function travelMinutes(metres: number, pace: PatrolPace): number {
  return (metres / 1000 / pace.speedKmh) * 60;
}

/** Time to walk a route of `lengthM` and stop at `stops` houses. */
export function routeMinutes(lengthM: number, stops: number, pace: PatrolPace): number {
  return travelMinutes(lengthM, pace) + stops * pace.minutesPerStop;
}

/** Minutes one person has for a task due `msUntilDue` from now: until then, and one shift at most. */
export function budgetMinutes(msUntilDue: number, pace: PatrolPace): number {
  return Math.max(0, Math.min(msUntilDue / 60_000, pace.shiftHours * 60));
}
