import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Field } from "../../components/Field.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { useTRPC } from "../../trpc.ts";
import { priorityLabels } from "./task-labels.ts";

const fields = ["title", "priority"] as const;

export function CreateTaskForm({ organizationId, projectId }: { organizationId: string; projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.tasks.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter()),
    }),
  );
  const errors = fieldErrorsOf(create.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values = readForm(form, fields);
    create.mutate(
      { organizationId, projectId, title: values.title, priority: Number(values.priority) },
      { onSuccess: () => form.reset() },
    );
  };
  return (
    <section className="card" aria-labelledby="new-task-title">
      <h2 id="new-task-title">New task</h2>
      <form onSubmit={submit}>
        <Field label="Title" name="title" required error={errors.title} />
        <div className="field">
          <label htmlFor="new-task-priority">Priority</label>
          <select id="new-task-priority" name="priority" defaultValue="0">
            {priorityLabels.map((label, value) => (
              <option key={label} value={String(value)}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <FormError title="Could not create the task" error={create.error} fields={fields} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create task"}
        </button>
      </form>
    </section>
  );
}
