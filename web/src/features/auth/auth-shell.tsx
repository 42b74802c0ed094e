import type { FormEvent, ReactNode } from "react";
import { Card, PageTitle } from "../../components/ui";

/** The narrow card every sign-in page sits in. */
export function AuthShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-md">
      <PageTitle subtitle={subtitle}>{title}</PageTitle>
      <Card>{children}</Card>
    </div>
  );
}

/** A submitted form's fields by name (and no page load). */
export function formValues(event: FormEvent<HTMLFormElement>) {
  event.preventDefault();
  return Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
}
