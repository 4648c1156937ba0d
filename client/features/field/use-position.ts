// The inspector's own position, watched while the field view is open. A refusal is a state the
// screen explains, not an error: results are then recorded without coordinates.
import { useEffect, useRef, useState } from 'react';

export type PositionStatus = 'locating' | 'ok' | 'denied' | 'unavailable' | 'unsupported';

export interface Fix {
  lon: number;
  lat: number;
  accuracyM: number | null;
  at: number;
}

/** A fix older than this is not "where the inspector stood" when they tapped. */
const FRESH_MS = 2 * 60_000;

export function usePosition(): { status: PositionStatus; fix: Fix | null; current(): Fix | null } {
  const [status, setStatus] = useState<PositionStatus>(() => (typeof navigator !== 'undefined' && navigator.geolocation ? 'locating' : 'unsupported'));
  const [fix, setFix] = useState<Fix | null>(null);
  const last = useRef<Fix | null>(null);
  useEffect(() => {
    if (!navigator.geolocation) return;
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const f = { lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: Number.isFinite(p.coords.accuracy) ? p.coords.accuracy : null, at: Date.now() };
        last.current = f;
        setFix(f);
        setStatus('ok');
      },
      (err) => setStatus(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, maximumAge: 15_000, timeout: 60_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return {
    status,
    fix,
    current: () => (last.current && Date.now() - last.current.at < FRESH_MS ? last.current : null),
  };
}
