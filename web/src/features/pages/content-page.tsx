import type { ReactNode } from "react";
import { Card, PageTitle } from "../../components/ui";

/** A page of prose (about, help, terms…) in the SoulSeer card. */
export function ContentPage({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
}) {
  return (
    <div className="mx-auto max-w-3xl">
      <PageTitle subtitle={subtitle}>{title}</PageTitle>
      <Card className="prose-soul">{children}</Card>
    </div>
  );
}
