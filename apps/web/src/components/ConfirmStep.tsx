import { type ReactNode, useId, useState } from "react";

interface ConfirmStepProps {
  /** The button that starts it: "Delete task". */
  action: string;
  /** What confirming does, in a sentence: "The task and its comments are deleted for everyone." */
  question: ReactNode;
  /** The confirming button's label: "Delete the task". */
  confirmLabel: string;
  /** While the call runs: "Deleting…". */
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
  /**
   * A word to type before the confirming button works (an organization's slug, a project's key): for what cannot
   * be undone and takes much with it. Without it, one more click confirms.
   */
  typeToConfirm?: string;
  /** The call's error, shown under the question (an ErrorNotice). */
  error?: ReactNode;
}

/**
 * A destructive action in two steps: the first click only asks. Nothing is posted until the person confirms,
 * and Cancel (or Escape in the typed word) leaves everything as it was.
 */
export function ConfirmStep(props: ConfirmStepProps) {
  const { action, question, confirmLabel, pendingLabel, pending, onConfirm, typeToConfirm, error } = props;
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const inputId = useId();
  if (!asking) {
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        {action}
      </button>
    );
  }
  const cancel = () => {
    setAsking(false);
    setTyped("");
  };
  const confirmed = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  return (
    <form
      className="confirm"
      aria-label={action}
      onSubmit={(event) => {
        event.preventDefault();
        if (confirmed && !pending) onConfirm();
      }}
    >
      <p>{question}</p>
      {typeToConfirm !== undefined ? (
        <div className="field">
          <label htmlFor={inputId}>
            Type <code>{typeToConfirm}</code> to confirm
          </label>
          <input
            id={inputId}
            value={typed}
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the person just asked for this field; typing is the next step.
            autoFocus
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape") cancel();
            }}
          />
        </div>
      ) : null}
      {error}
      <div className="actions">
        <button type="submit" className="danger primary-danger" disabled={!confirmed || pending}>
          {pending ? pendingLabel : confirmLabel}
        </button>
        <button type="button" onClick={cancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
