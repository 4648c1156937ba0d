// The camera button and the thumbnails of the photos picked for a report (a stop's result, a damage
// report): at most `max`, previews as object URLs released when the pick changes or the form goes.
import { useEffect, useMemo, type Dispatch, type SetStateAction } from 'react';

export function PhotoPicker(props: {
  photos: File[];
  setPhotos: Dispatch<SetStateAction<File[]>>;
  max: number;
  takeLabel: string;
  photoAlt: (n: number) => string;
  listLabel?: string;
  /** Given: each thumbnail has a remove button with this label. */
  removeLabel?: (n: number) => string;
}) {
  const { photos, setPhotos, max, removeLabel } = props;
  const previews = useMemo(() => photos.map((f) => URL.createObjectURL(f)), [photos]);
  useEffect(() => () => previews.forEach((u) => URL.revokeObjectURL(u)), [previews]);
  return (
    <div className="photos">
      <label className={`button photos__take${photos.length >= max ? ' photos__take--full' : ''}`}>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          aria-label={props.takeLabel}
          disabled={photos.length >= max}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            setPhotos((cur) => [...cur, ...files].slice(0, max));
            e.target.value = '';
          }}
        />
        📷 {props.takeLabel}
      </label>
      <ul className="photos__list" aria-label={props.listLabel}>
        {previews.map((src, i) => (
          <li key={src}>
            <img src={src} alt={props.photoAlt(i + 1)} />
            {removeLabel && (
              <button
                type="button"
                className="photos__remove"
                aria-label={removeLabel(i + 1)}
                onClick={() => setPhotos((cur) => cur.filter((_, j) => j !== i))}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
