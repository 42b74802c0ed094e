import { RequireUser } from "../../app/require-user";
import { Alert, PageTitle, Spinner } from "../../components/ui";
import { friendlyMessage } from "../../lib/api/client";
import { NextBookingsCard } from "../bookings/next-bookings-card";
import { ReaderWaitlist } from "../waitlist/reader-waitlist";
import { PhotoUploadCard } from "./photo-upload";
import { useMyReaderProfile } from "./queries";
import { RatesForm } from "./rates-form";
import { StatusCard } from "./status-card";

/** The reader's own page: status, callback line, booked readings, photo and rates. */
export function ReaderDashboardPage() {
  const profile = useMyReaderProfile();
  return (
    <RequireUser requiredRole="reader">
      {() => (
        <div className="mx-auto max-w-3xl">
          <PageTitle subtitle="Your status, bookings, rates and profile.">Reader dashboard</PageTitle>
          {profile.isLoading && <Spinner label="Loading your dashboard" />}
          {profile.error && <Alert>{friendlyMessage(profile.error)}</Alert>}
          {profile.data && (
            <div className="grid gap-6">
              <StatusCard readerUserId={profile.data.reader.userId} loaded={profile.data.reader.status} />
              <ReaderWaitlist />
              <NextBookingsCard />
              <PhotoUploadCard reader={profile.data.reader} />
              <RatesForm rates={profile.data.reader.rates} />
            </div>
          )}
        </div>
      )}
    </RequireUser>
  );
}
