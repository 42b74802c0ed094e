import { type FormEvent, useState } from "react";
import { Button, Select, TextField } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { type Role, useChangeRole } from "./queries";

/** A user's role, changed with a reason (audit-logged). */
export function RoleChanger({ userId, role }: { userId: string; role: Role }) {
  const [next, setNext] = useState<Role>(role);
  const [reason, setReason] = useState("");
  const change = useChangeRole(userId);
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        change.mutate({ role: next, reason }, { onSuccess: () => setReason("") });
      }}
    >
      <Select
        label="New role"
        hideLabel
        value={next}
        onChange={(event) => setNext(event.target.value as Role)}
      >
        <option value="client">client</option>
        <option value="reader">reader</option>
        <option value="admin">admin</option>
      </Select>
      <TextField
        label="Reason"
        hideLabel
        controlClassName="w-44"
        placeholder="Reason (required)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <Button
        type="submit"
        variant="gold"
        disabled={change.isPending || next === role || reason.trim().length < 3}
      >
        Change role
      </Button>
      <span aria-live="polite" className="text-sm">
        {change.isSuccess && <span className="text-emerald-300">Saved</span>}
        {change.error && <span className="text-red-300">{friendlyMessage(change.error)}</span>}
      </span>
    </form>
  );
}
