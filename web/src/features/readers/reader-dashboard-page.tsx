import { Link } from "react-router";
import { RequireUser } from "../../app/require-user";
import { Alert, Card, PageTitle, Spinner } from "../../components/ui";
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
              <Card>
                <h2 className="font-body text-2xl text-gold-soft">Live streams</h2>
                <p className="mt-1 text-white/75">
                  Go live to many viewers at once, or schedule a stream: public, for invited clients, or with
                  a ticket. Viewers chat and send gifts; 70 % of gifts and tickets is yours.
                </p>
                <Link
                  to="/reader/streams"
                  className="mt-4 inline-flex min-h-11 items-center rounded-full bg-pink px-5 font-semibold text-night hover:bg-pink-soft"
                >
                  Your streams
                </Link>
              </Card>
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
