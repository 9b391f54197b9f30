import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { hasAppCode } from "../../lib/error-messages.ts";
import { type Member, type Task, useTRPC } from "../../trpc.ts";
import { taskChanges, taskFormFields } from "./task-edit.ts";
import { priorityLabels } from "./task-labels.ts";

interface TaskEditFormProps {
  organizationId: string;
  task: Task;
  members: readonly Member[];
  onDone: () => void;
}

/**
 * Edits title, description, priority, assignee and due date: only the changed fields are sent, with the version
 * the screen read. If someone changed the task meanwhile (STALE_WRITE), the form stays open with the sentence and
 * the fresh task refills it (it is keyed by version), so the person checks and saves again.
 */
export function TaskEditForm({ organizationId, task, members, onDone }: TaskEditFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const taskKey = trpc.tasks.get.queryKey({ organizationId, taskId: task.id });
  const [unchanged, setUnchanged] = useState(false);
  const update = useMutation(
    trpc.tasks.update.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(taskKey, saved);
        onDone();
      },
      onError: (error) => {
        if (hasAppCode(error, "STALE_WRITE")) return queryClient.invalidateQueries({ queryKey: taskKey });
      },
      onSettled: () => queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter()),
    }),
  );
  const errors = fieldErrorsOf(update.error, taskFormFields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes = taskChanges(task, readForm(event.currentTarget, taskFormFields));
    if (Object.keys(changes).length === 0) {
      setUnchanged(true);
      return;
    }
    setUnchanged(false);
    update.mutate({ organizationId, taskId: task.id, version: task.version, ...changes });
  };
  // The current assignee may be past the first page of members, or no longer a member: still show them selected.
  const assigneeListed = task.assigneeId === null || members.some((m) => m.userId === task.assigneeId);

  return (
    <form key={task.version} onSubmit={submit} aria-label="Edit the task">
      <Field label="Title" name="title" required defaultValue={task.title} error={errors.title} />
      <div className={errors.description ? "field invalid" : "field"}>
        <label htmlFor="task-edit-description">Description</label>
        <textarea
          id="task-edit-description"
          name="description"
          rows={5}
          defaultValue={task.description}
          aria-invalid={errors.description ? true : undefined}
        />
        {errors.description ? <p className="field-error">{errors.description}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="task-edit-priority">Priority</label>
        <select id="task-edit-priority" name="priority" defaultValue={String(task.priority)}>
          {priorityLabels.map((label, value) => (
            <option key={label} value={String(value)}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className={errors.assigneeId ? "field invalid" : "field"}>
        <label htmlFor="task-edit-assignee">Assignee</label>
        <select id="task-edit-assignee" name="assigneeId" defaultValue={task.assigneeId ?? ""}>
          <option value="">Unassigned</option>
          {assigneeListed ? null : <option value={task.assigneeId ?? ""}>The current assignee</option>}
          {members.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name}
            </option>
          ))}
        </select>
        {errors.assigneeId ? <p className="field-error">{errors.assigneeId}</p> : null}
      </div>
      <Field
        label="Due date"
        name="dueDate"
        type="date"
        defaultValue={task.dueDate ?? ""}
        hint="Leave empty for no due date."
        error={errors.dueDate}
      />
      <FormError title="The task was not saved" error={update.error} fields={taskFormFields} />
      {unchanged ? <p className="muted">Nothing changed, so there is nothing to save.</p> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" onClick={onDone} disabled={update.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
